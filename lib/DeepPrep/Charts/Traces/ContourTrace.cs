using System.Text;
using DeepPrep.Charts.Rendering;
using static DeepPrep.Charts.Rendering.NumberFormat;

namespace DeepPrep.Charts;

/// <summary>
/// Contour lines of a function of two variables sampled on a grid (a loss surface: ill-conditioned
/// ellipses before feature scaling, circles after). z[i, j] is the value at (x[j], y[i]). Each line is
/// labelled with its level; levels are round numbers evenly spaced between the smallest and largest z.
/// </summary>
public sealed class ContourTrace : Trace
{
    public ContourTrace(Values xs, Values ys, double[,] z, int levels = 10)
    {
        if (xs.Count != z.GetLength(1) || ys.Count != z.GetLength(0))
            throw new ArgumentException($"Contour: z is {z.GetLength(0)}×{z.GetLength(1)} (rows × columns) but got {ys.Count} y and {xs.Count} x values.");
        (X, Y, Z) = (xs.Items, ys.Items, z);
        var finite = z.Cast<double>().Where(double.IsFinite).ToArray();
        double lo = finite.Length > 0 ? finite.Min() : 0, hi = finite.Length > 0 ? finite.Max() : 1;
        if (hi > lo)
        {
            Step = NiceTicks.NiceStep(hi - lo, Math.Max(1, levels));
            // Levels strictly inside (min, max): a level at the exact minimum would be a single point.
            Levels = NiceTicks.Multiples(lo, hi, Step).Where(v => v > lo && v < hi).ToArray();
        }
        else (Step, Levels) = (1, []);
    }

    public double[] X { get; }
    public double[] Y { get; }
    public double[,] Z { get; }
    /// <summary>The values a line is drawn at, evenly spaced by <see cref="Step"/>.</summary>
    public double[] Levels { get; }
    public double Step { get; }

    /// <summary>Colours the lines low → high. The light end of viridis is cut off: yellow lines vanish on white.</summary>
    public ColorMap ColorMap { get; set; } = new("contour", (0, "#440154"), (0.33, "#31688e"), (0.66, "#1f9e89"), (1, "#5ec962"));

    public bool ShowLabels { get; set; } = true;

    internal override string Kind => "contour";
    internal override bool UsesPaletteColor => false;
    internal override LegendSymbol Symbol => LegendSymbol.None;

    internal override bool HasData => Z.Length > 0;

    internal override void AddExtent(Extent x, Extent y)
    {
        x.Add(X);
        y.Add(Y);
    }

    internal override int CountSkipped(bool logX, bool logY) => Z.Cast<double>().Count(v => !double.IsFinite(v));

    private Rgb LevelColor(double level) =>
        Levels.Length <= 1 ? ColorMap.At(0) : ColorMap.At((level - Levels[0]) / (Levels[^1] - Levels[0]));

    internal override void DrawSvg(SvgTraceContext ctx)
    {
        for (int n = 0; n < Levels.Length; n++)
        {
            double level = Levels[n];
            var lines = MarchingSquares.Trace(X, Y, Z, level);
            var color = LevelColor(level);
            List<(double X, double Y)>? longest = null;
            foreach (var line in lines)
            {
                var d = new StringBuilder();
                bool penDown = false;
                foreach (var (x, y) in line)
                {
                    double px = ctx.X.Map(x), py = ctx.Y.Map(y);
                    if (double.IsNaN(px) || double.IsNaN(py)) { penDown = false; continue; }
                    d.Append(penDown ? 'L' : 'M').Append(Coord(px)).Append(',').Append(Coord(py));
                    penDown = true;
                }
                ctx.Svg.Empty("path", ("class", "trace contour"), ("d", d.ToString()), ("fill", "none"),
                    ("stroke", color.Hex), ("stroke-width", "1.5"), ("stroke-linejoin", "round"));
                if (longest is null || line.Count > longest.Count) longest = line;
            }
            // One label per level, along its longest line, on a white halo so the line does not cross the digits.
            if (ShowLabels && longest is { Count: >= 8 })
            {
                // Neighbouring levels put their labels at different places along the line, so labels don't stack up.
                var (x, y) = longest[(int)(longest.Count * (0.25 + 0.25 * (n % 3)))];
                ctx.Svg.Text(ctx.X.Map(x), ctx.Y.Map(y), NumberFormat.LinearTick(level, Step), 10, color, "middle",
                    cls: "contour-label", baseline: "central", halo: true);
            }
        }
    }

    internal override void WritePlotly(PlotlyTraceContext ctx)
    {
        var w = ctx.W;
        ctx.Begin("contour", Name);
        w.Numbers("x", X);
        w.Numbers("y", Y);
        w.Matrix("z", Z);
        w.WriteBoolean("autocontour", false);
        w.WriteStartObject("contours");
        w.WriteString("coloring", "lines");
        if (Levels.Length > 0)
        {
            w.Number("start", Levels[0]);
            w.Number("end", Levels[^1]);
            w.Number("size", Step);
        }
        w.WriteBoolean("showlabels", ShowLabels);
        w.WriteStartObject("labelfont");
        w.Number("size", 10);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartObject("line");
        w.Number("width", 1.5);
        w.WriteEndObject();
        w.ColorScale(ColorMap);
        if (Levels.Length > 0)
        {
            w.Number("zmin", Levels[0]);
            w.Number("zmax", Levels[^1]);
        }
        w.WriteBoolean("showscale", false);
        ctx.End();
    }
}
