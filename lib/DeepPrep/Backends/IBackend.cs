using System.Numerics;

namespace DeepPrep.Backends;

/// <summary>
/// The seam between autodiff and the machine. Every op in <see cref="Tensor"/> computes through
/// these kernels, so a new device (a GPU, a BLAS library) is one new class, not a rewrite of the layers.
/// </summary>
/// <remarks>
/// All arrays are row-major and contiguous unless a leading dimension (ld) says otherwise.
/// Kernels check their arguments (lengths, strides) and throw <see cref="ArgumentException"/> with
/// the sizes involved instead of reading or writing out of bounds.
/// T is float or double.
/// </remarks>
public interface IBackend
{
    /// <summary>A short name for reports ("managed-simd", "reference").</summary>
    string Name { get; }

    /// <summary>
    /// General matrix multiply: C ← α·op(A)·op(B) + β·C, where op(X) is X or Xᵀ.
    /// op(A) is m×k, op(B) is k×n, C is m×n. lda, ldb, ldc are the row strides of A, B, C as stored
    /// (A stored m×k with lda ≥ k, or k×m with lda ≥ m when transposed). With β = 0, C is not read,
    /// so NaNs already in C do not leak (BLAS convention).
    /// </summary>
    void Gemm<T>(bool transA, bool transB, int m, int n, int k,
                 T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb,
                 T beta, Span<T> c, int ldc)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;

    /// <summary>y[i] = f(x[i]) for the op; alpha and beta are the op's parameters (see <see cref="UnaryOp"/>). x and y may be the same span.</summary>
    void Unary<T>(UnaryOp op, ReadOnlySpan<T> x, Span<T> y, T alpha, T beta)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;

    /// <summary>
    /// The local backward of a unary op: dx[i] = dy[i] · f′(x[i]), given the forward input x and output y
    /// (whichever makes f′ cheapest: sigmoid′ = y(1−y), exp′ = y, log′ = 1/x).
    /// </summary>
    void UnaryBackward<T>(UnaryOp op, ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, T alpha, T beta)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;

    /// <summary>
    /// z = x ∘ y elementwise with broadcasting expressed by strides: element at multi-index i of the
    /// output (shape <paramref name="shape"/>) reads x at Σ i_d·xStrides[d] and y at Σ i_d·yStrides[d].
    /// A stride of 0 broadcasts that dimension. z is contiguous with the given shape.
    /// </summary>
    void Binary<T>(BinaryOp op, ReadOnlySpan<T> x, ReadOnlySpan<int> xStrides, ReadOnlySpan<T> y, ReadOnlySpan<int> yStrides,
                   Span<T> z, ReadOnlySpan<int> shape)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;

    /// <summary>
    /// Reduces the middle axis of x viewed as [outer, axis, inner]: y[o, i] = reduce over a of x[o, a, i].
    /// y has outer·inner elements. Sum of an empty axis is 0; Max/Min of an empty axis is an error.
    /// </summary>
    void Reduce<T>(ReduceOp op, ReadOnlySpan<T> x, int outer, int axis, int inner, Span<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;

    /// <summary>
    /// Row-wise softmax (or log-softmax) of x viewed as [rows, cols], computed stably by subtracting
    /// each row's maximum first, so softmax([1000, 1001]) is [0.269, 0.731], not NaN.
    /// </summary>
    void Softmax<T>(ReadOnlySpan<T> x, Span<T> y, int rows, int cols, bool log)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;

    /// <summary>
    /// Unfolds one image [channels, height, width] into columns [channels·kh·kw, outH·outW] so that
    /// convolution becomes one GEMM (the im2col trick). Positions in the zero padding read as 0.
    /// </summary>
    void Im2Col<T>(ReadOnlySpan<T> image, int channels, int height, int width, int kh, int kw,
                   int stride, int padding, Span<T> columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;

    /// <summary>
    /// The adjoint of <see cref="Im2Col{T}"/>: adds each column entry back into the image position it
    /// came from (image += col2im(columns)). Used for the gradient of convolution with respect to its input.
    /// </summary>
    void Col2Im<T>(ReadOnlySpan<T> columns, int channels, int height, int width, int kh, int kw,
                   int stride, int padding, Span<T> image)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;
}

/// <summary>Elementwise functions of one argument. Parameters: alpha, beta as noted.</summary>
public enum UnaryOp
{
    Identity,
    Neg,
    Exp,
    Log,
    Sqrt,
    Abs,
    Square,
    /// <summary>x^alpha.</summary>
    Pow,
    /// <summary>min(max(x, alpha), beta).</summary>
    Clamp,
    /// <summary>x·alpha + beta (scale and shift by constants).</summary>
    Affine,
    Sigmoid,
    Tanh,
    Relu,
    /// <summary>x if x &gt; 0 else alpha·x.</summary>
    LeakyRelu,
    /// <summary>x if x &gt; 0 else alpha·(eˣ − 1).</summary>
    Elu,
    /// <summary>x / (1 + |x|).</summary>
    Softsign,
    /// <summary>log(1 + eˣ), computed stably.</summary>
    Softplus,
    /// <summary>GELU, tanh approximation: ½x(1 + tanh(√(2/π)(x + 0.044715x³))).</summary>
    Gelu,
    /// <summary>Heaviside step: 1 if x &gt; 0 else 0. Its derivative is 0 everywhere (used by the perceptron).</summary>
    Step,
}

/// <summary>Elementwise functions of two arguments.</summary>
public enum BinaryOp
{
    Add,
    Sub,
    Mul,
    Div,
    Max,
    Min,
    Pow,
}

/// <summary>Reductions along an axis.</summary>
public enum ReduceOp
{
    Sum,
    Max,
    Min,
}
