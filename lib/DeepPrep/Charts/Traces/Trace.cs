using DeepPrep.Charts.Rendering;

namespace DeepPrep.Charts;

/// <summary>
/// One data series in a plot: a line, a set of points, bars, a heatmap… Each kind of trace is one file
/// in Charts/Traces, holding its data, how it draws itself as SVG, and how it writes itself as plotly.js
/// JSON, side by side, so the two renderings are easy to compare and keep in step.
/// </summary>
public abstract class Trace
{
    /// <summary>The legend label. A trace without a name is not in the legend.</summary>
    public string? Name { get; set; }

    /// <summary>The colour; null takes the next colour of <see cref="Palette"/>.</summary>
    public Rgb? Color { get; set; }

    /// <summary>Short kind name used in messages: "line", "bar", "heatmap", …</summary>
    internal abstract string Kind { get; }

    /// <summary>False for traces that don't take a palette colour (heatmaps, images), so series colours stay 0, 1, 2, …</summary>
    internal virtual bool UsesPaletteColor => true;

    internal virtual LegendSymbol Symbol => LegendSymbol.Line;

    /// <summary>The SVG stroke-dasharray of the trace's line (null: solid); the legend swatch copies it.</summary>
    internal virtual string? DashArray => null;

    /// <summary>The colour bar this trace shows, if any.</summary>
    internal virtual ColorBarSpec? ColorBar => null;

    /// <summary>False when there is nothing to draw (then the plot says "no data").</summary>
    internal abstract bool HasData { get; }

    /// <summary>Adds the values this trace shows on each axis, to choose axis ranges.</summary>
    internal abstract void AddExtent(Extent x, Extent y);

    /// <summary>How many values cannot be drawn (NaN, ±∞, ≤ 0 on a log axis): skipped, and reported under the plot.</summary>
    internal abstract int CountSkipped(bool logX, bool logY);

    internal abstract void DrawSvg(SvgTraceContext ctx);

    internal abstract void WritePlotly(PlotlyTraceContext ctx);

    /// <summary>Counts x/y pairs where either value cannot be drawn.</summary>
    private protected static int CountSkippedPairs(double[] xs, double[] ys, bool logX, bool logY)
    {
        int n = 0;
        for (int i = 0; i < ys.Length; i++)
            if (!Extent.Drawable(xs[i], logX) || !Extent.Drawable(ys[i], logY)) n++;
        return n;
    }

    private protected static void RequireSameLength(Values xs, Values ys, string what)
    {
        if (xs.Count != ys.Count)
            throw new ArgumentException($"{what}: x has {xs.Count} values but y has {ys.Count}; they must pair up.");
    }
}
