namespace DeepPrep;

// Inverted dropout (Srivastava et al. 2014): in training, zero each element with probability p and
// scale the survivors by 1/(1−p), so the expected activation is unchanged and evaluation needs no rescaling.
public sealed partial class Tensor
{
    /// <summary>
    /// Zeroes each element with probability <paramref name="p"/> and scales the rest by 1/(1−p).
    /// When <paramref name="training"/> is false it is the identity. Masks come from <paramref name="rng"/>
    /// (default: the global seed's dropout stream).
    /// </summary>
    public Tensor Dropout(double p, bool training = true, Rng? rng = null)
    {
        if (p < 0 || p >= 1 || double.IsNaN(p)) throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout probability must be in [0, 1).");
        if (!training || p == 0) return this;
        rng ??= DeepPrep.Seed.Global.Dropout;
        var mask = Empty((int[])shape.Clone(), DType);
        double keepScale = 1.0 / (1 - p);
        if (DType == DType.Float32)
        {
            var m = mask.Span<float>();
            for (int i = 0; i < m.Length; i++) m[i] = rng.NextDouble() < p ? 0 : (float)keepScale;
        }
        else
        {
            var m = mask.Span<double>();
            for (int i = 0; i < m.Length; i++) m[i] = rng.NextDouble() < p ? 0 : keepScale;
        }
        return this * mask; // the mask is a constant, so the gradient is g · mask
    }
}
