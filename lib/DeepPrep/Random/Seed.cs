namespace DeepPrep;

/// <summary>
/// One seed that drives everything random in an experiment: data, initial weights, dropout masks
/// and batch shuffling, each from its own independent stream.
/// </summary>
/// <remarks>
/// Separate streams matter for experiments: switching dropout on must not change the data set
/// or the initial weights, or the comparison would not be fair. Same seed → same streams →
/// bitwise-identical training curves.
/// <code>
/// Seed.Set(0);                                // what a notebook's setup cell does
/// var data = Datasets.Moons(200, 0.1);        // draws from Seed.Global.Data
/// var model = new Linear(2, 8);               // draws from Seed.Global.Init
/// </code>
/// </remarks>
public sealed class Seed
{
    /// <summary>The seed value.</summary>
    public ulong Value { get; }

    /// <summary>Stream for generating or sampling data sets.</summary>
    public Rng Data { get; }
    /// <summary>Stream for initialising weights.</summary>
    public Rng Init { get; }
    /// <summary>Stream for dropout masks and other noise during training.</summary>
    public Rng Dropout { get; }
    /// <summary>Stream for shuffling mini-batches.</summary>
    public Rng Shuffle { get; }

    public Seed(ulong value)
    {
        Value = value;
        var root = new Rng(value);
        Data = root.Fork("data");
        Init = root.Fork("init");
        Dropout = root.Fork("dropout");
        Shuffle = root.Fork("shuffle");
    }

    /// <summary>The seed used when a function is not given one explicitly. Starts at 0.</summary>
    public static Seed Global { get; private set; } = new(0);

    /// <summary>Resets every stream of <see cref="Global"/> from a new seed value.</summary>
    public static Seed Set(ulong value) => Global = new Seed(value);

    public override string ToString() => $"Seed({Value})";
}
