using System.Numerics;
using DeepPrep.Backends.Gemm;

namespace DeepPrep.Backends;

public sealed class ManagedBackend : IBackend
{
    public static readonly ManagedBackend Instance = new();
    public string Name => "managed-simd";

    public void Gemm<T>(bool transA, bool transB, int m, int n, int k,
                        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb,
                        T beta, Span<T> c, int ldc)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => FastGemm.Run(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    public void Unary<T>(UnaryOp op, ReadOnlySpan<T> x, Span<T> y, T alpha, T beta) where T : unmanaged, IBinaryFloatingPointIeee754<T> => ReferenceBackend.Instance.Unary(op, x, y, alpha, beta);
    public void UnaryBackward<T>(UnaryOp op, ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, T alpha, T beta) where T : unmanaged, IBinaryFloatingPointIeee754<T> => ReferenceBackend.Instance.UnaryBackward(op, x, y, dy, dx, alpha, beta);
    public void Binary<T>(BinaryOp op, ReadOnlySpan<T> x, ReadOnlySpan<int> xStrides, ReadOnlySpan<T> y, ReadOnlySpan<int> yStrides, Span<T> z, ReadOnlySpan<int> shape) where T : unmanaged, IBinaryFloatingPointIeee754<T> => ReferenceBackend.Instance.Binary(op, x, xStrides, y, yStrides, z, shape);
    public void Reduce<T>(ReduceOp op, ReadOnlySpan<T> x, int outer, int axis, int inner, Span<T> y) where T : unmanaged, IBinaryFloatingPointIeee754<T> => ReferenceBackend.Instance.Reduce(op, x, outer, axis, inner, y);
    public void Softmax<T>(ReadOnlySpan<T> x, Span<T> y, int rows, int cols, bool log) where T : unmanaged, IBinaryFloatingPointIeee754<T> => ReferenceBackend.Instance.Softmax(x, y, rows, cols, log);
    public void Im2Col<T>(ReadOnlySpan<T> image, int channels, int height, int width, int kh, int kw, int stride, int padding, Span<T> columns) where T : unmanaged, IBinaryFloatingPointIeee754<T> => ReferenceBackend.Instance.Im2Col(image, channels, height, width, kh, kw, stride, padding, columns);
    public void Col2Im<T>(ReadOnlySpan<T> columns, int channels, int height, int width, int kh, int kw, int stride, int padding, Span<T> image) where T : unmanaged, IBinaryFloatingPointIeee754<T> => ReferenceBackend.Instance.Col2Im(columns, channels, height, width, kh, kw, stride, padding, image);
}
