using System.Numerics;
using DeepPrep.Backends.Gemm;
using DeepPrep.Backends.Managed;

namespace DeepPrep.Backends;

/// <summary>
/// The fast CPU backend, in plain C#: SIMD (Vector256/Vector512, FMA), cache-blocked GEMM, multithreading
/// for large matrix products. Each kernel lives in its own file; this class only routes to them.
/// Results match <see cref="ReferenceBackend"/> exactly for exact operations and to within rounding
/// (a different summation order, a vectorised exp/log/tanh) elsewhere; the tests in
/// tests/DeepPrep.Tests/Kernels state each tolerance.
/// </summary>
/// <remarks>
/// Where to read:
/// <list type="bullet">
/// <item><c>Gemm/FastGemm.cs</c> → <c>GemmDriver.cs</c> (blocking, threads) → <c>Packing.cs</c> → <c>MicroKernel.cs</c> (the inner loop).</item>
/// <item><c>Managed/Elementwise.cs</c>: the loop drivers shared by the elementwise kernels.</item>
/// <item><c>Managed/UnaryKernels.cs</c>, <c>UnaryBackwardKernels.cs</c>, <c>BinaryKernels.cs</c>, <c>ReduceKernels.cs</c>,
/// <c>SoftmaxKernel.cs</c>, <c>Im2ColKernels.cs</c>.</item>
/// <item>The tensor ops reach these kernels through <c>Backends/Kernels.cs</c>, which calls this sealed class directly
/// when it is the current backend (and also offers the fused dense-layer epilogues only this backend has).</item>
/// </list>
/// </remarks>
public sealed class ManagedBackend : IBackend
{
    public static readonly ManagedBackend Instance = new();

    public string Name => "managed-simd";

    public void Gemm<T>(bool transA, bool transB, int m, int n, int k,
                        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb,
                        T beta, Span<T> c, int ldc)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => FastGemm.Run(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    public void Unary<T>(UnaryOp op, ReadOnlySpan<T> x, Span<T> y, T alpha, T beta)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => UnaryKernels.Forward(op, x, y, alpha, beta);

    public void UnaryBackward<T>(UnaryOp op, ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, T alpha, T beta)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => UnaryBackwardKernels.Backward(op, x, y, dy, dx, alpha, beta);

    public void Binary<T>(BinaryOp op, ReadOnlySpan<T> x, ReadOnlySpan<int> xStrides, ReadOnlySpan<T> y, ReadOnlySpan<int> yStrides,
                          Span<T> z, ReadOnlySpan<int> shape)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => BinaryKernels.Run(op, x, xStrides, y, yStrides, z, shape);

    public void Reduce<T>(ReduceOp op, ReadOnlySpan<T> x, int outer, int axis, int inner, Span<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => ReduceKernels.Run(op, x, outer, axis, inner, y);

    public void Softmax<T>(ReadOnlySpan<T> x, Span<T> y, int rows, int cols, bool log)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => SoftmaxKernel.Run(x, y, rows, cols, log);

    public void Im2Col<T>(ReadOnlySpan<T> image, int channels, int height, int width, int kh, int kw,
                          int stride, int padding, Span<T> columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Im2ColKernels.Im2Col(image, channels, height, width, kh, kw, stride, padding, columns);

    public void Col2Im<T>(ReadOnlySpan<T> columns, int channels, int height, int width, int kh, int kw,
                          int stride, int padding, Span<T> image)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Im2ColKernels.Col2Im(columns, channels, height, width, kh, kw, stride, padding, image);
}
