using DeepPrep.Backends;

namespace DeepPrep.Nn;

/// <summary>An activation function as a layer, so it can sit in a <see cref="Sequential"/>.</summary>
public sealed class Activation : Module
{
    private readonly Func<Tensor, Tensor> function;

    /// <summary>The name used in summaries and charts ("relu").</summary>
    public string Name { get; }

    public Activation(string name, Func<Tensor, Tensor> function)
    {
        Name = name;
        this.function = function;
    }

    // The built-in activations also say which elementwise op they are, so Sequential can fuse a Linear layer
    // and the activation after it into one op (Tensor.Linear with an activation). A custom function has none.
    private Activation(string name, UnaryOp op, double alpha = 0) : this(name, x => Tensor.Unary(op, x, Tensor.UnaryOpName(op), alpha))
    {
        Op = op;
        Alpha = alpha;
    }

    /// <summary>The elementwise op this activation applies, or null for a custom function.</summary>
    internal UnaryOp? Op { get; }

    /// <summary>The op's parameter (the leaky-ReLU slope, the ELU α).</summary>
    internal double Alpha { get; }

    public override Tensor Forward(Tensor input) => function(input);
    public override string Describe() => Name;

    // Factories, so a model reads like its diagram: new Sequential(new Linear(2, 8), Activation.Tanh(), …).
    public static Activation Relu() => new("relu", UnaryOp.Relu);
    public static Activation Sigmoid() => new("sigmoid", UnaryOp.Sigmoid);
    public static Activation Tanh() => new("tanh", UnaryOp.Tanh);
    public static Activation LeakyRelu(double slope = 0.01) => new($"leaky_relu({slope})", UnaryOp.LeakyRelu, slope);
    public static Activation Elu(double alpha = 1.0) => new($"elu({alpha})", UnaryOp.Elu, alpha);
    public static Activation Softsign() => new("softsign", UnaryOp.Softsign);
    public static Activation Softplus() => new("softplus", UnaryOp.Softplus);
    public static Activation Gelu() => new("gelu", UnaryOp.Gelu);
    public static Activation Identity() => new("identity", UnaryOp.Identity);
    public static Activation Step() => new("step", UnaryOp.Step);

    /// <summary>By name: relu, sigmoid, tanh, leaky_relu, elu, softsign, softplus, gelu, identity, step.</summary>
    public static Activation FromName(string name) => name.ToLowerInvariant() switch
    {
        "relu" => Relu(),
        "sigmoid" => Sigmoid(),
        "tanh" => Tanh(),
        "leaky_relu" or "leakyrelu" => LeakyRelu(),
        "elu" => Elu(),
        "softsign" => Softsign(),
        "softplus" => Softplus(),
        "gelu" => Gelu(),
        "identity" or "linear" or "none" => Identity(),
        "step" => Step(),
        _ => throw new ArgumentException($"Unknown activation '{name}'. Known: relu, sigmoid, tanh, leaky_relu, elu, softsign, softplus, gelu, identity, step."),
    };
}
