using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace DeepPrep.Backends.Gemm;

/// <summary>
/// The GEMM micro-kernel: one MR×NR tile of C from an MR×kc sliver of A and a kc×NR sliver of B.
/// Everything else in the GEMM exists to feed this loop from the fastest memory possible.
/// </summary>
/// <remarks>
/// <para><b>Register blocking.</b> The tile of C being computed lives entirely in vector registers for
/// the whole k loop and is written to memory once at the end. With 256-bit vectors (8 floats or 4
/// doubles) the tile is MR = 6 rows × NR = 2 vectors (16 floats / 8 doubles), so:</para>
/// <code>
///   12 accumulators  c00 c01 … c50 c51   (6 rows × 2 vectors)
///  + 2 registers      b0, b1              (the current row of the B sliver)
///  + 1 register       a                   (the current A element, broadcast to all lanes)
///  = 15 of the 16 YMM registers AVX2 has, so nothing spills to the stack.
/// </code>
/// <para>Why this shape: every step p loads 2 vectors of B and broadcasts 6 scalars of A (8 loads)
/// to do 12 FMAs, 1.5 FMAs per load, so the loop is bound by FMA throughput, not by loads. And 12
/// independent accumulators keep both FMA units busy: an FMA takes ~4 cycles of latency and a core issues
/// 2 per cycle, so at least 8 independent chains are needed to hide the latency. (A 4×3-vector tile
/// also fits; 6×2 is the classic AVX2 choice because the B row is two contiguous vectors.)</para>
/// <para>The same code is used for 512-bit vectors (AVX-512 has 32 registers, so this tile uses fewer
/// than it could) and for 128-bit vectors.</para>
/// <para>A and B are read through strides, so the same kernel multiplies packed panels (A sliver
/// column-major with rsA = 1, csA = MR; B sliver row-major with rsB = NR) and, for small matrices,
/// the caller's arrays directly (no packing).</para>
/// </remarks>
internal static unsafe class MicroKernel<T, TVec, TSimd>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
    where TVec : struct
    where TSimd : struct, ISimd<T, TVec>
{
    /// <summary>Rows of the register tile.</summary>
    public const int MR = 6;

    /// <summary>Columns of the register tile: two vectors (16 floats with AVX2).</summary>
    public static int NR
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => 2 * TSimd.Count;
    }

    /// <summary>
    /// C[r, j] ← α·Σ_p A[r, p]·B[p, j] + β·C[r, j] for the MR×NR tile, with A[r, p] at a[r·rsA + p·csA],
    /// B[p, j] at b[p·rsB + j] and C[r, j] at c[r·ldc + j]. With β = 0, C is not read.
    /// </summary>
    // AggressiveOptimization (here and on the other hot loops): compile fully optimised on the first call. By default
    // .NET first runs a quick, unoptimised version and recompiles after ~30 calls plus a delay; a notebook's first few
    // hundred milliseconds of GEMMs measured up to 2× slower that way.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, T* a, nint rsA, nint csA, T* b, nint rsB, T* c, nint ldc, T alpha, T beta)
    {
        TVec c00 = TSimd.Zero, c01 = TSimd.Zero, c10 = TSimd.Zero, c11 = TSimd.Zero;
        TVec c20 = TSimd.Zero, c21 = TSimd.Zero, c30 = TSimd.Zero, c31 = TSimd.Zero;
        TVec c40 = TSimd.Zero, c41 = TSimd.Zero, c50 = TSimd.Zero, c51 = TSimd.Zero;
        int w = TSimd.Count;
        nint r1 = rsA, r2 = 2 * rsA, r3 = 3 * rsA, r4 = 4 * rsA, r5 = 5 * rsA;

        // Ask for the C tile now, so it arrives from L3/memory while the k loop runs instead of stalling the
        // stores at the end (C is touched once per KC block, long after it left L1). One hint per cache line.
        // (Not for short k loops: there the tile is written a few dozen cycles from now and the hints only cost issue slots.)
        if (Sse.IsSupported && kc >= 64)
            for (int r = 0; r < MR; r++)
            {
                Sse.Prefetch0(c + r * ldc);
                Sse.Prefetch0(c + r * ldc + 2 * w - 1);
            }

        for (int p = 0; p < kc; p++)
        {
            // One rank-1 update of the tile: (column p of A) ⊗ (row p of B).
            TVec b0 = TSimd.Load(b), b1 = TSimd.Load(b + w);
            TVec ar = TSimd.Broadcast(a[0]);
            c00 = TSimd.MultiplyAdd(ar, b0, c00); c01 = TSimd.MultiplyAdd(ar, b1, c01);
            ar = TSimd.Broadcast(a[r1]);
            c10 = TSimd.MultiplyAdd(ar, b0, c10); c11 = TSimd.MultiplyAdd(ar, b1, c11);
            ar = TSimd.Broadcast(a[r2]);
            c20 = TSimd.MultiplyAdd(ar, b0, c20); c21 = TSimd.MultiplyAdd(ar, b1, c21);
            ar = TSimd.Broadcast(a[r3]);
            c30 = TSimd.MultiplyAdd(ar, b0, c30); c31 = TSimd.MultiplyAdd(ar, b1, c31);
            ar = TSimd.Broadcast(a[r4]);
            c40 = TSimd.MultiplyAdd(ar, b0, c40); c41 = TSimd.MultiplyAdd(ar, b1, c41);
            ar = TSimd.Broadcast(a[r5]);
            c50 = TSimd.MultiplyAdd(ar, b0, c50); c51 = TSimd.MultiplyAdd(ar, b1, c51);
            a += csA;
            b += rsB;
        }

        if (alpha == T.One && beta == T.Zero)
        {
            // The common case (C = A·B): store the accumulators as they are (1·x = x, so skipping the multiply by α
            // changes no bit), which matters when k is short and the stores are a large part of the tile's work.
            TSimd.Store(c00, c); TSimd.Store(c01, c + w);
            TSimd.Store(c10, c + ldc); TSimd.Store(c11, c + ldc + w);
            TSimd.Store(c20, c + 2 * ldc); TSimd.Store(c21, c + 2 * ldc + w);
            TSimd.Store(c30, c + 3 * ldc); TSimd.Store(c31, c + 3 * ldc + w);
            TSimd.Store(c40, c + 4 * ldc); TSimd.Store(c41, c + 4 * ldc + w);
            TSimd.Store(c50, c + 5 * ldc); TSimd.Store(c51, c + 5 * ldc + w);
            return;
        }
        TVec va = TSimd.Broadcast(alpha);
        if (beta == T.Zero)
        {
            // Overwrite: C is never read, so whatever was in it (even NaN) cannot leak into the result.
            StoreRow(c, c00, c01, va, w);
            StoreRow(c + ldc, c10, c11, va, w);
            StoreRow(c + 2 * ldc, c20, c21, va, w);
            StoreRow(c + 3 * ldc, c30, c31, va, w);
            StoreRow(c + 4 * ldc, c40, c41, va, w);
            StoreRow(c + 5 * ldc, c50, c51, va, w);
        }
        else
        {
            TVec vb = TSimd.Broadcast(beta);
            UpdateRow(c, c00, c01, va, vb, w);
            UpdateRow(c + ldc, c10, c11, va, vb, w);
            UpdateRow(c + 2 * ldc, c20, c21, va, vb, w);
            UpdateRow(c + 3 * ldc, c30, c31, va, vb, w);
            UpdateRow(c + 4 * ldc, c40, c41, va, vb, w);
            UpdateRow(c + 5 * ldc, c50, c51, va, vb, w);
        }
    }

    /// <summary>c[0..NR) ← α·acc.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(T* c, TVec acc0, TVec acc1, TVec va, int w)
    {
        TSimd.Store(TSimd.Multiply(va, acc0), c);
        TSimd.Store(TSimd.Multiply(va, acc1), c + w);
    }

    /// <summary>c[0..NR) ← α·acc + β·c.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void UpdateRow(T* c, TVec acc0, TVec acc1, TVec va, TVec vb, int w)
    {
        TSimd.Store(TSimd.MultiplyAdd(vb, TSimd.Load(c), TSimd.Multiply(va, acc0)), c);
        TSimd.Store(TSimd.MultiplyAdd(vb, TSimd.Load(c + w), TSimd.Multiply(va, acc1)), c + w);
    }
}
