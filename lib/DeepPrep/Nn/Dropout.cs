namespace DeepPrep.Nn;

/// <summary>
/// Inverted dropout as a layer: in training mode each activation is zeroed with probability p and the
/// rest are scaled by 1/(1−p); in evaluation mode it passes everything through unchanged.
/// Srivastava et al. (2014) used p = 0.5 for hidden units and p = 0.2 for inputs.
/// </summary>
public sealed class Dropout : Module
{
    private readonly Rng? rng;

    public double P { get; }

    /// <param name="p">Probability of dropping each activation, in [0, 1).</param>
    /// <param name="rng">Mask source (default: the global seed's dropout stream, read at each forward).</param>
    public Dropout(double p, Rng? rng = null)
    {
        if (p < 0 || p >= 1 || double.IsNaN(p)) throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout probability must be in [0, 1).");
        P = p;
        this.rng = rng;
    }

    public override Tensor Forward(Tensor input) => input.Dropout(P, Training, rng);
    public override string Describe() => $"Dropout(p={P})";
}
