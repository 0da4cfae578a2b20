using System.Text;
using DeepPrep.Charts.Rendering;
using static DeepPrep.Charts.Rendering.NumberFormat;

namespace DeepPrep.Charts;

/// <summary>
/// A shaded band between a lower and an upper curve, with a line through the middle: mean ± one standard
/// deviation over seeds, so a reader sees at once how much of a difference between runs is noise.
/// </summary>
public sealed class BandTrace : Trace
{
    public BandTrace(Values xs, Values center, Values lower, Values upper)
    {
        RequireSameLength(xs, center, "Band");
        RequireSameLength(xs, lower, "Band (lower)");
        RequireSameLength(xs, upper, "Band (upper)");
        (X, Center, Lower, Upper) = (xs.Items, center.Items, lower.Items, upper.Items);
    }

    public double[] X { get; }
    public double[] Center { get; }
    public double[] Lower { get; }
    public double[] Upper { get; }

    /// <summary>Opacity of the shaded area: low, so bands of several series can overlap and stay readable.</summary>
    public double FillOpacity { get; set; } = 0.2;

    internal override string Kind => "band";

    internal override bool HasData => X.Length > CountSkipped(false, false);

    internal override void AddExtent(Extent x, Extent y)
    {
        for (int i = 0; i < X.Length; i++)
        {
            if (!Extent.Drawable(X[i], x.Log)) continue;
            x.Add(X[i]);
            y.Add(Lower[i]);
            y.Add(Upper[i]);
            y.Add(Center[i]);
        }
        y.RequestPadding(0.05);
    }

    internal override int CountSkipped(bool logX, bool logY)
    {
        int n = 0;
        for (int i = 0; i < X.Length; i++)
            if (!Extent.Drawable(X[i], logX) || !Extent.Drawable(Center[i], logY) ||
                !Extent.Drawable(Lower[i], logY) || !Extent.Drawable(Upper[i], logY)) n++;
        return n;
    }

    /// <summary>Index ranges [start, end) of consecutive points that can all be drawn; the band is drawn per run.</summary>
    private IEnumerable<(int Start, int End)> Runs(AxisScale xs, AxisScale ys)
    {
        int start = -1;
        for (int i = 0; i <= X.Length; i++)
        {
            bool ok = i < X.Length && !double.IsNaN(xs.Map(X[i])) && !double.IsNaN(ys.Map(Lower[i])) && !double.IsNaN(ys.Map(Upper[i]));
            if (ok && start < 0) start = i;
            if (!ok && start >= 0) { yield return (start, i); start = -1; }
        }
    }

    internal override void DrawSvg(SvgTraceContext ctx)
    {
        // The band: along the upper curve, back along the lower one, closed.
        foreach (var (start, end) in Runs(ctx.X, ctx.Y))
        {
            var d = new StringBuilder();
            for (int i = start; i < end; i++) d.Append(i == start ? 'M' : 'L').Append(Coord(ctx.X.Map(X[i]))).Append(',').Append(Coord(ctx.Y.Map(Upper[i])));
            for (int i = end - 1; i >= start; i--) d.Append('L').Append(Coord(ctx.X.Map(X[i]))).Append(',').Append(Coord(ctx.Y.Map(Lower[i])));
            d.Append('Z');
            ctx.Svg.Empty("path", ("class", "trace band"), ("d", d.ToString()), ("fill", ctx.Color.Hex), ("fill-opacity", Short(FillOpacity)), ("stroke", "none"));
        }
        new LineTrace(X, Center) { Name = Name }.DrawSvg(ctx);
    }

    internal override void WritePlotly(PlotlyTraceContext ctx)
    {
        var w = ctx.W;
        // plotly has no band trace: a closed polygon filled with fill "toself", then the centre line.
        ctx.Begin("scatter", null);
        if (Name is not null) w.WriteString("legendgroup", Name);
        w.WriteString("mode", "lines");
        w.Numbers("x", X.Concat(Enumerable.Reverse(X)));
        w.Numbers("y", Upper.Concat(Enumerable.Reverse(Lower)));
        w.WriteString("fill", "toself");
        w.WriteString("fillcolor", ctx.Color.Rgba(FillOpacity));
        w.WriteStartObject("line");
        w.Number("width", 0);
        w.WriteString("color", ctx.Color.Rgba(0));
        w.WriteEndObject();
        w.WriteString("hoverinfo", "skip");
        ctx.End();

        new LineTrace(X, Center) { Name = Name }.WritePlotly(ctx);
    }
}
