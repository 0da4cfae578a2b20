using DeepPrep.Charts.Rendering;
using static DeepPrep.Charts.Rendering.NumberFormat;

namespace DeepPrep.Charts;

/// <summary>
/// How often values fall into each of a set of equal-width bins (activations per layer, weights, a
/// generator's samples). The counts are computed here, once, and both renderers draw the same bars.
/// </summary>
/// <remarks>
/// Bins are half-open, [edge_k, edge_k+1), except the last, which also includes its right edge so the
/// maximum is counted. With <c>density</c>, each bar's area is its share of the values (the bars then
/// integrate to 1 and histograms of different sample sizes can be compared).
/// </remarks>
public sealed class HistogramTrace : Trace
{
    public HistogramTrace(Values values, int bins = 30, bool density = false, double? min = null, double? max = null)
    {
        if (bins < 1) throw new ArgumentException($"Histogram needs at least one bin, got {bins}.");
        var finite = values.Items.Where(double.IsFinite).ToArray();
        Skipped = values.Count - finite.Length;
        double lo = min ?? (finite.Length > 0 ? finite.Min() : 0);
        double hi = max ?? (finite.Length > 0 ? finite.Max() : 1);
        if (!(hi > lo)) { lo -= 0.5; hi += 0.5; } // all values equal: one unit-wide bin around them
        Edges = new double[bins + 1];
        for (int k = 0; k <= bins; k++) Edges[k] = lo + (hi - lo) * k / bins;
        Counts = new double[bins];
        foreach (double v in finite)
        {
            if (v < lo || v > hi) continue; // outside a range the caller fixed
            int k = Math.Min(bins - 1, (int)((v - lo) / (hi - lo) * bins));
            Counts[k]++;
        }
        if (density && finite.Length > 0)
            for (int k = 0; k < bins; k++) Counts[k] /= finite.Length * (Edges[k + 1] - Edges[k]);
        Density = density;
    }

    /// <summary>bins + 1 bin edges, from the smallest value to the largest (or the range given).</summary>
    public double[] Edges { get; }
    /// <summary>Count (or density) per bin.</summary>
    public double[] Counts { get; }
    public bool Density { get; }

    /// <summary>Opacity of the bars; below 1 so overlapping histograms stay visible.</summary>
    public double Opacity { get; set; } = 0.7;

    /// <summary>Values that were NaN or ±∞ and so are in no bin.</summary>
    internal int Skipped { get; }

    internal override string Kind => "histogram";
    internal override LegendSymbol Symbol => LegendSymbol.Box;

    internal override bool HasData => Counts.Any(c => c > 0);

    internal override void AddExtent(Extent x, Extent y)
    {
        x.Add(Edges[0]);
        x.Add(Edges[^1]);
        if (!y.Log) y.Add(0);
        y.Add(Counts);
        y.RequestPadding(0.05);
    }

    internal override int CountSkipped(bool logX, bool logY) => Skipped;

    internal override void DrawSvg(SvgTraceContext ctx)
    {
        double baseline = ctx.Y.Log ? ctx.Y.Start : ctx.Y.Map(0);
        for (int k = 0; k < Counts.Length; k++)
        {
            if (Counts[k] <= 0) continue; // an empty bin draws nothing
            double left = ctx.X.Map(Edges[k]), right = ctx.X.Map(Edges[k + 1]), top = ctx.Y.Map(Counts[k]);
            if (double.IsNaN(left) || double.IsNaN(right) || double.IsNaN(top)) continue;
            ctx.Svg.Empty("rect", ("class", "bar"), ("x", Coord(Math.Min(left, right))), ("y", Coord(Math.Min(top, baseline))),
                ("width", Coord(Math.Abs(right - left))), ("height", Coord(Math.Abs(baseline - top))),
                ("fill", ctx.Color.Hex), ("fill-opacity", Short(Opacity)), ("stroke", "#ffffff"), ("stroke-width", "0.5"));
        }
    }

    internal override void WritePlotly(PlotlyTraceContext ctx)
    {
        // Sent as bars at the bin centres with the bin widths, so plotly shows exactly these counts.
        var w = ctx.W;
        ctx.Begin("bar", Name);
        w.Numbers("x", Enumerable.Range(0, Counts.Length).Select(k => (Edges[k] + Edges[k + 1]) / 2));
        w.Numbers("y", Counts);
        w.Numbers("width", Enumerable.Range(0, Counts.Length).Select(k => Edges[k + 1] - Edges[k]));
        w.WriteStartObject("marker");
        w.WriteString("color", ctx.Color.Hex);
        w.Number("opacity", Opacity);
        w.WriteStartObject("line");
        w.WriteString("color", "#ffffff");
        w.Number("width", 0.5);
        w.WriteEndObject();
        w.WriteEndObject();
        ctx.End();
    }
}
