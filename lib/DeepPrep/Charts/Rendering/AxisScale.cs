namespace DeepPrep.Charts.Rendering;

/// <summary>
/// Maps data values on one axis to pixels: linear, or linear in log10(value) for a log axis.
/// <see cref="Start"/> is the pixel of <see cref="Min"/>: left for x, bottom for y (pixels grow downward in SVG,
/// so a y scale runs from a large pixel value to a small one). A reversed axis swaps the ends.
/// </summary>
internal sealed class AxisScale
{
    public AxisScale(double min, double max, bool log, double start, double end)
    {
        (Min, Max, Log, Start, End) = (min, max, log, start, end);
    }

    public double Min { get; }
    public double Max { get; }
    public bool Log { get; }
    public double Start { get; }
    public double End { get; }

    /// <summary>Category names of a bar chart axis: category k sits at value k, the range is [−0.5, n − 0.5].</summary>
    public IReadOnlyList<string>? Categories { get; init; }

    public List<Tick> Ticks { get; set; } = [];

    /// <summary>Pixel position of v, or NaN if the axis cannot show v.</summary>
    public double Map(double v)
    {
        if (!Extent.Drawable(v, Log)) return double.NaN;
        double t = Log
            ? (Math.Log10(v) - Math.Log10(Min)) / (Math.Log10(Max) - Math.Log10(Min))
            : (v - Min) / (Max - Min);
        return Start + t * (End - Start);
    }

    /// <summary>Pixels per data unit (linear axes): bar widths, image cells.</summary>
    public double PixelsPerUnit => Math.Abs(End - Start) / (Max - Min);

    /// <summary>The range as plotly wants it: data units, or log10 of them on a log axis; reversed axes give [max, min].</summary>
    public (double From, double To) PlotlyRange(bool reversed)
    {
        double a = Log ? Math.Log10(Min) : Min, b = Log ? Math.Log10(Max) : Max;
        return reversed ? (b, a) : (a, b);
    }
}

/// <summary>A rectangle in pixels: a subplot's drawing area, a legend, a colour bar.</summary>
internal readonly record struct PixelBox(double Left, double Top, double Width, double Height)
{
    public double Right => Left + Width;
    public double Bottom => Top + Height;
}
