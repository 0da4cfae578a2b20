using System.Numerics;
using System.Runtime.Intrinsics;

namespace DeepPrep.Backends.Managed;

/// <summary>
/// Vectorised local backward of every <see cref="UnaryOp"/>: dx[i] = dy[i]·f′(x[i], y[i]), with f′ as defined in
/// <see cref="Scalar.Derivative{T}(UnaryOp, T, T, T, T)"/>.
/// </summary>
/// <remarks>
/// Most derivatives are cheap expressions of the forward output y (σ′ = y(1 − y), tanh′ = 1 − y²), so each op is one
/// struct evaluated in one pass over (x, y, dy). Softplus′ = σ(x) and GELU′ (which needs tanh u) call
/// <see cref="VectorMath"/> / <see cref="TanhKernel"/> inside the same pass; pow′ has no vector form and is a scalar
/// loop. Every pass reads element i of its inputs before writing dx[i], so dx may be the same span as dy, x or y.
/// </remarks>
internal static class UnaryBackwardKernels
{
    /// <summary>
    /// dx = dy·f′ and sums[j] = Σ_r dx[r, j] in one pass over a [rows, cols] matrix (an activation's backward and the
    /// bias gradient of the dense layer before it, see <see cref="Elementwise.MapWithColumnSums"/>). Returns false,
    /// having done nothing, for ops and shapes without a fused form.
    /// </summary>
    public static bool TryBackwardWithColumnSums<T>(UnaryOp op, ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx,
                                                    Span<T> sums, int rows, int cols)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        KernelChecks.RowMatrix("UnaryBackward with column sums", x.Length, y.Length, sums.Length, rows, cols);
        KernelChecks.SameLength("UnaryBackward with column sums", dy.Length, dx.Length);
        KernelChecks.SameLength("UnaryBackward with column sums", x.Length, dx.Length);
        if (!UnaryKernels.HasRowFusedForm<T>(op, rows, cols)) return false;
        switch (op)
        {
            case UnaryOp.Tanh: Elementwise.MapWithColumnSums(x, y, dy, dx, sums, rows, cols, new TanhGrad<T>()); return true;
            case UnaryOp.Sigmoid: Elementwise.MapWithColumnSums(x, y, dy, dx, sums, rows, cols, new SigmoidGrad<T>()); return true;
            case UnaryOp.Relu: Elementwise.MapWithColumnSums(x, y, dy, dx, sums, rows, cols, new LeakyReluGrad<T>(T.Zero)); return true;
            default: return false;
        }
    }

    public static void Backward<T>(UnaryOp op, ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, T alpha, T beta)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        KernelChecks.SameLength("UnaryBackward", x.Length, y.Length, dy.Length, dx.Length);
        switch (op)
        {
            case UnaryOp.Identity: dy.CopyTo(dx); break;                                  // dy·1
            case UnaryOp.Neg: Elementwise.Map(x, y, dy, dx, new NegGrad<T>()); break;
            case UnaryOp.Exp: Elementwise.Map(x, y, dy, dx, new ExpGrad<T>()); break;
            case UnaryOp.Affine: Elementwise.Map(x, y, dy, dx, new AffineGrad<T>(alpha)); break;
            case UnaryOp.Log: Elementwise.Map(x, y, dy, dx, new LogGrad<T>()); break;
            case UnaryOp.Sqrt: Elementwise.Map(x, y, dy, dx, new SqrtGrad<T>()); break;
            case UnaryOp.Abs: Elementwise.Map(x, y, dy, dx, new AbsGrad<T>()); break;
            case UnaryOp.Square: Elementwise.Map(x, y, dy, dx, new SquareGrad<T>()); break;
            case UnaryOp.Clamp: Elementwise.Map(x, y, dy, dx, new ClampGrad<T>(alpha, beta)); break;
            case UnaryOp.Sigmoid: Elementwise.Map(x, y, dy, dx, new SigmoidGrad<T>()); break;
            case UnaryOp.Tanh: Elementwise.Map(x, y, dy, dx, new TanhGrad<T>()); break;
            case UnaryOp.Relu: Elementwise.Map(x, y, dy, dx, new LeakyReluGrad<T>(T.Zero)); break;
            case UnaryOp.LeakyRelu: Elementwise.Map(x, y, dy, dx, new LeakyReluGrad<T>(alpha)); break;
            case UnaryOp.Elu: Elementwise.Map(x, y, dy, dx, new EluGrad<T>(alpha)); break;
            case UnaryOp.Softsign: Elementwise.Map(x, y, dy, dx, new SoftsignGrad<T>()); break;
            case UnaryOp.Step: Elementwise.Map(x, y, dy, dx, new StepGrad<T>()); break;
            case UnaryOp.Pow: PowBackward(x, dy, dx, alpha); break;
            case UnaryOp.Softplus: Elementwise.Map(x, y, dy, dx, new SoftplusGrad<T>()); break;
            case UnaryOp.Gelu: Elementwise.Map(x, y, dy, dx, new GeluGrad<T>()); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown unary op.");
        }
    }

    /// <summary>dx = dy·α·x^(α−1), element by element (there is no vector pow).</summary>
    private static void PowBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx, T alpha)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) dx[i] = dy[i] * (alpha * T.Pow(x[i], alpha - T.One));
    }

    // ---- Op structs: Invoke(x, y, dy) = dy·f′. Scalar forms match Scalar.Derivative's operation order.

    private readonly struct NegGrad<T> : ITernaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x, T y, T dy) => dy * -T.One;
        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y, Vector256<T> dy) => dy * -Vector256<T>.One;
    }

    private readonly struct ExpGrad<T> : ITernaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x, T y, T dy) => dy * y;
        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y, Vector256<T> dy) => dy * y;
    }

    private readonly struct AffineGrad<T>(T alpha) : ITernaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x, T y, T dy) => dy * alpha;
        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y, Vector256<T> dy) => dy * Vector256.Create(alpha);
    }

    private readonly struct LogGrad<T> : ITernaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x, T y, T dy) => dy * (T.One / x);
        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y, Vector256<T> dy) => dy * (Vector256<T>.One / x);
    }

    private readonly struct SqrtGrad<T> : ITernaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x, T y, T dy) => dy * (T.CreateTruncating(0.5) / y);
        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y, Vector256<T> dy) => dy * (Vector256.Create(T.CreateTruncating(0.5)) / y);
    }

    /// <summary>sign(x): 1, −1, or 0 at 0 (and for NaN).</summary>
    private readonly struct AbsGrad<T> : ITernaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x, T y, T dy) => dy * (x > T.Zero ? T.One : x < T.Zero ? -T.One : T.Zero);
        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y, Vector256<T> dy)
        {
            var one = Vector256<T>.One;
            var sign = (Vector256.GreaterThan(x, Vector256<T>.Zero) & one) | (Vector256.LessThan(x, Vector256<T>.Zero) & -one);
            return dy * sign;
        }
    }

    private readonly struct SquareGrad<T> : ITernaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x, T y, T dy) => dy * ((T.One + T.One) * x);
        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y, Vector256<T> dy) => dy * (Vector256.Create(T.One + T.One) * x);
    }

    /// <summary>1 inside [lo, hi], else 0.</summary>
    private readonly struct ClampGrad<T>(T lo, T hi) : ITernaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x, T y, T dy) => dy * (x >= lo && x <= hi ? T.One : T.Zero);
        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y, Vector256<T> dy) =>
            dy * (Vector256.GreaterThanOrEqual(x, Vector256.Create(lo)) & Vector256.LessThanOrEqual(x, Vector256.Create(hi)) & Vector256<T>.One);
    }

    private readonly struct SigmoidGrad<T> : ITernaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x, T y, T dy) => dy * (y * (T.One - y));
        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y, Vector256<T> dy) => dy * (y * (Vector256<T>.One - y));
    }

    private readonly struct TanhGrad<T> : ITernaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x, T y, T dy) => dy * (T.One - y * y);
        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y, Vector256<T> dy) => dy * (Vector256<T>.One - y * y);
    }

    /// <summary>1 if x &gt; 0 else slope (slope 0 is ReLU′).</summary>
    private readonly struct LeakyReluGrad<T>(T slope) : ITernaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x, T y, T dy) => dy * (x > T.Zero ? T.One : slope);
        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y, Vector256<T> dy) =>
            dy * Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<T>.Zero), Vector256<T>.One, Vector256.Create(slope));
    }

    /// <summary>1 if x &gt; 0 else y + α (since y = α(eˣ − 1) there).</summary>
    private readonly struct EluGrad<T>(T alpha) : ITernaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x, T y, T dy) => dy * (x > T.Zero ? T.One : y + alpha);
        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y, Vector256<T> dy) =>
            dy * Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<T>.Zero), Vector256<T>.One, y + Vector256.Create(alpha));
    }

    /// <summary>1 / (1 + |x|)².</summary>
    private readonly struct SoftsignGrad<T> : ITernaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x, T y, T dy) { T d = T.One + T.Abs(x); return dy * (T.One / (d * d)); }
        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y, Vector256<T> dy)
        {
            var d = Vector256<T>.One + Vector256.Abs(x);
            return dy * (Vector256<T>.One / (d * d));
        }
    }

    private readonly struct StepGrad<T> : ITernaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x, T y, T dy) => dy * T.Zero;
        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y, Vector256<T> dy) => dy * Vector256<T>.Zero;
    }

    /// <summary>softplus′(x) = σ(x) = 1/(1 + e^−x).</summary>
    private readonly struct SoftplusGrad<T> : ITernaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x, T y, T dy) => dy * (T.One / (T.One + T.Exp(-x)));
        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y, Vector256<T> dy) =>
            dy * (Vector256<T>.One / (Vector256<T>.One + VectorMath.Exp(-x)));
    }

    /// <summary>½(1 + t) + ½x(1 − t²)·u′ with t = tanh u, u′ = √(2/π)(1 + 3·0.044715x²).</summary>
    private readonly struct GeluGrad<T> : ITernaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x, T y, T dy)
        {
            T one = T.One, half = T.CreateTruncating(0.5);
            T t = T.Tanh(UnaryKernels.GeluInner(x));
            T du = T.CreateTruncating(0.7978845608028654) * (one + T.CreateTruncating(3 * 0.044715) * x * x);
            return dy * (half * (one + t) + half * x * (one - t * t) * du);
        }

        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y, Vector256<T> dy)
        {
            var one = Vector256<T>.One;
            var half = Vector256.Create(T.CreateTruncating(0.5));
            var t = TanhKernel.Tanh(UnaryKernels.GeluInner(x));
            var du = Vector256.Create(T.CreateTruncating(0.7978845608028654)) * (one + Vector256.Create(T.CreateTruncating(3 * 0.044715)) * x * x);
            return dy * (half * (one + t) + half * x * (one - t * t) * du);
        }
    }
}
