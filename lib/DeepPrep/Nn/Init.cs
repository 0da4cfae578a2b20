namespace DeepPrep.Nn;

/// <summary>A named rule for the starting values of a weight tensor, given its fan-in and fan-out.</summary>
/// <param name="Name">Shown in model summaries and chart captions ("He normal").</param>
/// <param name="Fill">Writes the values into the tensor, drawing from the rng.</param>
public sealed record Initializer(string Name, Action<Tensor, int, int, Rng> Fill)
{
    public override string ToString() => Name;
}

/// <summary>
/// Weight initialisers. Their whole point is scale: keep the variance of activations (forward) and
/// gradients (backward) roughly constant from layer to layer (notebook 09).
/// fanIn = inputs per output unit, fanOut = outputs per input unit.
/// </summary>
public static class Init
{
    /// <summary>All zeros. Fine for biases and for the last layer; for hidden layers every unit stays identical (symmetry).</summary>
    public static readonly Initializer Zeros = new("zeros", (t, _, _, _) => t.FillInPlace(0));

    /// <summary>Every weight equal to c: as symmetric as zeros.</summary>
    public static Initializer Constant(double c) => new($"constant({c})", (t, _, _, _) => t.FillInPlace(c));

    /// <summary>N(0, sd²), the same scale for every layer whatever its width.</summary>
    public static Initializer Normal(double sd) => new($"N(0, {sd}²)", (t, _, _, rng) => FillNormal(t, rng, sd));

    /// <summary>U[low, high).</summary>
    public static Initializer Uniform(double low, double high) => new($"U[{low}, {high})", (t, _, _, rng) => FillUniform(t, rng, low, high));

    /// <summary>Glorot/Xavier normal: sd = √(2 / (fanIn + fanOut)). For tanh and sigmoid (Glorot and Bengio 2010).</summary>
    public static readonly Initializer GlorotNormal = new("Glorot normal",
        (t, fanIn, fanOut, rng) => FillNormal(t, rng, Math.Sqrt(2.0 / (fanIn + fanOut))));

    /// <summary>Glorot/Xavier uniform: U[−a, a], a = √(6 / (fanIn + fanOut)).</summary>
    public static readonly Initializer GlorotUniform = new("Glorot uniform",
        (t, fanIn, fanOut, rng) => { double a = Math.Sqrt(6.0 / (fanIn + fanOut)); FillUniform(t, rng, -a, a); });

    /// <summary>He/Kaiming normal: sd = √(2 / fanIn). For ReLU, which zeroes half its inputs (He et al. 2015).</summary>
    public static readonly Initializer HeNormal = new("He normal",
        (t, fanIn, _, rng) => FillNormal(t, rng, Math.Sqrt(2.0 / fanIn)));

    /// <summary>He/Kaiming uniform: U[−a, a], a = √(6 / fanIn).</summary>
    public static readonly Initializer HeUniform = new("He uniform",
        (t, fanIn, _, rng) => { double a = Math.Sqrt(6.0 / fanIn); FillUniform(t, rng, -a, a); });

    /// <summary>U[−1/√fanIn, 1/√fanIn]: the default of Linear and Conv2d (the same scale PyTorch uses).</summary>
    public static readonly Initializer Default = new("U(±1/√fan_in)",
        (t, fanIn, _, rng) => { double a = 1.0 / Math.Sqrt(Math.Max(1, fanIn)); FillUniform(t, rng, -a, a); });

    private static void FillNormal(Tensor t, Rng rng, double sd)
    {
        for (int i = 0; i < t.Size; i++) t.SetFlat(i, rng.Normal(0, sd));
    }

    private static void FillUniform(Tensor t, Rng rng, double low, double high)
    {
        for (int i = 0; i < t.Size; i++) t.SetFlat(i, rng.Uniform(low, high));
    }
}
