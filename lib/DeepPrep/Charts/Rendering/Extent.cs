namespace DeepPrep.Charts.Rendering;

/// <summary>
/// The smallest and largest value a trace puts on one axis, gathered before drawing to choose the
/// axis range. Values an axis cannot show (NaN, ±∞, and ≤ 0 on a log axis) are ignored here.
/// </summary>
internal sealed class Extent(bool log)
{
    public bool Log { get; } = log;
    public double Min { get; private set; } = double.PositiveInfinity;
    public double Max { get; private set; } = double.NegativeInfinity;
    public bool IsEmpty => Min > Max;

    /// <summary>
    /// Extra room beyond the data, as a fraction of its span on each side: markers and bars ask for some so
    /// they are not cut in half at the edge; cells (heatmaps, images) ask for none, they fill the plot exactly.
    /// The largest request of the traces in a subplot wins.
    /// </summary>
    public double Padding { get; private set; }

    public void RequestPadding(double fraction) => Padding = Math.Max(Padding, fraction);

    public void Add(double v)
    {
        if (!double.IsFinite(v) || (Log && v <= 0)) return;
        if (v < Min) Min = v;
        if (v > Max) Max = v;
    }

    public void Add(IEnumerable<double> values)
    {
        foreach (double v in values) Add(v);
    }

    /// <summary>True if the axis can show v.</summary>
    public static bool Drawable(double v, bool log) => double.IsFinite(v) && (!log || v > 0);
}
