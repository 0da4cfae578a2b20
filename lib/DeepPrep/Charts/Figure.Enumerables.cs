namespace DeepPrep.Charts;

// The Add… methods for IEnumerable<double> (see Chart.Enumerables.cs).
public sealed partial class Figure
{
    /// <summary>Adds a line through y values at x = 0, 1, 2, … from any sequence of doubles.</summary>
    public Figure AddLine(IEnumerable<double> ys, string? name = null, Rgb? color = null, bool dashed = false) => AddLine(new Values(ys), name, color, dashed);

    /// <summary>Adds a line through (x, y) pairs from any sequences of doubles.</summary>
    public Figure AddLine(IEnumerable<double> xs, IEnumerable<double> ys, string? name = null, Rgb? color = null, bool dashed = false) => AddLine(new Values(xs), new Values(ys), name, color, dashed);

    /// <summary>Adds markers at (x, y) pairs from any sequences of doubles.</summary>
    public Figure AddScatter(IEnumerable<double> xs, IEnumerable<double> ys, string? name = null, Rgb? color = null, double size = 6) => AddScatter(new Values(xs), new Values(ys), name, color, size);

    /// <summary>Adds a histogram of any sequence of doubles.</summary>
    public Figure AddHistogram(IEnumerable<double> values, string? name = null, int bins = 30, bool density = false) => AddHistogram(new Values(values), name, bins, density);
}
