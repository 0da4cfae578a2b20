using static DeepPrep.Charts.Rendering.NumberFormat;

namespace DeepPrep.Charts.Rendering;

/// <summary>
/// Draws a grid of coloured cells (heatmaps, decision regions) into the SVG: one &lt;rect&gt; per cell while that
/// stays small, otherwise one PNG image, drawn with pixelated scaling so cells keep sharp edges.
/// </summary>
internal static class CellGrid
{
    /// <summary>Above this many cells a PNG is smaller than rects and draws faster.</summary>
    public const int MaxRects = 4096;

    /// <summary>Cell edges from cell centres: halfway between neighbours, and half a step beyond the ends.</summary>
    public static double[] Edges(double[] centers)
    {
        int n = centers.Length;
        var edges = new double[n + 1];
        if (n == 0) return [0];
        if (n == 1) return [centers[0] - 0.5, centers[0] + 0.5];
        for (int i = 1; i < n; i++) edges[i] = (centers[i - 1] + centers[i]) / 2;
        edges[0] = centers[0] - (edges[1] - centers[0]);
        edges[n] = centers[n - 1] + (centers[n - 1] - edges[n - 1]);
        return edges;
    }

    /// <summary>Draws cell (i, j) — row i at ys[i], column j at xs[j] — in color(i, j); null leaves it transparent.</summary>
    public static void Draw(SvgTraceContext ctx, double[] xs, double[] ys, Func<int, int, Rgb?> color, string cls)
    {
        double[] xe = Edges(xs), ye = Edges(ys);
        int rows = ys.Length, cols = xs.Length;
        bool evenlySpaced = IsEven(xs) && IsEven(ys) && !ctx.X.Log && !ctx.Y.Log;

        if (rows * cols <= MaxRects || !evenlySpaced)
        {
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < cols; j++)
                {
                    if (color(i, j) is not Rgb c) continue;
                    double x0 = ctx.X.Map(xe[j]), x1 = ctx.X.Map(xe[j + 1]), y0 = ctx.Y.Map(ye[i]), y1 = ctx.Y.Map(ye[i + 1]);
                    if (double.IsNaN(x0 + x1 + y0 + y1)) continue;
                    // A quarter-pixel overlap hides the hairline seams browsers leave between abutting rects.
                    ctx.Svg.Rect(Math.Min(x0, x1), Math.Min(y0, y1), Math.Abs(x1 - x0) + 0.25, Math.Abs(y1 - y0) + 0.25, c.Hex, cls);
                }
            return;
        }

        // PNG rows run top to bottom and columns left to right on screen, whichever way the axes point.
        double left = ctx.X.Map(xe[0]), right = ctx.X.Map(xe[cols]), bottomOfRow0 = ctx.Y.Map(ye[0]), far = ctx.Y.Map(ye[rows]);
        bool flipX = right < left, row0OnTop = bottomOfRow0 < far;
        var rgba = new byte[rows * cols * 4];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
            {
                if (color(i, j) is not Rgb c) continue;
                int r = row0OnTop ? i : rows - 1 - i, col = flipX ? cols - 1 - j : j;
                int p = (r * cols + col) * 4;
                (rgba[p], rgba[p + 1], rgba[p + 2], rgba[p + 3]) = (c.R, c.G, c.B, 255);
            }
        Image(ctx.Svg, Math.Min(left, right), Math.Min(bottomOfRow0, far), Math.Abs(right - left), Math.Abs(far - bottomOfRow0), cols, rows, rgba, cls);
    }

    /// <summary>An embedded PNG scaled to the box without smoothing (each data cell stays a crisp square).</summary>
    public static void Image(SvgBuilder svg, double x, double y, double w, double h, int pixelsWide, int pixelsHigh, byte[] rgba, string cls) =>
        svg.Empty("image", ("class", cls), ("x", Coord(x)), ("y", Coord(y)), ("width", Coord(w)), ("height", Coord(h)),
            ("preserveAspectRatio", "none"), ("image-rendering", "pixelated"), ("style", "image-rendering:pixelated"),
            ("href", PngEncoder.DataUri(pixelsWide, pixelsHigh, rgba)));

    private static bool IsEven(double[] v)
    {
        if (v.Length < 3) return true;
        double step = v[1] - v[0];
        for (int i = 2; i < v.Length; i++) if (Math.Abs(v[i] - v[i - 1] - step) > Math.Abs(step) * 1e-6) return false;
        return true;
    }
}
