using DeepPrep.Charts.Rendering;

namespace DeepPrep.Charts;

/// <summary>
/// The regions where a classifier predicts each class: the classifier is evaluated on a grid, and each cell
/// is filled with a pale version of its class colour, so the data points drawn on top (in the full colour)
/// show where the model is right and where it is wrong. Made by Chart.DecisionRegions.
/// </summary>
public sealed class RegionTrace : Trace
{
    public RegionTrace(Values xs, Values ys, int[,] classes, int classCount)
    {
        if (xs.Count != classes.GetLength(1) || ys.Count != classes.GetLength(0))
            throw new ArgumentException("RegionTrace: the class grid must have one row per y and one column per x.");
        (X, Y, Classes, ClassCount) = (xs.Items, ys.Items, classes, Math.Max(1, classCount));
    }

    public double[] X { get; }
    public double[] Y { get; }
    /// <summary>Predicted class per grid cell: Classes[i, j] at (x[j], y[i]).</summary>
    public int[,] Classes { get; }
    public int ClassCount { get; }

    /// <summary>How far class colours are mixed toward white (0 = full colour, 1 = white).</summary>
    public double Paleness { get; set; } = 0.72;

    internal override string Kind => "regions";
    internal override bool UsesPaletteColor => false;
    internal override LegendSymbol Symbol => LegendSymbol.None;

    internal Rgb ClassColor(int k) => Palette.Color(k).Tint(Paleness);

    internal override bool HasData => Classes.Length > 0;

    internal override void AddExtent(Extent x, Extent y)
    {
        var xe = CellGrid.Edges(X);
        var ye = CellGrid.Edges(Y);
        x.Add(xe[0]); x.Add(xe[^1]);
        y.Add(ye[0]); y.Add(ye[^1]);
    }

    internal override int CountSkipped(bool logX, bool logY) => 0;

    internal override void DrawSvg(SvgTraceContext ctx) =>
        CellGrid.Draw(ctx, X, Y, (i, j) => Classes[i, j] >= 0 ? ClassColor(Classes[i, j]) : (Rgb?)null, "region");

    internal override void WritePlotly(PlotlyTraceContext ctx)
    {
        // A heatmap of class indices with a stepped colour scale: class k owns the band [k/K, (k+1)/K].
        var w = ctx.W;
        ctx.Begin("heatmap", Name);
        w.Numbers("x", X);
        w.Numbers("y", Y);
        var z = new double[Classes.GetLength(0), Classes.GetLength(1)];
        for (int i = 0; i < z.GetLength(0); i++)
            for (int j = 0; j < z.GetLength(1); j++) z[i, j] = Classes[i, j] >= 0 ? Classes[i, j] : double.NaN;
        w.Matrix("z", z);
        w.Number("zmin", -0.5);
        w.Number("zmax", ClassCount - 0.5);
        w.WriteStartArray("colorscale");
        for (int k = 0; k < ClassCount; k++)
            foreach (double at in new[] { (double)k / ClassCount, (double)(k + 1) / ClassCount })
            {
                w.WriteStartArray();
                w.WriteNumberValue(Math.Round(at, 10));
                w.WriteStringValue(ClassColor(k).Hex);
                w.WriteEndArray();
            }
        w.WriteEndArray();
        w.WriteBoolean("showscale", false);
        w.WriteBoolean("zsmooth", false);
        w.WriteString("hoverinfo", "skip");
        ctx.End();
    }
}
