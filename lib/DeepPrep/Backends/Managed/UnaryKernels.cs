using System.Runtime.InteropServices;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DeepPrep.Backends.Managed;

/// <summary>
/// Vectorised forward of every <see cref="UnaryOp"/>: y[i] = f(x[i]), with f as defined in <see cref="Scalar.Apply{T}(UnaryOp, T, T, T)"/>.
/// </summary>
/// <remarks>
/// <para>Each op is a small struct with a scalar and a Vector256 form, run by <see cref="Elementwise.Map{T, TOp}(ReadOnlySpan{T}, Span{T}, TOp)"/>
/// in one pass. Transcendental parts use <see cref="VectorMath"/> (exp, log) and <see cref="TanhKernel"/>; the rest are
/// plain arithmetic and compare-and-select, e.g. ReLU = select(x &gt; 0 or x ≠ x, x, 0), which keeps the reference's exact
/// semantics (ReLU(NaN) = NaN, Clamp(NaN) = NaN) whatever the runtime's Vector256.Max does with NaN.</para>
/// <para>Accuracy: ops without a transcendental function give bit-identical results to <see cref="Scalar"/>; the
/// others agree to a few ulps (the tests state the tolerances). The scalar forms, used for the last few elements,
/// are Scalar's formulas with .NET's own Exp/Log/Tanh.</para>
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
            case UnaryOp.Neg: Elementwise.Map(x, y, new NegOp<T>()); break;
            case UnaryOp.Exp: Elementwise.Map(x, y, new ExpOp<T>()); break;
            case UnaryOp.Log: Elementwise.Map(x, y, new LogOp<T>()); break;
            case UnaryOp.Sqrt: Elementwise.Map(x, y, new SqrtOp<T>()); break;
            case UnaryOp.Abs: Elementwise.Map(x, y, new AbsOp<T>()); break;
            case UnaryOp.Square: Elementwise.Map(x, y, new SquareOp<T>()); break;
            case UnaryOp.Pow: TensorPrimitives.Pow(x, alpha, y); break; // no vector pow; TensorPrimitives calls T.Pow per element
            case UnaryOp.Sigmoid: Elementwise.Map(x, y, new SigmoidOp<T>()); break;
            case UnaryOp.Tanh: Elementwise.Map(x, y, new TanhOp<T>()); break;
            case UnaryOp.Clamp: Elementwise.Map(x, y, new ClampOp<T>(alpha, beta)); break;
            case UnaryOp.Affine: Elementwise.Map(x, y, new AffineOp<T>(alpha, beta)); break;
            case UnaryOp.Relu: Elementwise.Map(x, y, new ReluOp<T>()); break;
            case UnaryOp.LeakyRelu: Elementwise.Map(x, y, new LeakyReluOp<T>(alpha)); break;
            case UnaryOp.Elu: Elementwise.Map(x, y, new EluOp<T>(alpha)); break;
            case UnaryOp.Softsign: Elementwise.Map(x, y, new SoftsignOp<T>()); break;
            case UnaryOp.Softplus: Elementwise.Map(x, y, new SoftplusOp<T>()); break;
            case UnaryOp.Gelu: Elementwise.Map(x, y, new GeluOp<T>()); break;
            case UnaryOp.Step: Elementwise.Map(x, y, new StepOp<T>()); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown unary op.");
        }
    }

    /// <summary>
    /// True when <see cref="TryForwardWithRowBias"/> and <see cref="UnaryBackwardKernels.TryBackwardWithColumnSums"/>
    /// have a one-pass form for this op and a [rows, cols] matrix: tanh, sigmoid or ReLU, rows of up to four vectors.
    /// </summary>
    public static bool HasRowFusedForm<T>(UnaryOp op, int rows, int cols) where T : unmanaged =>
        rows > 0 && Elementwise.FitsRowRegisters<T>(cols) && op is UnaryOp.Tanh or UnaryOp.Sigmoid or UnaryOp.Relu;

    /// <summary>
    /// z[r, :] += b and y = f(z) in one pass over a [rows, cols] matrix (a dense layer's bias and activation, see
    /// <see cref="Elementwise.MapWithRowBias"/>), for the common activations and row widths of up to four vectors.
    /// Returns false, having done nothing, for any other op or shape: the caller then runs the two kernels separately.
    /// </summary>
    public static bool TryForwardWithRowBias<T>(UnaryOp op, Span<T> z, ReadOnlySpan<T> b, Span<T> y, int rows, int cols)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        KernelChecks.RowMatrix("Unary with row bias", z.Length, y.Length, b.Length, rows, cols);
        if (!HasRowFusedForm<T>(op, rows, cols)) return false;
        switch (op)
        {
            case UnaryOp.Tanh when typeof(T) == typeof(float) && cols % (2 * Vector256<float>.Count) == 0:
                // Rows of 2 or 4 vectors (16 or 32 units, the usual widths): two tanh chains interleaved, same bits.
                TanhKernel.RowBiasPairs(MemoryMarshal.Cast<T, float>(z), MemoryMarshal.Cast<T, float>(b), MemoryMarshal.Cast<T, float>(y), rows, cols);
                return true;
            case UnaryOp.Tanh: Elementwise.MapWithRowBias(z, b, y, rows, cols, new TanhOp<T>()); return true;
            case UnaryOp.Sigmoid: Elementwise.MapWithRowBias(z, b, y, rows, cols, new SigmoidOp<T>()); return true;
            case UnaryOp.Relu: Elementwise.MapWithRowBias(z, b, y, rows, cols, new ReluOp<T>()); return true;
            default: return false;
        }
    }

    // ---- Op structs. Scalar forms are written exactly as in Scalar.Apply.

    private readonly struct NegOp<T> : IUnaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x) => -x;
        public Vector256<T> Invoke(Vector256<T> x) => -x;
    }

    private readonly struct ExpOp<T> : IUnaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x) => T.Exp(x);
        public Vector256<T> Invoke(Vector256<T> x) => VectorMath.Exp(x);
    }

    private readonly struct LogOp<T> : IUnaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x) => T.Log(x);
        public Vector256<T> Invoke(Vector256<T> x) => VectorMath.Log(x);
    }

    /// <summary>Square root is correctly rounded in hardware, so the vector form is exact.</summary>
    private readonly struct SqrtOp<T> : IUnaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x) => T.Sqrt(x);
        public Vector256<T> Invoke(Vector256<T> x) => Vector256.Sqrt(x);
    }

    private readonly struct AbsOp<T> : IUnaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x) => T.Abs(x);
        public Vector256<T> Invoke(Vector256<T> x) => Vector256.Abs(x);
    }

    private readonly struct SquareOp<T> : IUnaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x) => x * x;
        public Vector256<T> Invoke(Vector256<T> x) => x * x;
    }

    /// <summary>σ(x) = 1/(1 + e^−x); for very negative x, e^−x = ∞ and 1/∞ = 0, still right.</summary>
    private readonly struct SigmoidOp<T> : IUnaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x) => T.One / (T.One + T.Exp(-x));
        public Vector256<T> Invoke(Vector256<T> x) => Vector256<T>.One / (Vector256<T>.One + VectorMath.Exp(-x));
    }

    private readonly struct TanhOp<T> : IUnaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x) => T.Tanh(x);
        public Vector256<T> Invoke(Vector256<T> x) => TanhKernel.Tanh(x);
    }

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

    /// <summary>x if x &gt; 0 else 0; NaN stays NaN, as in the reference (and PyTorch), so a diverged
    /// input is not laundered into a clean 0.</summary>
    private readonly struct ReluOp<T> : IUnaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x) => x > T.Zero || T.IsNaN(x) ? x : T.Zero;
        // Keep x where x > 0 or x is NaN (x ≠ x); elsewhere the mask gives +0.
        public Vector256<T> Invoke(Vector256<T> x) =>
            (Vector256.GreaterThan(x, Vector256<T>.Zero) | ~Vector256.Equals(x, x)) & x;
    }

    /// <summary>x if x &gt; 0 else slope·x.</summary>
    private readonly struct LeakyReluOp<T>(T slope) : IUnaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x) => x > T.Zero ? x : slope * x;
        public Vector256<T> Invoke(Vector256<T> x) =>
            Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<T>.Zero), x, Vector256.Create(slope) * x);
    }

    /// <summary>x if x &gt; 0 else α(eˣ − 1).</summary>
    private readonly struct EluOp<T>(T alpha) : IUnaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x) => x > T.Zero ? x : alpha * (T.Exp(x) - T.One);
        public Vector256<T> Invoke(Vector256<T> x) =>
            Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<T>.Zero), x,
                Vector256.Create(alpha) * (VectorMath.Exp(x) - Vector256<T>.One));
    }

    private readonly struct SoftsignOp<T> : IUnaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x) => x / (T.One + T.Abs(x));
        public Vector256<T> Invoke(Vector256<T> x) => x / (Vector256<T>.One + Vector256.Abs(x));
    }

    /// <summary>log(1 + eˣ) = max(x, 0) + log(1 + e^−|x|): never overflows. (For NaN x the log term is NaN too,
    /// so max's NaN rule does not matter.)</summary>
    private readonly struct SoftplusOp<T> : IUnaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x) => T.Max(x, T.Zero) + T.Log(T.One + T.Exp(-T.Abs(x)));
        public Vector256<T> Invoke(Vector256<T> x) =>
            Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<T>.Zero), x, Vector256<T>.Zero)
            + VectorMath.Log(Vector256<T>.One + VectorMath.Exp(-Vector256.Abs(x)));
    }

    /// <summary>½x(1 + tanh u), u = √(2/π)(x + 0.044715x³).</summary>
    private readonly struct GeluOp<T> : IUnaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x) => T.CreateTruncating(0.5) * x * (T.One + T.Tanh(GeluInner(x)));
        public Vector256<T> Invoke(Vector256<T> x) =>
            Vector256.Create(T.CreateTruncating(0.5)) * x * (Vector256<T>.One + TanhKernel.Tanh(GeluInner(x)));
    }

    private readonly struct StepOp<T> : IUnaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x) => T.IsNaN(x) ? x : x > T.Zero ? T.One : T.Zero;
        // 1 where x > 0, 0 elsewhere, and x itself (NaN) where x ≠ x.
        public Vector256<T> Invoke(Vector256<T> x)
        {
            var nan = ~Vector256.Equals(x, x);
            return (Vector256.GreaterThan(x, Vector256<T>.Zero) & Vector256<T>.One) | (nan & x);
        }
    }

    /// <summary>√(2/π)(x + 0.044715·x·x·x), the argument of GELU's tanh (same operation order as <see cref="Scalar"/>).</summary>
    internal static T GeluInner<T>(T x) where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        T.CreateTruncating(0.7978845608028654) * (x + T.CreateTruncating(0.044715) * x * x * x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<T> GeluInner<T>(Vector256<T> x) where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        Vector256.Create(T.CreateTruncating(0.7978845608028654)) * (x + Vector256.Create(T.CreateTruncating(0.044715)) * x * x * x);
}
