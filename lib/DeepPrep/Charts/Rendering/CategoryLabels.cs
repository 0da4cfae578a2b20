namespace DeepPrep.Charts.Rendering;

/// <summary>
/// How the category names under a bar chart are laid out: which are labelled, on how many lines, at what
/// angle, and how much height below the axis they take. Computed once by <see cref="LayoutEngine"/>; the SVG
/// draws exactly these labels and the plotly JSON sends them as tickvals/ticktext with the same tickangle,
/// so plotly never rotates or thins them on its own (it did, into the caption, before the margins knew).
/// </summary>
internal sealed record CategoryLabels(List<Tick> Ticks, double Angle, int Lines, double Height)
{
    /// <summary>
    /// How far the first label reaches left of the plot area's left edge (≤ 0: not at all). A rotated name
    /// ends at its tick and runs down to the left, by up to width × cos(angle); the layout widens the left
    /// margin by this much so the name stays inside the figure.
    /// </summary>
    public double LeftOverhang { get; init; }

    /// <summary>Rotation of labels that do not fit side by side, in degrees counter-clockwise: they rise to the right and end at their tick.</summary>
    public const double RotatedAngle = 45;

    /// <summary>Rotated labels longer than this are cut with "…" (a label should not take half the figure's height).</summary>
    private const double MaxRotatedWidth = 150;

    /// <summary>
    /// Where a rotated label's end sits relative to its tick (pixels right of it, pixels below the axis): the
    /// text's middle line meets the tick, and its highest corner stays clear of the tick mark. These are where
    /// plotly puts a label at tickangle −45 (measured in Chromium, plotly.js 4.1.2, 12 px DejaVu Sans), so the
    /// two renderings agree; the browser test Rotated_category_names_sit_between… checks it to 2 px.
    /// </summary>
    public const double RotatedDx = 4.5, RotatedDy = 18;

    /// <summary>Baseline of the first line of horizontal labels below the axis, and the distance between lines.</summary>
    public const double FirstBaseline = 18, LineStep = 14;

    /// <summary>
    /// Labels for <paramref name="categories"/> over <paramref name="pixels"/> of axis, tried in this order:
    /// 1. side by side, each on one line;
    /// 2. side by side, long names broken onto two lines;
    /// 3. rotated by <see cref="RotatedAngle"/>, which needs only about a line height per label across
    ///    (for names wider than three characters' worth; short ones, like numbers, stay level and thin out);
    /// and, where even that collides, only every 2nd, 3rd, … category is labelled.
    /// </summary>
    public static CategoryLabels Choose(IReadOnlyList<string> categories, double pixels)
    {
        double fontSize = LayoutEngine.TickSize;
        if (categories.Count == 0) return Level([], 1);
        double band = pixels / categories.Count;
        double Position(double k) => k * band;

        var oneLine = categories.Select((c, k) => new Tick(k, c)).ToList();
        if (NiceTicks.Fits(oneLine, Position, true, fontSize)) return Level(oneLine, 1);

        var twoLines = categories.Select((c, k) => new Tick(k, TwoLines(c, Math.Max(band - 8, 40)))).ToList();
        int levelStride = Stride(twoLines, labels => NiceTicks.Fits(labels, Position, true, fontSize));
        var level = Every(twoLines, levelStride);
        var levelLabels = Level(level, level.Max(t => t.Label.Count(ch => ch == '\n') + 1));
        double widest = categories.Max(c => TextMetrics.Width(c, fontSize));
        if (levelStride == 1 || widest <= 3 * fontSize) return levelLabels;

        var rotated = categories.Select((c, k) => new Tick(k, LayoutEngine.Shorten(c, MaxRotatedWidth, fontSize))).ToList();
        // Rotated labels are parallel lines: neighbours clear each other when their ticks are a line height / sin(angle) apart.
        double needed = (fontSize + 3) / Math.Sin(RotatedAngle * Math.PI / 180);
        int rotatedStride = Stride(rotated, labels => labels.Count < 2 || Position(labels[1].Value) - Position(labels[0].Value) >= needed);
        if (rotatedStride >= levelStride) return levelLabels;
        var shown = Every(rotated, rotatedStride);
        double cos = Math.Cos(RotatedAngle * Math.PI / 180);
        return new CategoryLabels(shown, RotatedAngle, 1, RotatedHeight(shown.Max(t => TextMetrics.Width(t.Label, fontSize))))
        {
            // The first tick is half a band in from the plot's edge.
            LeftOverhang = TextMetrics.Width(shown[0].Label, fontSize) * cos - RotatedDx - band / 2,
        };
    }

    /// <summary>
    /// Height below the axis taken by labels rotated by <see cref="RotatedAngle"/>, the widest <paramref name="width"/> px long:
    /// the end sits <see cref="RotatedDy"/> below the axis; the start drops by width × sin(angle) (+ the descent).
    /// </summary>
    private static double RotatedHeight(double width)
    {
        double sin = Math.Sin(RotatedAngle * Math.PI / 180), cos = Math.Cos(RotatedAngle * Math.PI / 180);
        double descent = 0.24 * LayoutEngine.TickSize;
        return RotatedDy + width * sin + descent * cos;
    }

    /// <summary>Level labels of <paramref name="lines"/> lines: the last line's baseline plus its descent.</summary>
    private static CategoryLabels Level(List<Tick> ticks, int lines) =>
        new(ticks, 0, lines, FirstBaseline + LineStep * (lines - 1) + 3);

    private static int Stride(List<Tick> all, Func<List<Tick>, bool> fits)
    {
        for (int stride = 1; stride < all.Count; stride++)
            if (fits(Every(all, stride))) return stride;
        return Math.Max(1, all.Count);
    }

    private static List<Tick> Every(List<Tick> all, int stride) => all.Where((t, k) => k % stride == 0).ToList();

    /// <summary>A name wider than <paramref name="width"/> broken at a space onto two lines (the second cut with "…" if still too long).</summary>
    private static string TwoLines(string name, double width)
    {
        double fontSize = LayoutEngine.TickSize;
        if (TextMetrics.Width(name, fontSize) <= width) return name;
        var lines = LayoutEngine.Wrap(name, width, fontSize);
        return lines.Count == 1 ? LayoutEngine.Shorten(name, width * 1.5, fontSize)
            : lines[0] + "\n" + LayoutEngine.Shorten(string.Join(" ", lines.Skip(1)), width, fontSize);
    }
}
