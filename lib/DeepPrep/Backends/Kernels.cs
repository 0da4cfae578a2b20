using System.Numerics;

namespace DeepPrep.Backends;

/// <summary>
/// How the tensor ops call the current backend's kernels. Each method does what <c>Backend.Current.X(…)</c> does.
/// </summary>
/// <remarks>
/// Why not call <see cref="Backend.Current"/> directly? Its kernels are generic methods of an interface, and .NET
/// resolves such a call with a runtime lookup each time (tens of nanoseconds; a small network's step makes ~40 of
/// them). For the default backend, a sealed class, the call below is direct; any other backend still goes through
/// the interface.
/// </remarks>
internal static class Kernels
{
    public static void Gemm<T>(bool transA, bool transB, int m, int n, int k, T alpha, ReadOnlySpan<T> a, int lda,
                               ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (Backend.Current is ManagedBackend managed) managed.Gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        else Backend.Current.Gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    public static void Unary<T>(UnaryOp op, ReadOnlySpan<T> x, Span<T> y, T alpha, T beta)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (Backend.Current is ManagedBackend managed) managed.Unary(op, x, y, alpha, beta);
        else Backend.Current.Unary(op, x, y, alpha, beta);
    }

    public static void UnaryBackward<T>(UnaryOp op, ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, T alpha, T beta)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (Backend.Current is ManagedBackend managed) managed.UnaryBackward(op, x, y, dy, dx, alpha, beta);
        else Backend.Current.UnaryBackward(op, x, y, dy, dx, alpha, beta);
    }

    public static void Binary<T>(BinaryOp op, ReadOnlySpan<T> x, ReadOnlySpan<int> xStrides, ReadOnlySpan<T> y, ReadOnlySpan<int> yStrides,
                                 Span<T> z, ReadOnlySpan<int> shape)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (Backend.Current is ManagedBackend managed) managed.Binary(op, x, xStrides, y, yStrides, z, shape);
        else Backend.Current.Binary(op, x, xStrides, y, yStrides, z, shape);
    }

    /// <summary>True when the current backend has the one-pass dense-layer epilogue (bias + activation forward, f′ +
    /// bias gradient backward) for this op and a [rows, cols] output: only the default managed backend has it.</summary>
    public static bool HasFusedEpilogue(UnaryOp op, int rows, int cols, DType dtype) =>
        Backend.Current is ManagedBackend && (dtype == DType.Float32
            ? Managed.UnaryKernels.HasRowFusedForm<float>(op, rows, cols)
            : Managed.UnaryKernels.HasRowFusedForm<double>(op, rows, cols));

    /// <summary>z[r, :] += b, y = f(z) in one pass, if the default backend has a fused form for this op and shape (see
    /// <see cref="Managed.UnaryKernels.TryForwardWithRowBias"/>); false, with nothing done, otherwise.</summary>
    public static bool TryUnaryWithRowBias<T>(UnaryOp op, Span<T> z, ReadOnlySpan<T> b, Span<T> y, int rows, int cols)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Backend.Current is ManagedBackend && Managed.UnaryKernels.TryForwardWithRowBias(op, z, b, y, rows, cols);

    /// <summary>dx = dy·f′ and the column sums of dx in one pass, if the default backend has a fused form (see
    /// <see cref="Managed.UnaryBackwardKernels.TryBackwardWithColumnSums"/>); false, with nothing done, otherwise.</summary>
    public static bool TryUnaryBackwardWithColumnSums<T>(UnaryOp op, ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx,
                                                        Span<T> sums, int rows, int cols)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Backend.Current is ManagedBackend && Managed.UnaryBackwardKernels.TryBackwardWithColumnSums(op, x, y, dy, dx, sums, rows, cols);

    public static void Reduce<T>(ReduceOp op, ReadOnlySpan<T> x, int outer, int axis, int inner, Span<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (Backend.Current is ManagedBackend managed) managed.Reduce(op, x, outer, axis, inner, y);
        else Backend.Current.Reduce(op, x, outer, axis, inner, y);
    }
}
