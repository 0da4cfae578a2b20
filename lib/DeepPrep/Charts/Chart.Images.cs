namespace DeepPrep.Charts;

public static partial class Chart
{
    /// <summary>
    /// A grid of images from a tensor: [N, H, W], [N, 1, H, W], or [N, D] with D a square number
    /// (64 → 8×8 digits, 784 → 28×28 Fashion-MNIST). <paramref name="labels"/> go under the images
    /// (e.g. "7", or "pred 3 · true 5"). <paramref name="scaleEach"/> stretches each image to its own
    /// range: right for learned filters, wrong for data, whose brightness should compare across images.
    /// </summary>
    public static Figure Images(Tensor images, int columns = 10, IReadOnlyList<string>? labels = null, bool scaleEach = false) =>
        Images(SplitImages(images), columns, labels, scaleEach);

    /// <summary>A grid of images given as [height, width] arrays.</summary>
    public static Figure Images(IReadOnlyList<double[,]> images, int columns = 10, IReadOnlyList<string>? labels = null, bool scaleEach = false)
    {
        if (labels is not null && labels.Count != images.Count)
            throw new ArgumentException($"Images: {images.Count} images but {labels.Count} labels.");
        var trace = new ImageGridTrace(images, columns, scaleEach);

        // Display size: a whole number of screen pixels per image pixel (no blurry in-between scaling), ~600 px wide.
        int scale = Math.Clamp(600 / (trace.Columns * trace.PitchX), 1, 16);
        if (labels is not null) trace.LabelRows = (int)Math.Ceiling(14.0 / scale);

        var figure = new Figure().Add(trace);
        var panel = figure.Main;
        panel.X.Visible = false;
        panel.Y.Visible = false;
        panel.Y.Reversed = true;     // image row 0 at the top
        panel.EqualAspect = true;    // square pixels
        if (labels is not null)
            for (int k = 0; k < images.Count; k++)
            {
                var (x, y) = trace.LabelPosition(k);
                panel.Notes.Add(new TextNote(x, y, labels[k], Palette.Ink) { FontSize = 11 });
            }
        figure.Layout.Width = Math.Max(300, trace.TotalWidth * scale + 30);
        figure.Layout.Height = trace.TotalHeight * scale + 90;
        return figure;
    }

    /// <summary>One image (a [H, W] matrix or tensor) with square pixels.</summary>
    public static Figure Image(double[,] image) => Images([image], 1);

    private static List<double[,]> SplitImages(Tensor t)
    {
        var shape = t.Shape;
        int n, h, w;
        switch (shape.Count)
        {
            case 2 when IsSquare(shape[1]): (n, h, w) = (shape[0], (int)Math.Sqrt(shape[1]), (int)Math.Sqrt(shape[1])); break;
            case 3: (n, h, w) = (shape[0], shape[1], shape[2]); break;
            case 4 when shape[1] == 1: (n, h, w) = (shape[0], shape[2], shape[3]); break;
            default:
                throw new ArgumentException($"Images: expected [N, H, W], [N, 1, H, W] or [N, D] with D square, got shape [{string.Join(", ", shape)}].");
        }
        var flat = t.ToArray();
        var list = new List<double[,]>(n);
        for (int k = 0; k < n; k++)
        {
            var image = new double[h, w];
            for (int r = 0; r < h; r++)
                for (int c = 0; c < w; c++) image[r, c] = flat[(k * h + r) * w + c];
            list.Add(image);
        }
        return list;
    }

    private static bool IsSquare(int d) => d > 0 && (int)Math.Sqrt(d) * (int)Math.Sqrt(d) == d;
}
