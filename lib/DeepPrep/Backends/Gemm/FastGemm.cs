using System.Numerics;
using System.Runtime.Intrinsics;

namespace DeepPrep.Backends.Gemm;

/// <summary>
/// Entry point of the fast GEMM: C ← α·op(A)·op(B) + β·C (row-major, with leading dimensions).
/// Checks the arguments, turns the transposes into strides, and picks the widest vectors the CPU
/// runs natively. The pieces, from the inside out: <see cref="MicroKernel{T, TVec, TSimd}"/> (register
/// blocking), <see cref="Packing{T, TVec, TSimd}"/> (contiguous panels), <see cref="GemmDriver{T, TVec, TSimd}"/>
/// (cache blocking, small-matrix path, routing), <see cref="Gemv{T, TVec, TSimd}"/> (one row or column of C),
/// <see cref="ForkJoin"/> (the split across cores), <see cref="ISimd{T, TVec}"/> (the vector width).
/// </summary>
/// <remarks>
/// Measured on the 2-core Zen 3 development VM (AVX2 + FMA), against OpenBLAS 0.3.21 in the same process:
/// sgemm 1024³ 179 GFLOP/s with 2 threads (0.96× OpenBLAS), 91 GFLOP/s on one (0.99×); dgemm 1024³ 89 GFLOP/s
/// (1.03×); sgemm 128³ 29 µs (1.15×); 256×16·16×16 1.7 µs (2.2×, OpenBLAS's per-call overhead dominates there).
/// </remarks>
internal static unsafe class FastGemm
{
    /// <summary>For tests: 0 picks the vector width from the hardware; 128, 256 or 512 forces one
    /// (a width the CPU lacks still runs correctly, through .NET's software fallback, just slowly).</summary>
    internal static int ForcedVectorBits;

    public static void Run<T>(bool transA, bool transB, int m, int n, int k,
                              T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb,
                              T beta, Span<T> c, int ldc)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        KernelChecks.Gemm(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0) return;
        fixed (T* pa = a, pb = b, pc = c)
        {
            // op(A)[i, p] is A[i, p] = a[i·lda + p], or A[p, i] = a[p·lda + i] when transposed: only the strides differ.
            var args = new GemmArgs<T>(m, n, k,
                pa, transA ? 1 : lda, transA ? lda : 1,
                pb, transB ? 1 : ldb, transB ? ldb : 1,
                pc, ldc, alpha, beta);
            int bits = ForcedVectorBits != 0 ? ForcedVectorBits
                     : Vector512.IsHardwareAccelerated ? 512
                     : Vector256.IsHardwareAccelerated ? 256 : 128;
            switch (bits)
            {
                case 512: GemmDriver<T, Vector512<T>, Simd512<T>>.Run(args); break;
                case 256: GemmDriver<T, Vector256<T>, Simd256<T>>.Run(args); break;
                default: GemmDriver<T, Vector128<T>, Simd128<T>>.Run(args); break;
            }
        }
    }
}
