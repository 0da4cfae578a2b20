namespace DeepPrep.Charts;

// The spread of several runs as a median line inside a min–max band. Unlike mean ± sd (Chart.Band), every
// part of it is one of the runs' own values, so it stays positive and meaningful on a log axis, where the
// runs of an experiment can differ by orders of magnitude (gradients per layer, sensitivities per length).
public static partial class Chart
{
    /// <summary>
    /// The median over runs as a line, with a shaded band from the smallest to the largest run at each x.
    /// <paramref name="runs"/> holds one array per run (seed, initial draw), each with one value per x.
    /// <c>Chart.Spread(layers, gradientsPerDraw, "sigmoid").LogY()</c>.
    /// </summary>
    public static Figure Spread(Values xs, IReadOnlyList<double[]> runs, string? name = null) => new Figure().AddSpread(xs, runs, name);

    /// <summary>Median, minimum and maximum over runs at each position, skipping NaN and ±∞ (NaN where no run is finite).</summary>
    /// <remarks>The median of an even number of values is the mean of the middle two.</remarks>
    public static (double[] Median, double[] Min, double[] Max) SpreadOf(IReadOnlyList<double[]> runs)
    {
        if (runs.Count == 0) throw new ArgumentException("Spread: no runs given.");
        int n = runs[0].Length;
        if (runs.Any(r => r.Length != n))
            throw new ArgumentException($"Spread: all runs must have the same number of points; got {string.Join(", ", runs.Select(r => r.Length).Distinct())}.");
        var (median, min, max) = (new double[n], new double[n], new double[n]);
        for (int i = 0; i < n; i++)
        {
            var finite = runs.Select(r => r[i]).Where(double.IsFinite).Order().ToArray();
            if (finite.Length == 0) { median[i] = min[i] = max[i] = double.NaN; continue; }
            int m = finite.Length / 2;
            median[i] = finite.Length % 2 == 1 ? finite[m] : (finite[m - 1] + finite[m]) / 2;
            (min[i], max[i]) = (finite[0], finite[^1]);
        }
        return (median, min, max);
    }
}

public sealed partial class Figure
{
    /// <summary>Adds the median over runs as a line inside a min–max band (see <see cref="Chart.Spread"/>).</summary>
    public Figure AddSpread(Values xs, IReadOnlyList<double[]> runs, string? name = null, Rgb? color = null)
    {
        var (median, min, max) = Chart.SpreadOf(runs);
        return Add(new BandTrace(xs, median, min, max) { Name = name, Color = color });
    }
}
