namespace DeepPrep;

// Mode coverage: the standard yardstick for mode collapse on mixtures of well-separated Gaussians
// (Metz et al. 2017, "Unrolled GANs"; Srivastava et al. 2017, "VEEGAN").
public static partial class Metrics
{
    /// <summary>
    /// For each mode centre c_k, the number of samples within <paramref name="radius"/> of it:
    /// counts[k] = #{ i : ‖x_i − c_k‖ ≤ radius and c_k is the nearest such centre }.
    /// Samples near no centre are counted nowhere (counts.Sum() / N is the fraction of "good" samples).
    /// </summary>
    /// <param name="samples">[N, d] generated points.</param>
    /// <param name="centers">K centres, each of length d.</param>
    /// <param name="radius">How close counts as "on" a mode, e.g. 3 standard deviations of a component.</param>
    /// <remarks>
    /// A mode is usually called covered when its count reaches some fraction of its fair share N/K; that
    /// threshold is the caller's choice, so the notebook shows it next to the result.
    /// </remarks>
    public static int[] ModeCounts(Tensor samples, IReadOnlyList<double[]> centers, double radius)
    {
        if (samples.Rank != 2) throw new ArgumentException($"ModeCounts: samples must be [N, d], got {Shapes.Format(samples.Shape)}.");
        int n = samples.Dim(0), d = samples.Dim(1);
        if (centers.Count == 0) throw new ArgumentException("ModeCounts: give at least one centre.");
        for (int k = 0; k < centers.Count; k++)
            if (centers[k].Length != d) throw new ArgumentException($"ModeCounts: centre {k} has {centers[k].Length} coordinates but samples have {d}.");
        if (!(radius > 0)) throw new ArgumentOutOfRangeException(nameof(radius), radius, "ModeCounts: radius must be > 0.");

        var x = samples.ToArray();
        var counts = new int[centers.Count];
        for (int i = 0; i < n; i++)
        {
            int nearest = -1;
            double best = radius * radius;
            for (int k = 0; k < centers.Count; k++)
            {
                double distance2 = 0;
                for (int j = 0; j < d; j++) { double diff = x[i * d + j] - centers[k][j]; distance2 += diff * diff; }
                if (distance2 <= best) { best = distance2; nearest = k; }
            }
            if (nearest >= 0) counts[nearest]++;
        }
        return counts;
    }
}
