namespace DeepPrep.Nn;

/// <summary>
/// Packing (Lin et al. 2018, "PacGAN"): concatenates every <see cref="M"/> consecutive rows into one,
/// so a GAN discriminator judges m samples at a time instead of one.
///   input [N, F] → output [N/m, m·F],   output row i = [x_{m·i}, x_{m·i+1}, …, x_{m·i+m−1}]
/// No parameters; the gradient is the same reshape backwards.
/// </summary>
/// <remarks>
/// Put it first in the discriminator and feed it batches whose m samples come from the same source (all real
/// or all generated); the labels then have N/m rows. A generator that has collapsed onto a few modes gives
/// packs of near-identical samples, which real data rarely does, so a packed discriminator sees the lack of
/// variety that a one-sample discriminator cannot (Lin et al. prove packing penalises mode collapse).
/// </remarks>
public sealed class Pack : Module
{
    /// <summary>Samples per pack, m ≥ 2 (m = 1 would change nothing).</summary>
    public int M { get; }

    public Pack(int m)
    {
        if (m < 2) throw new ArgumentOutOfRangeException(nameof(m), m, "Pack: m must be at least 2 samples per pack.");
        M = m;
    }

    public override Tensor Forward(Tensor input)
    {
        if (input.Rank != 2) throw new ArgumentException($"Pack expects [batch, features], got {Shapes.Format(input.Shape)}.");
        int n = input.Dim(0), f = input.Dim(1);
        if (n % M != 0) throw new ArgumentException($"Pack({M}): the batch of {n} rows does not split into packs of {M}.");
        return input.Reshape(n / M, M * f);   // rows are contiguous, so a reshape puts m neighbours side by side
    }

    public override string Describe() => $"Pack({M})";
}
