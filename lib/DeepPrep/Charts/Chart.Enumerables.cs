namespace DeepPrep.Charts;

// Overloads for IEnumerable<double> (a LINQ query such as xs.Select(Math.Sin)), which C# cannot convert to
// Values implicitly. They copy and call the main methods; for arrays and lists, C# picks the Values overloads.
// Other element types: .ToArray() (int[], float[] convert to Values) or Values.From(Enumerable.Range(1, 20)).
public static partial class Chart
{
    /// <summary>A line through y values at x = 0, 1, 2, … from any sequence of doubles.</summary>
    public static Figure Line(IEnumerable<double> ys, string? name = null) => Line(new Values(ys), name);

    /// <summary>A line through (x, y) pairs from any sequences of doubles, e.g. <c>Chart.Line(xs, xs.Select(Math.Sin))</c>.</summary>
    public static Figure Line(IEnumerable<double> xs, IEnumerable<double> ys, string? name = null) => Line(new Values(xs), new Values(ys), name);

    /// <summary>A line with markers from any sequences of doubles.</summary>
    public static Figure LineMarkers(IEnumerable<double> xs, IEnumerable<double> ys, string? name = null) => LineMarkers(new Values(xs), new Values(ys), name);

    /// <summary>Markers at (x, y) pairs from any sequences of doubles.</summary>
    public static Figure Scatter(IEnumerable<double> xs, IEnumerable<double> ys, string? name = null, double size = 6) => Scatter(new Values(xs), new Values(ys), name, size);

    /// <summary>A histogram of any sequence of doubles.</summary>
    public static Figure Histogram(IEnumerable<double> values, int bins = 30, string? name = null, bool density = false) => Histogram(new Values(values), bins, name, density);

    /// <summary>Bars from any sequence of doubles, one per category.</summary>
    public static Figure Bar(IReadOnlyList<string> categories, IEnumerable<double> heights, string? name = null) => Bar(categories, new Values(heights), name);
}
