namespace DeepPrep.Nn;

/// <summary>Layers applied one after another: the output of each is the input of the next.</summary>
public sealed class Sequential : Module
{
    private readonly List<Module> layers = [];

    public Sequential(params Module[] layers)
    {
        foreach (var layer in layers) Add(layer);
    }

    /// <summary>Appends a layer.</summary>
    public Sequential Add(Module layer)
    {
        AddModule(layers.Count.ToString(), layer);
        layers.Add(layer);
        return this;
    }

    public IReadOnlyList<Module> Layers => layers;
    public Module this[int index] => layers[index];
    public int Count => layers.Count;

    /// <summary>
    /// Called after each layer with (index, layer, output). Hooks use it to record activation statistics
    /// (notebooks 09 and 10) without changing the model.
    /// </summary>
    public event Action<int, Module, Tensor>? LayerOutput;

    /// <remarks>
    /// A <see cref="Linear"/> layer followed by a built-in <see cref="Activation"/> runs as one fused op, f(x·W + b):
    /// the same numbers as running them one after the other, with one graph node and one tensor fewer per layer
    /// (on small networks that bookkeeping costs as much as the arithmetic). Not when a <see cref="LayerOutput"/>
    /// hook is attached: it must see the Linear layer's own output.
    /// </remarks>
    public override Tensor Forward(Tensor input)
    {
        var x = input;
        for (int i = 0; i < layers.Count; i++)
        {
            if (LayerOutput == null && layers[i] is Linear linear && i + 1 < layers.Count && layers[i + 1] is Activation { Op: not null } activation)
            {
                x = linear.Forward(x, activation);
                i++;
                continue;
            }
            x = layers[i].Forward(x);
            LayerOutput?.Invoke(i, layers[i], x);
        }
        return x;
    }

    public override string Describe() => $"Sequential({layers.Count} layers)";

    /// <summary>
    /// An MLP: Linear layers of the given sizes with an activation between them (none after the last).
    /// <c>Sequential.Mlp([64, 32, 10], Activation.Relu, Init.HeNormal)</c>.
    /// </summary>
    public static Sequential Mlp(int[] sizes, Func<Module> activation, Initializer? init = null, DType? dtype = null, Rng? rng = null)
    {
        if (sizes.Length < 2) throw new ArgumentException($"Mlp needs at least an input and an output size, got [{string.Join(", ", sizes)}].");
        var model = new Sequential();
        for (int i = 0; i + 1 < sizes.Length; i++)
        {
            model.Add(new Linear(sizes[i], sizes[i + 1], init: init, dtype: dtype, rng: rng));
            if (i + 2 < sizes.Length) model.Add(activation());
        }
        return model;
    }
}
