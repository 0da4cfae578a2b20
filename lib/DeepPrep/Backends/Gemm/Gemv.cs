using System.Numerics;
using System.Runtime.CompilerServices;

namespace DeepPrep.Backends.Gemm;

/// <summary>
/// GEMM when C is a single row (m = 1) or a single column (n = 1): a vector–matrix product.
/// </summary>
/// <remarks>
/// <para>A 6×16 register tile would be 1/6 or 1/16 useful here, so these shapes get their own loops. Both
/// reduce to one routine, "row vector times matrix": a column of C is a row of Cᵀ = op(B)ᵀ·op(A)ᵀ, i.e. the
/// same product with A and B swapped and transposed, which for row-major storage is just swapped strides.</para>
/// <para>It has two forms, chosen by which direction of the matrix is contiguous in memory:</para>
/// <code>
/// axpy form (matrix rows contiguous):     c[j..j+32) += a[p] · M[p, j..j+32)   4 vector accumulators over j
/// dot form  (matrix columns contiguous):  c[j] = Σ_p a[p] · M[p, j]            4 dot products at once, sharing loads of a
/// </code>
/// <para>These are memory-bound (each matrix element is used once), so they run single-threaded.</para>
/// </remarks>
internal static unsafe class Gemv<T, TVec, TSimd>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
    where TVec : struct
    where TSimd : struct, ISimd<T, TVec>
{
    /// <summary>
    /// c[j·incC] ← α·Σ_p a[p·incA]·M[p·rsM + j·csM] + β·c[j·incC] for j &lt; n (C not read when β = 0).
    /// One of rsM, csM must be 1. <paramref name="scratch"/> holds at least k elements.
    /// </summary>
    public static void RowTimesMatrix(int n, int k, T* a, nint incA, T* m, nint rsM, nint csM,
                                      T* c, nint incC, T alpha, T beta, T* scratch)
    {
        if (csM == 1) AxpyForm(n, k, a, incA, m, rsM, c, incC, alpha, beta);
        else
        {
            if (incA != 1)
            {
                // The dot form streams a with vector loads: gather it into a contiguous copy first.
                for (int p = 0; p < k; p++) scratch[p] = a[p * incA];
                a = scratch;
            }
            DotForm(n, k, a, m, csM, c, incC, alpha, beta);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AxpyForm(int n, int k, T* a, nint incA, T* m, nint rsM, T* c, nint incC, T alpha, T beta)
    {
        int w = TSimd.Count, j = 0;
        T* lanes = stackalloc T[4 * 64 / sizeof(T)]; // room for 4 vectors of the widest type
        for (; j <= n - 4 * w; j += 4 * w)
        {
            TVec s0 = TSimd.Zero, s1 = TSimd.Zero, s2 = TSimd.Zero, s3 = TSimd.Zero;
            T* row = m + j;
            for (int p = 0; p < k; p++, row += rsM)
            {
                TVec ap = TSimd.Broadcast(a[p * incA]);
                s0 = TSimd.MultiplyAdd(ap, TSimd.Load(row), s0);
                s1 = TSimd.MultiplyAdd(ap, TSimd.Load(row + w), s1);
                s2 = TSimd.MultiplyAdd(ap, TSimd.Load(row + 2 * w), s2);
                s3 = TSimd.MultiplyAdd(ap, TSimd.Load(row + 3 * w), s3);
            }
            TSimd.Store(s0, lanes); TSimd.Store(s1, lanes + w); TSimd.Store(s2, lanes + 2 * w); TSimd.Store(s3, lanes + 3 * w);
            Write(c + j * incC, incC, lanes, 4 * w, alpha, beta);
        }
        if (j <= n - 2 * w)
        {
            // Two vectors of columns side by side: two independent FMA chains instead of one after the other (each
            // chain waits ~4 cycles per step for the previous FMA). Each column is still summed over p in order.
            TVec s0 = TSimd.Zero, s1 = TSimd.Zero;
            T* row = m + j;
            for (int p = 0; p < k; p++, row += rsM)
            {
                TVec ap = TSimd.Broadcast(a[p * incA]);
                s0 = TSimd.MultiplyAdd(ap, TSimd.Load(row), s0);
                s1 = TSimd.MultiplyAdd(ap, TSimd.Load(row + w), s1);
            }
            TSimd.Store(s0, lanes); TSimd.Store(s1, lanes + w);
            Write(c + j * incC, incC, lanes, 2 * w, alpha, beta);
            j += 2 * w;
        }
        for (; j <= n - w; j += w)
        {
            TVec s0 = TSimd.Zero;
            T* row = m + j;
            for (int p = 0; p < k; p++, row += rsM) s0 = TSimd.MultiplyAdd(TSimd.Broadcast(a[p * incA]), TSimd.Load(row), s0);
            TSimd.Store(s0, lanes);
            Write(c + j * incC, incC, lanes, w, alpha, beta);
        }
        for (; j < n; j++)
        {
            T sum = T.Zero;
            for (int p = 0; p < k; p++) sum += a[p * incA] * m[p * rsM + j];
            Write(c + j * incC, incC, &sum, 1, alpha, beta);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotForm(int n, int k, T* a, T* m, nint csM, T* c, nint incC, T alpha, T beta)
    {
        int w = TSimd.Count, j = 0;
        T* sums = stackalloc T[4];
        for (; j <= n - 4; j += 4)
        {
            T* m0 = m + j * csM, m1 = m0 + csM, m2 = m1 + csM, m3 = m2 + csM;
            TVec s0 = TSimd.Zero, s1 = TSimd.Zero, s2 = TSimd.Zero, s3 = TSimd.Zero;
            int p = 0;
            for (; p <= k - w; p += w)
            {
                TVec ap = TSimd.Load(a + p);
                s0 = TSimd.MultiplyAdd(ap, TSimd.Load(m0 + p), s0);
                s1 = TSimd.MultiplyAdd(ap, TSimd.Load(m1 + p), s1);
                s2 = TSimd.MultiplyAdd(ap, TSimd.Load(m2 + p), s2);
                s3 = TSimd.MultiplyAdd(ap, TSimd.Load(m3 + p), s3);
            }
            T d0 = TSimd.Sum(s0), d1 = TSimd.Sum(s1), d2 = TSimd.Sum(s2), d3 = TSimd.Sum(s3);
            for (; p < k; p++)
            {
                d0 += a[p] * m0[p]; d1 += a[p] * m1[p]; d2 += a[p] * m2[p]; d3 += a[p] * m3[p];
            }
            sums[0] = d0; sums[1] = d1; sums[2] = d2; sums[3] = d3;
            Write(c + j * incC, incC, sums, 4, alpha, beta);
        }
        for (; j < n; j++)
        {
            T* mj = m + j * csM;
            TVec s = TSimd.Zero;
            int p = 0;
            for (; p <= k - w; p += w) s = TSimd.MultiplyAdd(TSimd.Load(a + p), TSimd.Load(mj + p), s);
            T d = TSimd.Sum(s);
            for (; p < k; p++) d += a[p] * mj[p];
            Write(c + j * incC, incC, &d, 1, alpha, beta);
        }
    }

    /// <summary>c[i·incC] ← α·sums[i] + β·c[i·incC] (C not read when β = 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write(T* c, nint incC, T* sums, int count, T alpha, T beta)
    {
        if (beta == T.Zero) for (int i = 0; i < count; i++) c[i * incC] = alpha * sums[i];
        else for (int i = 0; i < count; i++) c[i * incC] = alpha * sums[i] + beta * c[i * incC];
    }
}
