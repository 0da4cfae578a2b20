using System.Numerics;
using System.Runtime.CompilerServices;

namespace DeepPrep.Backends.Gemm;

/// <summary>
/// Packing: copying a block of A or B into the exact order the micro-kernel will read it.
/// </summary>
/// <remarks>
/// <para>Why copy at all? The micro-kernel streams through an MR×kc sliver of A and a kc×NR sliver of
/// B for every tile. Read in place, those slivers are scattered: MR rows of A that are lda apart, or kc
/// rows of B that are ldb apart (and with power-of-two strides such as 512 bytes, those rows all land in
/// the same few L1 cache sets and evict each other). Packed, each sliver is one contiguous run that
/// the kernel reads front to back: every cache line fetched is fully used, the hardware prefetcher
/// sees one sequential stream, and the TLB needs a handful of pages. The copy costs O(mc·kc) and
/// O(kc·nc) while the arithmetic it feeds is O(mc·kc·nc), so it pays for itself on anything but tiny
/// matrices. Packing also absorbs the transposes (op(A), op(B) are read through strides here, once)
/// and the ragged edges (partial slivers are padded with zeros, so the kernel always sees a full tile).</para>
/// <para>Layouts (s = sliver index):</para>
/// <code>
/// packed A: sliver of MR rows, column by column:  A[s·MR + r, p] at dst[s·MR·kc + p·MR + r]
/// packed B: sliver of NR columns, row by row:      B[p, s·NR + j] at dst[s·NR·kc + p·NR + j]
/// </code>
/// </remarks>
internal static unsafe class Packing<T, TVec, TSimd>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
    where TVec : struct
    where TSimd : struct, ISimd<T, TVec>
{
    private const int MR = MicroKernel<T, TVec, TSimd>.MR;

    /// <summary>
    /// Packs the mc×kc block op(A)[i, p] = a[i·rsA + p·csA] into ⌈mc/MR⌉ slivers of MR rows (zero-padded).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(T* a, nint rsA, nint csA, int mc, int kc, T* dst)
    {
        for (int i = 0; i < mc; i += MR)
        {
            int rows = Math.Min(MR, mc - i);
            T* src = a + i * rsA;
            if (rows == MR)
            {
                // Full sliver: gather one element from each of the MR rows per step of p.
                nint r1 = rsA, r2 = 2 * rsA, r3 = 3 * rsA, r4 = 4 * rsA, r5 = 5 * rsA;
                for (int p = 0; p < kc; p++)
                {
                    dst[0] = src[0]; dst[1] = src[r1]; dst[2] = src[r2];
                    dst[3] = src[r3]; dst[4] = src[r4]; dst[5] = src[r5];
                    src += csA;
                    dst += MR;
                }
            }
            else
            {
                // Ragged bottom edge: zero the sliver in one go, then copy the rows that exist, one row at a time (a short
                // loop over the few rows inside the long loop over p cost more than the copying itself).
                new Span<T>(dst, MR * kc).Clear();
                for (int r = 0; r < rows; r++)
                {
                    T* from = src + r * rsA, to = dst + r;
                    for (int p = 0; p < kc; p++) to[p * MR] = from[p * csA];
                }
                dst += MR * kc;
            }
        }
    }

    /// <summary>
    /// Packs the kc×nc block op(B)[p, j] = b[p·rsB + j·csB] into ⌈nc/NR⌉ slivers of NR columns (zero-padded).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB(T* b, nint rsB, nint csB, int kc, int nc, T* dst)
    {
        int nr = MicroKernel<T, TVec, TSimd>.NR, w = TSimd.Count;
        for (int j = 0; j < nc; j += nr)
        {
            int cols = Math.Min(nr, nc - j);
            T* src = b + j * csB;
            if (cols == nr && csB == 1)
            {
                // B row-major (not transposed): each row of the sliver is two contiguous vectors.
                for (int p = 0; p < kc; p++)
                {
                    TSimd.Store(TSimd.Load(src), dst);
                    TSimd.Store(TSimd.Load(src + w), dst + w);
                    src += rsB;
                    dst += nr;
                }
            }
            else if (rsB == 1)
            {
                // B transposed: a column of op(B) is contiguous in memory, so read down columns.
                for (int jj = 0; jj < cols; jj++)
                {
                    T* s = src + jj * csB;
                    T* d = dst + jj;
                    for (int p = 0; p < kc; p++) d[p * nr] = s[p];
                }
                PadColumns(dst, cols, nr, kc);
                dst += kc * nr;
            }
            else
            {
                // Ragged right edge of a row-major B.
                for (int p = 0; p < kc; p++)
                {
                    for (int jj = 0; jj < cols; jj++) dst[jj] = src[jj * csB];
                    src += rsB;
                    dst += nr;
                }
                PadColumns(dst - kc * nr, cols, nr, kc);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PadColumns(T* sliver, int cols, int nr, int kc)
    {
        if (cols == nr) return;
        for (int p = 0; p < kc; p++)
            for (int jj = cols; jj < nr; jj++) sliver[p * nr + jj] = T.Zero;
    }
}
