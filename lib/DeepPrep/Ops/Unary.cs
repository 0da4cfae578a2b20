using DeepPrep.Backends;

namespace DeepPrep;

// Elementwise functions of one tensor: exp, log, sqrt, abs, pow, clamp, and the activations.
// Forward: y = f(x). Backward: ∂L/∂x = ∂L/∂y · f′(x). The formulas for f and f′ live side by side
// in Backends/Scalar.cs; here each op is one line.
public sealed partial class Tensor
{
    internal static Tensor UnaryKernel(UnaryOp op, Tensor x, double alpha = 0, double beta = 0)
    {
        // Shape arrays are never written once a tensor has one, so the output can share x's (as Detach does).
        var y = Uninitialized(x.shape, x.DType); // every element is written
        UnaryKernelInto(op, x, y, alpha, beta);
        return y;
    }

    // Op names as graphs and error messages show them ("tanh", "leaky_relu"), made once rather than per call.
    // (The initialisers of a partial class's static fields run in no guaranteed order across files, so the ones that
    // need a name call this method rather than read another static field.)
    private static readonly string[] UnaryOpNames = Enum.GetValues<UnaryOp>().Select(MakeUnaryOpName).ToArray();

    private static string MakeUnaryOpName(UnaryOp op) => op == UnaryOp.LeakyRelu ? "leaky_relu" : op.ToString().ToLowerInvariant();

    /// <summary>The op's name as it appears in a graph: "tanh", "leaky_relu".</summary>
    internal static string UnaryOpName(UnaryOp op) => UnaryOpNames[(int)op];

    /// <summary>y = f(x) elementwise into an existing tensor of x's shape and dtype. No graph.</summary>
    internal static void UnaryKernelInto(UnaryOp op, Tensor x, Tensor y, double alpha = 0, double beta = 0)
    {
        if (x.DType == DType.Float32) Kernels.Unary(op, x.Span<float>(), y.Span<float>(), (float)alpha, (float)beta);
        else Kernels.Unary(op, x.Span<double>(), y.Span<double>(), alpha, beta);
    }

    /// <summary>Applies an elementwise op and records its backward, dx = dy · f′(x).</summary>
    internal static Tensor Unary(UnaryOp op, Tensor x, string name, double alpha = 0, double beta = 0)
    {
        var y = UnaryKernel(op, x, alpha, beta);
        return Autodiff.Record(y, name, [x], dy =>
        {
            var dx = Uninitialized(x.shape, x.DType);
            if (x.DType == DType.Float32)
                Kernels.UnaryBackward(op, x.Span<float>(), y.Span<float>(), dy.Span<float>(), dx.Span<float>(), (float)alpha, (float)beta);
            else
                Kernels.UnaryBackward(op, x.Span<double>(), y.Span<double>(), dy.Span<double>(), dx.Span<double>(), alpha, beta);
            return [dx];
        });
    }

    public Tensor Neg() => Unary(UnaryOp.Neg, this, "neg");
    public Tensor Exp() => Unary(UnaryOp.Exp, this, "exp");
    /// <summary>Natural logarithm.</summary>
    public Tensor Log() => Unary(UnaryOp.Log, this, "log");
    public Tensor Sqrt() => Unary(UnaryOp.Sqrt, this, "sqrt");
    public Tensor Abs() => Unary(UnaryOp.Abs, this, "abs");
    public Tensor Square() => Unary(UnaryOp.Square, this, "square");
    /// <summary>x^p for a constant exponent p.</summary>
    public Tensor Pow(double p) => Unary(UnaryOp.Pow, this, "pow", p);
    /// <summary>Limits every value to [min, max]. The gradient is 0 where the value was clipped.</summary>
    public Tensor Clamp(double min, double max)
    {
        if (min > max) throw new ArgumentException($"Clamp: min {min} is greater than max {max}.");
        return Unary(UnaryOp.Clamp, this, "clamp", min, max);
    }

    // Activations. Their shapes and derivatives are plotted in notebook 04.
    /// <summary>σ(x) = 1 / (1 + e^−x), in (0, 1). σ′ = σ(1 − σ) ≤ ¼.</summary>
    public Tensor Sigmoid() => Unary(UnaryOp.Sigmoid, this, "sigmoid");
    /// <summary>tanh(x), in (−1, 1). tanh′ = 1 − tanh².</summary>
    public Tensor Tanh() => Unary(UnaryOp.Tanh, this, "tanh");
    /// <summary>max(0, x).</summary>
    public Tensor Relu() => Unary(UnaryOp.Relu, this, "relu");
    /// <summary>x for x &gt; 0, slope·x otherwise.</summary>
    public Tensor LeakyRelu(double slope = 0.01) => Unary(UnaryOp.LeakyRelu, this, "leaky_relu", slope);
    /// <summary>x for x &gt; 0, α(eˣ − 1) otherwise: smooth, continuous at 0 (Clevert et al. 2016).</summary>
    public Tensor Elu(double alpha = 1.0) => Unary(UnaryOp.Elu, this, "elu", alpha);
    /// <summary>x / (1 + |x|): like tanh, but saturates polynomially, not exponentially.</summary>
    public Tensor Softsign() => Unary(UnaryOp.Softsign, this, "softsign");
    /// <summary>log(1 + eˣ), a smooth ReLU; its derivative is σ(x).</summary>
    public Tensor Softplus() => Unary(UnaryOp.Softplus, this, "softplus");
    /// <summary>GELU (tanh approximation, as in GPT-2 and BERT).</summary>
    public Tensor Gelu() => Unary(UnaryOp.Gelu, this, "gelu");
    /// <summary>The identity; f′ = 1. Useful as the "no activation" choice.</summary>
    public Tensor Identity() => Unary(UnaryOp.Identity, this, "identity");
    /// <summary>Heaviside step: 1 if x &gt; 0 else 0. Its gradient is zero, which is why the perceptron needs its own learning rule.</summary>
    public Tensor Step() => Unary(UnaryOp.Step, this, "step");
}
