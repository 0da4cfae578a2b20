using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace DeepPrep.Backends.Managed;

/// <summary>
/// Vectorised forward of every <see cref="UnaryOp"/>: y[i] = f(x[i]), with f as defined in <see cref="Scalar.Apply{T}(UnaryOp, T, T, T)"/>.
/// </summary>
/// <remarks>
/// Ops TensorPrimitives has (exp, log, sigmoid, sqrt, abs, negate, pow) call it; tanh has its own kernel
/// (<see cref="TanhKernel"/>) because TensorPrimitives' tanh loses all relative accuracy near 0. The rest are small
/// op structs (below) whose vector form is a compare-and-select, e.g. ReLU = select(x &gt; 0, x, 0), which
/// keeps the reference's exact semantics (ReLU(NaN) = 0, Clamp(NaN) = NaN) whatever the runtime's
/// Vector256.Max does with NaN. Composite ops (ELU, softplus, GELU) run in chunks of 256: the transcendental
/// part goes through TensorPrimitives into a stack buffer, then one pass combines it with x. Exact ops give
/// bit-identical results to <see cref="Scalar"/>; transcendental ones agree to a few ulps (TensorPrimitives
/// uses its own vectorised exp/log, not the C runtime's).
/// </remarks>
internal static class UnaryKernels
{
    public static void Forward<T>(UnaryOp op, ReadOnlySpan<T> x, Span<T> y, T alpha, T beta)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        KernelChecks.SameLength("Unary", x.Length, y.Length);
        switch (op)
        {
            case UnaryOp.Identity: x.CopyTo(y); break;
            case UnaryOp.Neg: TensorPrimitives.Negate(x, y); break;
            case UnaryOp.Exp: TensorPrimitives.Exp(x, y); break;
            case UnaryOp.Log: TensorPrimitives.Log(x, y); break;
            case UnaryOp.Sqrt: TensorPrimitives.Sqrt(x, y); break;
            case UnaryOp.Abs: TensorPrimitives.Abs(x, y); break;
            case UnaryOp.Square: TensorPrimitives.Multiply(x, x, y); break;
            case UnaryOp.Pow: TensorPrimitives.Pow(x, alpha, y); break;
            case UnaryOp.Sigmoid: if (x.Length > 0) TensorPrimitives.Sigmoid(x, y); break; // TensorPrimitives.Sigmoid rejects empty spans
            case UnaryOp.Tanh: TanhKernel.Run(x, y); break;
            case UnaryOp.Clamp: Elementwise.Map(x, y, new ClampOp<T>(alpha, beta)); break;
            case UnaryOp.Affine: Elementwise.Map(x, y, new AffineOp<T>(alpha, beta)); break;
            case UnaryOp.Relu: Elementwise.Map(x, y, new ReluOp<T>()); break;
            case UnaryOp.LeakyRelu: Elementwise.Map(x, y, new LeakyReluOp<T>(alpha)); break;
            case UnaryOp.Softsign: Elementwise.Map(x, y, new SoftsignOp<T>()); break;
            case UnaryOp.Step: Elementwise.Map(x, y, new StepOp<T>()); break;
            case UnaryOp.Elu: Composite(op, x, y, new EluOp<T>(alpha)); break;
            case UnaryOp.Softplus: Composite(op, x, y, new SoftplusOp<T>()); break;
            case UnaryOp.Gelu: Composite(op, x, y, new GeluOp<T>()); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown unary op.");
        }
    }

    /// <summary>y = combine(x, t) where t is the transcendental part of the op, computed chunk by chunk into a stack buffer.</summary>
    private static void Composite<T, TOp>(UnaryOp op, ReadOnlySpan<T> x, Span<T> y, TOp combine)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> where TOp : struct, IBinaryMap<T>
    {
        Span<T> buffer = stackalloc T[Elementwise.Chunk];
        for (int start = 0; start < x.Length; start += Elementwise.Chunk)
        {
            int length = Math.Min(Elementwise.Chunk, x.Length - start);
            var xs = x.Slice(start, length);
            var t = buffer[..length];
            switch (op)
            {
                case UnaryOp.Elu: TensorPrimitives.Exp(xs, t); break;                  // t = eˣ
                case UnaryOp.Softplus:                                                   // t = log(1 + e^−|x|)
                    TensorPrimitives.Abs(xs, t);
                    TensorPrimitives.Negate(t, t);
                    TensorPrimitives.Exp(t, t);
                    TensorPrimitives.Add(t, T.One, t);
                    TensorPrimitives.Log(t, t);
                    break;
                case UnaryOp.Gelu:                                                       // t = tanh(√(2/π)(x + 0.044715x³))
                    Elementwise.Map(xs, t, new GeluInnerOp<T>());
                    TanhKernel.Run(t, t);
                    break;
            }
            Elementwise.Map(xs, t, y.Slice(start, length), combine);
        }
    }

    // ---- Op structs. Scalar forms are written exactly as in Scalar.Apply, so results match bit for bit.

    /// <summary>min(max(x, lo), hi), NaN passes through.</summary>
    private readonly struct ClampOp<T>(T lo, T hi) : IUnaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x) => T.IsNaN(x) ? x : T.Min(T.Max(x, lo), hi);
        public Vector256<T> Invoke(Vector256<T> x)
        {
            var l = Vector256.Create(lo);
            var h = Vector256.Create(hi);
            // T.Max/T.Min propagate a NaN bound; "x > lo ? x : lo" does the same (a NaN lo is never exceeded).
            var v = Vector256.ConditionalSelect(Vector256.GreaterThan(x, l), x, l);
            v = Vector256.ConditionalSelect(Vector256.LessThan(v, h), v, h);
            return Vector256.ConditionalSelect(Vector256.Equals(x, x), v, x); // x ≠ x only for NaN
        }
    }

    /// <summary>x·a + b (not fused, like the scalar definition).</summary>
    private readonly struct AffineOp<T>(T a, T b) : IUnaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x) => x * a + b;
        public Vector256<T> Invoke(Vector256<T> x) => x * Vector256.Create(a) + Vector256.Create(b);
    }

    /// <summary>x if x &gt; 0 else 0. Like the reference, ReLU(NaN) = 0 (NaN &gt; 0 is false).</summary>
    private readonly struct ReluOp<T> : IUnaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x) => x > T.Zero ? x : T.Zero;
        public Vector256<T> Invoke(Vector256<T> x) => Vector256.GreaterThan(x, Vector256<T>.Zero) & x; // the mask keeps x or gives +0
    }

    /// <summary>x if x &gt; 0 else slope·x.</summary>
    private readonly struct LeakyReluOp<T>(T slope) : IUnaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x) => x > T.Zero ? x : slope * x;
        public Vector256<T> Invoke(Vector256<T> x) =>
            Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<T>.Zero), x, Vector256.Create(slope) * x);
    }

    private readonly struct SoftsignOp<T> : IUnaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x) => x / (T.One + T.Abs(x));
        public Vector256<T> Invoke(Vector256<T> x) => x / (Vector256<T>.One + Vector256.Abs(x));
    }

    private readonly struct StepOp<T> : IUnaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x) => x > T.Zero ? T.One : T.Zero;
        public Vector256<T> Invoke(Vector256<T> x) => Vector256.GreaterThan(x, Vector256<T>.Zero) & Vector256<T>.One;
    }

    /// <summary>x if x &gt; 0 else α(t − 1), with t = eˣ.</summary>
    private readonly struct EluOp<T>(T alpha) : IBinaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public bool Vectorized => true;
        public T Invoke(T x, T t) => x > T.Zero ? x : alpha * (t - T.One);
        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> t) =>
            Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<T>.Zero), x, Vector256.Create(alpha) * (t - Vector256<T>.One));
    }

    /// <summary>max(x, 0) + t, with t = log(1 + e^−|x|). (For NaN x, t is NaN too, so the max's NaN rule does not matter.)</summary>
    private readonly struct SoftplusOp<T> : IBinaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public bool Vectorized => true;
        public T Invoke(T x, T t) => T.Max(x, T.Zero) + t;
        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> t) =>
            Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<T>.Zero), x, Vector256<T>.Zero) + t;
    }

    /// <summary>½x(1 + t), with t = tanh(√(2/π)(x + 0.044715x³)).</summary>
    private readonly struct GeluOp<T> : IBinaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public bool Vectorized => true;
        public T Invoke(T x, T t) => T.CreateTruncating(0.5) * x * (T.One + t);
        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> t) =>
            Vector256.Create(T.CreateTruncating(0.5)) * x * (Vector256<T>.One + t);
    }

    /// <summary>√(2/π)(x + 0.044715·x·x·x), the argument of GELU's tanh (same operation order as <see cref="Scalar"/>).</summary>
    internal readonly struct GeluInnerOp<T> : IUnaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x) => T.CreateTruncating(0.7978845608028654) * (x + T.CreateTruncating(0.044715) * x * x * x);
        public Vector256<T> Invoke(Vector256<T> x) =>
            Vector256.Create(T.CreateTruncating(0.7978845608028654)) * (x + Vector256.Create(T.CreateTruncating(0.044715)) * x * x * x);
    }
}
