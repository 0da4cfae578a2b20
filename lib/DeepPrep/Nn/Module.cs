using System.Text;

namespace DeepPrep.Nn;

/// <summary>
/// A piece of a network: holds parameters (tensors that learn) and sub-modules, and maps an input
/// tensor to an output tensor in <see cref="Forward"/>. The backward pass needs no code here:
/// autodiff records the ops Forward uses.
/// </summary>
public abstract class Module
{
    private readonly List<(string Name, Tensor Value)> parameters = [];
    private readonly List<(string Name, Module Value)> children = [];

    /// <summary>True in training mode (dropout drops, batch norm uses batch statistics), false in evaluation mode.</summary>
    public bool Training { get; private set; } = true;

    /// <summary>Computes the output for a batch of inputs.</summary>
    public abstract Tensor Forward(Tensor input);

    /// <summary>Registers a learnable tensor: it gets RequiresGrad and shows up in <see cref="Parameters"/>.</summary>
    protected Tensor AddParameter(string name, Tensor value)
    {
        value.RequiresGrad = true;
        value.Name ??= name;
        parameters.Add((name, value));
        return value;
    }

    /// <summary>Registers a sub-module, so its parameters and mode follow this one's.</summary>
    protected T AddModule<T>(string name, T module) where T : Module
    {
        children.Add((name, module));
        return module;
    }

    /// <summary>Every learnable tensor in this module and its sub-modules, with dotted names ("0.weight").</summary>
    public IEnumerable<(string Name, Tensor Value)> NamedParameters()
    {
        foreach (var p in parameters) yield return p;
        foreach (var (childName, child) in children)
            foreach (var (name, value) in child.NamedParameters())
                yield return ($"{childName}.{name}", value);
    }

    /// <summary>Every learnable tensor: what an optimizer updates.</summary>
    public IEnumerable<Tensor> Parameters() => NamedParameters().Select(p => p.Value);

    /// <summary>Direct sub-modules with their names.</summary>
    public IEnumerable<(string Name, Module Value)> Children() => children;

    /// <summary>Number of learnable numbers.</summary>
    public int ParameterCount => Parameters().Sum(p => p.Size);

    /// <summary>Training mode (the default).</summary>
    public Module Train() { SetMode(true); return this; }

    /// <summary>Evaluation mode: dropout off, batch norm uses running statistics.</summary>
    public Module Eval() { SetMode(false); return this; }

    private void SetMode(bool training)
    {
        Training = training;
        foreach (var (_, child) in children) child.SetMode(training);
    }

    /// <summary>Zeroes the accumulated gradients of every parameter.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters()) p.ZeroGrad();
    }

    /// <summary>A one-line description of this module alone ("Linear(64 → 10)").</summary>
    public virtual string Describe() => GetType().Name;

    /// <summary>A tree of the modules with their parameter counts, like printing a PyTorch model.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        Print(sb, "", 0);
        sb.Append($"Parameters: {ParameterCount:N0}");
        return sb.ToString();
    }

    private void Print(StringBuilder sb, string name, int depth)
    {
        sb.Append(new string(' ', 2 * depth));
        if (name.Length > 0) sb.Append('(').Append(name).Append(") ");
        sb.AppendLine(Describe());
        foreach (var (childName, child) in children) child.Print(sb, childName, depth + 1);
    }
}
