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

    public override Tensor Forward(Tensor input) => function(input);
    public override string Describe() => Name;

    // Factories, so a model reads like its diagram: new Sequential(new Linear(2, 8), Activation.Tanh(), …).
    public static Activation Relu() => new("relu", x => x.Relu());
    public static Activation Sigmoid() => new("sigmoid", x => x.Sigmoid());
    public static Activation Tanh() => new("tanh", x => x.Tanh());
    public static Activation LeakyRelu(double slope = 0.01) => new($"leaky_relu({slope})", x => x.LeakyRelu(slope));
    public static Activation Elu(double alpha = 1.0) => new($"elu({alpha})", x => x.Elu(alpha));
    public static Activation Softsign() => new("softsign", x => x.Softsign());
    public static Activation Softplus() => new("softplus", x => x.Softplus());
    public static Activation Gelu() => new("gelu", x => x.Gelu());
    public static Activation Identity() => new("identity", x => x.Identity());
    public static Activation Step() => new("step", x => x.Step());

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
