using DeepPrep.Charts.Rendering;

namespace DeepPrep.Charts;

/// <summary>
/// Small images in rows and columns: digits, Fashion-MNIST items, reconstructions next to their inputs,
/// learned filters, weight matrices. Made by <see cref="Chart.Images(Tensor, int, IReadOnlyList{string}?, bool)"/>.
/// </summary>
/// <remarks>
/// All images are tiled into one big picture with a one-pixel empty gap between them. The SVG embeds
/// each image as a small PNG; plotly gets the tiled picture as one heatmap whose gaps are null (transparent).
/// Image k sits at column k % columns, row k / columns; its top-left pixel is at x = col·(w + gap),
/// y = row·(h + gapY) in "tile pixel" units, with y growing downward (the y axis is reversed).
/// </remarks>
public sealed class ImageGridTrace : Trace
{
    public ImageGridTrace(IReadOnlyList<double[,]> images, int columns, bool scaleEach = false)
    {
        if (images.Count == 0) throw new ArgumentException("Images: no images given.");
        ImageHeight = images[0].GetLength(0);
        ImageWidth = images[0].GetLength(1);
        if (images.Any(im => im.GetLength(0) != ImageHeight || im.GetLength(1) != ImageWidth))
            throw new ArgumentException("Images: all images must have the same height and width.");
        Images = images;
        Columns = Math.Clamp(columns, 1, images.Count);
        ScaleEach = scaleEach;

        var finite = images.SelectMany(im => im.Cast<double>()).Where(double.IsFinite).ToArray();
        Min = finite.Length > 0 ? finite.Min() : 0;
        Max = finite.Length > 0 && finite.Max() > Min ? finite.Max() : Min + 1;
        // Signed images (filters, weights) read best on the blue–white–red map, symmetric around 0.
        if (Min < 0 && Max > 0 && !scaleEach)
        {
            double m = Math.Max(-Min, Max);
            (Min, Max, ColorMap) = (-m, m, ColorMap.Diverging);
        }
        else ColorMap = ColorMap.Greys;
    }

    public IReadOnlyList<double[,]> Images { get; }
    public int Columns { get; }
    public int ImageHeight { get; }
    public int ImageWidth { get; }
    /// <summary>Stretch each image to its own min..max (filters); otherwise one scale for all (data).</summary>
    public bool ScaleEach { get; }
    public double Min { get; set; }
    public double Max { get; set; }
    public ColorMap ColorMap { get; set; }

    /// <summary>Rows of empty tile pixels under each image, where its label goes (0 without labels).</summary>
    public int LabelRows { get; set; }

    public int Rows => (Images.Count + Columns - 1) / Columns;
    internal const int Gap = 1;
    internal int PitchX => ImageWidth + Gap;
    internal int PitchY => ImageHeight + Gap + LabelRows;
    internal int TotalWidth => Columns * PitchX - Gap;
    internal int TotalHeight => Rows * PitchY - Gap;

    internal override string Kind => "images";
    internal override bool UsesPaletteColor => false;
    internal override LegendSymbol Symbol => LegendSymbol.None;

    internal override bool HasData => Images.Count > 0;

    internal override void AddExtent(Extent x, Extent y)
    {
        x.Add(-0.5); x.Add(TotalWidth - 0.5);
        y.Add(-0.5); y.Add(TotalHeight - 0.5);
    }

    internal override int CountSkipped(bool logX, bool logY) => Images.Sum(im => im.Cast<double>().Count(v => !double.IsFinite(v)));

    /// <summary>Pixel (r, c) of image k mapped to 0..1 for the colour map (NaN stays NaN).</summary>
    private double Normalized(int k, int r, int c)
    {
        double v = Images[k][r, c];
        if (!double.IsFinite(v)) return double.NaN;
        if (!ScaleEach) return (v - Min) / (Max - Min);
        var (lo, hi) = ImageRange(k);
        return (v - lo) / (hi - lo);
    }

    private readonly Dictionary<int, (double, double)> ranges = [];

    private (double Lo, double Hi) ImageRange(int k)
    {
        if (ranges.TryGetValue(k, out var range)) return range;
        var finite = Images[k].Cast<double>().Where(double.IsFinite).ToArray();
        double lo = finite.Length > 0 ? finite.Min() : 0, hi = finite.Length > 0 ? finite.Max() : 1;
        return ranges[k] = (lo, hi > lo ? hi : lo + 1);
    }

    /// <summary>Centre of image k's label, in tile pixels.</summary>
    internal (double X, double Y) LabelPosition(int k) =>
        ((k % Columns) * PitchX + (ImageWidth - 1) / 2.0, (k / Columns) * PitchY + ImageHeight - 0.5 + (Gap + LabelRows) / 2.0);

    internal override void DrawSvg(SvgTraceContext ctx)
    {
        for (int k = 0; k < Images.Count; k++)
        {
            var rgba = new byte[ImageHeight * ImageWidth * 4];
            for (int r = 0; r < ImageHeight; r++)
                for (int c = 0; c < ImageWidth; c++)
                {
                    double t = Normalized(k, r, c);
                    if (double.IsNaN(t)) continue;
                    var color = ColorMap.At(t);
                    int p = (r * ImageWidth + c) * 4;
                    (rgba[p], rgba[p + 1], rgba[p + 2], rgba[p + 3]) = (color.R, color.G, color.B, 255);
                }
            double left = (k % Columns) * PitchX - 0.5, top = (k / Columns) * PitchY - 0.5;
            double x0 = ctx.X.Map(left), x1 = ctx.X.Map(left + ImageWidth), y0 = ctx.Y.Map(top), y1 = ctx.Y.Map(top + ImageHeight);
            CellGrid.Image(ctx.Svg, Math.Min(x0, x1), Math.Min(y0, y1), Math.Abs(x1 - x0), Math.Abs(y1 - y0), ImageWidth, ImageHeight, rgba, "image");
            // A hairline frame shows where a mostly white image ends.
            ctx.Svg.Empty("rect", ("x", NumberFormat.Coord(Math.Min(x0, x1))), ("y", NumberFormat.Coord(Math.Min(y0, y1))),
                ("width", NumberFormat.Coord(Math.Abs(x1 - x0))), ("height", NumberFormat.Coord(Math.Abs(y1 - y0))),
                ("fill", "none"), ("stroke", "#cccccc"), ("stroke-width", "0.5"));
        }
    }

    internal override void WritePlotly(PlotlyTraceContext ctx)
    {
        var z = new double[TotalHeight, TotalWidth];
        for (int i = 0; i < TotalHeight; i++) for (int j = 0; j < TotalWidth; j++) z[i, j] = double.NaN;
        for (int k = 0; k < Images.Count; k++)
            for (int r = 0; r < ImageHeight; r++)
                for (int c = 0; c < ImageWidth; c++)
                    z[(k / Columns) * PitchY + r, (k % Columns) * PitchX + c] = Normalized(k, r, c);
        var w = ctx.W;
        ctx.Begin("heatmap", Name);
        w.Matrix("z", z, significant: 3); // grey levels 0..1: three digits are finer than 256 levels, and keep pages small
        w.ColorScale(ColorMap);
        w.Number("zmin", 0);
        w.Number("zmax", 1);
        w.WriteBoolean("zsmooth", false);
        w.WriteBoolean("showscale", false);
        w.WriteBoolean("hoverongaps", false);
        ctx.End();
    }
}
