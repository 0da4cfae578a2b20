using DeepPrep.Charts.Rendering;

namespace DeepPrep.Charts;

/// <summary>
/// A matrix as coloured cells with a colour bar: weight matrices, confusion matrices, a loss surface.
/// z[i, j] is drawn at (x[j], y[i]). NaN cells stay empty.
/// </summary>
public sealed class HeatmapTrace : Trace
{
    public HeatmapTrace(double[,] z, Values? xs = null, Values? ys = null)
    {
        Z = z;
        X = xs?.Items ?? Values.Indices(z.GetLength(1)).Items;
        Y = ys?.Items ?? Values.Indices(z.GetLength(0)).Items;
        if (X.Length != z.GetLength(1) || Y.Length != z.GetLength(0))
            throw new ArgumentException($"Heatmap: z is {z.GetLength(0)}×{z.GetLength(1)} (rows × columns) but got {Y.Length} y and {X.Length} x values.");
        var finite = z.Cast<double>().Where(double.IsFinite).ToArray();
        double lo = finite.Length > 0 ? finite.Min() : 0, hi = finite.Length > 0 ? finite.Max() : 1;
        // Signed data (weights, gradients) gets a diverging map centred on zero, so the sign reads at a glance.
        if (lo < 0 && hi > 0)
        {
            double m = Math.Max(-lo, hi);
            (ZMin, ZMax, ColorMap) = (-m, m, ColorMap.Diverging);
        }
        else (ZMin, ZMax, ColorMap) = (lo, hi > lo ? hi : lo + 1, ColorMap.Viridis);
    }

    public double[,] Z { get; }
    public double[] X { get; }
    public double[] Y { get; }
    public ColorMap ColorMap { get; set; }
    /// <summary>The value shown with the first colour of the map (and anything below it).</summary>
    public double ZMin { get; set; }
    /// <summary>The value shown with the last colour of the map (and anything above it).</summary>
    public double ZMax { get; set; }
    /// <summary>Title beside the colour bar, e.g. "weight".</summary>
    public string? ColorBarTitle { get; set; }
    public bool ShowColorBar { get; set; } = true;

    internal override string Kind => "heatmap";
    internal override bool UsesPaletteColor => false;
    internal override LegendSymbol Symbol => LegendSymbol.None;
    internal override ColorBarSpec? ColorBar => ShowColorBar ? new ColorBarSpec(ColorMap, ZMin, ZMax, ColorBarTitle) : null;

    internal override bool HasData => Z.Length > 0;

    internal override void AddExtent(Extent x, Extent y)
    {
        var xe = CellGrid.Edges(X);
        var ye = CellGrid.Edges(Y);
        x.Add(xe[0]); x.Add(xe[^1]);
        y.Add(ye[0]); y.Add(ye[^1]);
    }

    internal override int CountSkipped(bool logX, bool logY) => Z.Cast<double>().Count(v => !double.IsFinite(v));

    internal Rgb? CellColor(int i, int j)
    {
        double v = Z[i, j];
        return double.IsFinite(v) ? ColorMap.At((v - ZMin) / (ZMax - ZMin)) : (Rgb?)null;
    }

    internal override void DrawSvg(SvgTraceContext ctx) => CellGrid.Draw(ctx, X, Y, CellColor, "cell");

    internal override void WritePlotly(PlotlyTraceContext ctx)
    {
        var w = ctx.W;
        ctx.Begin("heatmap", Name);
        w.Numbers("x", X);
        w.Numbers("y", Y);
        w.Matrix("z", Z);
        w.ColorScale(ColorMap);
        w.Number("zmin", ZMin);
        w.Number("zmax", ZMax);
        w.WriteBoolean("zsmooth", false);
        w.WriteBoolean("hoverongaps", false);
        w.WriteBoolean("showscale", ShowColorBar);
        if (ShowColorBar && ctx.ColorBar is var (cx, cy, length))
            PlotlyColorBar.Write(w, cx, cy, length, ColorBarTitle);
        ctx.End();
    }
}
