using System.Text;
using DeepPrep.Charts.Rendering;
using static DeepPrep.Charts.Rendering.NumberFormat;

namespace DeepPrep.Charts;

/// <summary>How a <see cref="LineTrace"/> shows its points.</summary>
public enum LineMode { Lines, Markers, LinesAndMarkers }

/// <summary>
/// y against x as a connected line (learning curves), as separate markers (a scatter of data points),
/// or both. Points that cannot be drawn (NaN, ±∞, ≤ 0 on a log axis) break the line instead of being
/// joined across: a diverging run shows where it stopped.
/// </summary>
public sealed class LineTrace : Trace
{
    public LineTrace(Values xs, Values ys, LineMode mode = LineMode.Lines)
    {
        RequireSameLength(xs, ys, "Line");
        X = xs.Items;
        Y = ys.Items;
        Mode = mode;
    }

    public double[] X { get; }
    public double[] Y { get; }
    public LineMode Mode { get; set; }

    /// <summary>Line width in pixels.</summary>
    public double Width { get; set; } = 2;

    /// <summary>A dashed line, e.g. for a theoretical curve next to a measured one.</summary>
    public bool Dashed { get; set; }

    /// <summary>Marker diameter in pixels.</summary>
    public double MarkerSize { get; set; } = 6;

    /// <summary>Markers' fill opacity: lower it for thousands of overlapping points.</summary>
    public double MarkerOpacity { get; set; } = 1;

    internal override string Kind => Mode == LineMode.Markers ? "scatter" : "line";

    private bool HasLine => Mode != LineMode.Markers;
    private bool HasMarkers => Mode != LineMode.Lines;

    internal override LegendSymbol Symbol =>
        Mode switch { LineMode.Lines => LegendSymbol.Line, LineMode.Markers => LegendSymbol.Marker, _ => LegendSymbol.LineAndMarker };

    internal override string? DashArray => HasLine && Dashed ? "6,4" : null;

    internal override bool HasData => X.Length > CountSkipped(false, false);

    internal override void AddExtent(Extent x, Extent y)
    {
        for (int i = 0; i < X.Length; i++)
        {
            if (!Extent.Drawable(X[i], x.Log) || !Extent.Drawable(Y[i], y.Log)) continue;
            x.Add(X[i]);
            y.Add(Y[i]);
        }
        if (HasMarkers) x.RequestPadding(0.04);
        y.RequestPadding(0.05);
    }

    internal override int CountSkipped(bool logX, bool logY) => CountSkippedPairs(X, Y, logX, logY);

    internal override void DrawSvg(SvgTraceContext ctx)
    {
        if (HasLine)
        {
            var d = new StringBuilder();
            bool penDown = false;
            for (int i = 0; i < X.Length; i++)
            {
                double px = ctx.X.Map(X[i]), py = ctx.Y.Map(Y[i]);
                if (double.IsNaN(px) || double.IsNaN(py)) { penDown = false; continue; }
                d.Append(penDown ? 'L' : 'M').Append(Coord(px)).Append(',').Append(Coord(py));
                penDown = true;
            }
            if (d.Length > 0)
                ctx.Svg.Empty("path", ("class", "trace line"), ("d", d.ToString()), ("fill", "none"), ("stroke", ctx.Color.Hex),
                    ("stroke-width", Coord(Width)), ("stroke-linejoin", "round"), ("stroke-linecap", "round"),
                    ("stroke-dasharray", DashArray));
        }
        if (HasMarkers)
        {
            for (int i = 0; i < X.Length; i++)
            {
                double px = ctx.X.Map(X[i]), py = ctx.Y.Map(Y[i]);
                if (double.IsNaN(px) || double.IsNaN(py)) continue;
                // A thin white edge keeps overlapping points apart.
                ctx.Svg.Empty("circle", ("class", "marker"), ("cx", Coord(px)), ("cy", Coord(py)), ("r", Coord(MarkerSize / 2)),
                    ("fill", ctx.Color.Hex), ("fill-opacity", MarkerOpacity < 1 ? Short(MarkerOpacity) : null),
                    ("stroke", "#ffffff"), ("stroke-width", "0.75"));
            }
        }
    }

    internal override void WritePlotly(PlotlyTraceContext ctx)
    {
        var w = ctx.W;
        ctx.Begin("scatter", Name);
        w.WriteString("mode", Mode switch { LineMode.Lines => "lines", LineMode.Markers => "markers", _ => "lines+markers" });
        w.Numbers("x", X);
        w.Numbers("y", Y);
        if (HasLine)
        {
            w.WriteBoolean("connectgaps", false); // a NaN breaks the line, as in the SVG
            w.WriteStartObject("line");
            w.WriteString("color", ctx.Color.Hex);
            w.Number("width", Width);
            if (Dashed) w.WriteString("dash", "dash");
            w.WriteEndObject();
        }
        if (HasMarkers)
        {
            w.WriteStartObject("marker");
            w.WriteString("color", ctx.Color.Hex);
            w.Number("size", MarkerSize);
            if (MarkerOpacity < 1) w.Number("opacity", MarkerOpacity);
            w.WriteStartObject("line");
            w.WriteString("color", "#ffffff");
            w.Number("width", 0.75);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        ctx.End();
    }
}
