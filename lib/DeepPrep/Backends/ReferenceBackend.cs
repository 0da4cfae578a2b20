using System.Numerics;

namespace DeepPrep.Backends;

/// <summary>
/// The naive reference: every kernel as the plainest loop that is obviously right.
/// It is the oracle the fast kernels are tested against, and the place to read what a kernel means.
/// </summary>
public sealed class ReferenceBackend : IBackend
{
    public static readonly ReferenceBackend Instance = new();

    public string Name => "reference";

    public void Gemm<T>(bool transA, bool transB, int m, int n, int k,
                        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb,
                        T beta, Span<T> c, int ldc)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        KernelChecks.Gemm(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                T sum = T.Zero;
                for (int p = 0; p < k; p++)
                {
                    T aip = transA ? a[p * lda + i] : a[i * lda + p];
                    T bpj = transB ? b[j * ldb + p] : b[p * ldb + j];
                    sum += aip * bpj;
                }
                // β = 0 means "overwrite": C is not read (BLAS convention), so old NaNs vanish.
                c[i * ldc + j] = beta == T.Zero ? alpha * sum : alpha * sum + beta * c[i * ldc + j];
            }
    }

    public void Unary<T>(UnaryOp op, ReadOnlySpan<T> x, Span<T> y, T alpha, T beta)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        KernelChecks.SameLength("Unary", x.Length, y.Length);
        for (int i = 0; i < x.Length; i++) y[i] = Scalar.Apply(op, x[i], alpha, beta);
    }

    public void UnaryBackward<T>(UnaryOp op, ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, T alpha, T beta)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        KernelChecks.SameLength("UnaryBackward", x.Length, y.Length, dy.Length, dx.Length);
        for (int i = 0; i < x.Length; i++) dx[i] = dy[i] * Scalar.Derivative(op, x[i], y[i], alpha, beta);
    }

    public void Binary<T>(BinaryOp op, ReadOnlySpan<T> x, ReadOnlySpan<int> xStrides, ReadOnlySpan<T> y, ReadOnlySpan<int> yStrides,
                          Span<T> z, ReadOnlySpan<int> shape)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        KernelChecks.Binary(x.Length, xStrides, y.Length, yStrides, z.Length, shape);
        int rank = shape.Length;
        Span<int> index = stackalloc int[rank];
        for (int flat = 0; flat < z.Length; flat++)
        {
            // Turn the flat output position into a multi-index, then into offsets in x and y.
            int rest = flat, xo = 0, yo = 0;
            for (int d = rank - 1; d >= 0; d--)
            {
                index[d] = rest % shape[d];
                rest /= shape[d];
                xo += index[d] * xStrides[d];
                yo += index[d] * yStrides[d];
            }
            z[flat] = Scalar.Apply(op, x[xo], y[yo]);
        }
    }

    public void Reduce<T>(ReduceOp op, ReadOnlySpan<T> x, int outer, int axis, int inner, Span<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        KernelChecks.Reduce(op, x.Length, outer, axis, inner, y.Length);
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                T acc = op switch { ReduceOp.Sum => T.Zero, ReduceOp.Max => T.NegativeInfinity, _ => T.PositiveInfinity };
                for (int a = 0; a < axis; a++)
                {
                    T v = x[(o * axis + a) * inner + i];
                    acc = op switch
                    {
                        ReduceOp.Sum => acc + v,
                        // NaN wins, so a NaN in the data is never hidden by a max or min.
                        ReduceOp.Max => T.IsNaN(v) || v > acc ? v : acc,
                        _ => T.IsNaN(v) || v < acc ? v : acc,
                    };
                    if (op != ReduceOp.Sum && T.IsNaN(acc)) break;
                }
                y[o * inner + i] = acc;
            }
    }

    public void Softmax<T>(ReadOnlySpan<T> x, Span<T> y, int rows, int cols, bool log)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        KernelChecks.Softmax(x.Length, y.Length, rows, cols);
        for (int r = 0; r < rows; r++)
        {
            var xr = x.Slice(r * cols, cols);
            var yr = y.Slice(r * cols, cols);
            T max = T.NegativeInfinity;
            for (int j = 0; j < cols; j++) if (xr[j] > max) max = xr[j];
            T sum = T.Zero;
            for (int j = 0; j < cols; j++) sum += T.Exp(xr[j] - max);
            for (int j = 0; j < cols; j++)
                yr[j] = log ? xr[j] - max - T.Log(sum) : T.Exp(xr[j] - max) / sum;
        }
    }

    public void Im2Col<T>(ReadOnlySpan<T> image, int channels, int height, int width, int kh, int kw,
                          int stride, int padding, Span<T> columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var (outH, outW) = KernelChecks.Im2Col(image.Length, channels, height, width, kh, kw, stride, padding, columns.Length);
        for (int c = 0; c < channels; c++)
            for (int ki = 0; ki < kh; ki++)
                for (int kj = 0; kj < kw; kj++)
                {
                    int row = (c * kh + ki) * kw + kj;
                    for (int oy = 0; oy < outH; oy++)
                        for (int ox = 0; ox < outW; ox++)
                        {
                            int iy = oy * stride - padding + ki, ix = ox * stride - padding + kj;
                            bool inside = iy >= 0 && iy < height && ix >= 0 && ix < width;
                            columns[row * outH * outW + oy * outW + ox] = inside ? image[(c * height + iy) * width + ix] : T.Zero;
                        }
                }
    }

    public void Col2Im<T>(ReadOnlySpan<T> columns, int channels, int height, int width, int kh, int kw,
                          int stride, int padding, Span<T> image)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var (outH, outW) = KernelChecks.Im2Col(image.Length, channels, height, width, kh, kw, stride, padding, columns.Length);
        for (int c = 0; c < channels; c++)
            for (int ki = 0; ki < kh; ki++)
                for (int kj = 0; kj < kw; kj++)
                {
                    int row = (c * kh + ki) * kw + kj;
                    for (int oy = 0; oy < outH; oy++)
                        for (int ox = 0; ox < outW; ox++)
                        {
                            int iy = oy * stride - padding + ki, ix = ox * stride - padding + kj;
                            if (iy >= 0 && iy < height && ix >= 0 && ix < width)
                                image[(c * height + iy) * width + ix] += columns[row * outH * outW + oy * outW + ox];
                        }
                }
    }
}
