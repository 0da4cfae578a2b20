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

    /// <summary>Set by traces drawn as markers or bars, which need a margin so they are not cut in half at the edge.</summary>
    public bool WantsPadding { get; set; }

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
