namespace DeepPrep.Charts.Rendering;

/// <summary>Where one subplot goes and how its axes map data to pixels.</summary>
internal sealed class PanelLayout
{
    public required Subplot Subplot { get; init; }
    public required int Index { get; init; }
    public required PixelBox Box { get; init; }
    public required AxisScale X { get; init; }
    public required AxisScale Y { get; init; }
    public bool ShowXTickLabels { get; init; } = true;
    public bool ShowYTickLabels { get; init; } = true;
    public bool ShowXTitle { get; init; } = true;
    public bool ShowYTitle { get; init; } = true;
    /// <summary>Lines of the tallest x tick label in the figure (category names may take two).</summary>
    public int XLabelLines { get; init; } = 1;
    /// <summary>Rotation of the x tick labels in degrees counter-clockwise (0, or <see cref="CategoryLabels.RotatedAngle"/> for crowded category names).</summary>
    public double XTickAngle { get; init; }
    /// <summary>Height below the axis line taken by the tallest x tick labels in the figure; the x axis title goes below it.</summary>
    public double XLabelHeight { get; init; } = CategoryLabels.FirstBaseline + 3;
    public ColorBarSpec? ColorBar { get; init; }
    public PixelBox? ColorBarBox { get; init; }
    public string XAxisId => Index == 0 ? "x" : $"x{Index + 1}";
    public string YAxisId => Index == 0 ? "y" : $"y{Index + 1}";
}

/// <summary>One legend row: the trace's name, and a swatch drawn like the trace (colour, symbol, dash pattern).</summary>
internal sealed record LegendEntry(string Name, Rgb Color, LegendSymbol Symbol, string? DashArray = null);

/// <summary>
/// The geometry of a whole figure, computed once and used by both renderers: the SVG draws it, and the
/// plotly JSON gets the same margins, axis domains and ranges, so the interactive chart lines up with
/// the static one it replaces.
/// </summary>
internal sealed class FigureGeometry
{
    public required double Width { get; init; }
    public required double Height { get; init; }
    public required List<PanelLayout> Panels { get; init; }
    /// <summary>Baseline of the title's first line (further lines follow <see cref="TitleLayout.LineHeight"/> apart).</summary>
    public required double TitleBaseline { get; init; }
    public required List<string> CaptionLines { get; init; }
    public required List<string> WarningLines { get; init; }
    public required double CaptionTop { get; init; }
    public required List<LegendEntry> Legend { get; init; }
    public required PixelBox LegendBox { get; init; }

    /// <summary>The rectangle spanned by all plot areas: plotly's "paper" (its margins are everything outside).</summary>
    public PixelBox Paper => new(Panels.Min(p => p.Box.Left), Panels.Min(p => p.Box.Top),
        Panels.Max(p => p.Box.Right) - Panels.Min(p => p.Box.Left), Panels.Max(p => p.Box.Bottom) - Panels.Min(p => p.Box.Top));

    public double PaperX(double px) => (px - Paper.Left) / Paper.Width;
    public double PaperY(double py) => (Paper.Bottom - py) / Paper.Height;

    /// <summary>The lines a title is shown in (<see cref="TitleLayout.Lines"/>).</summary>
    public List<string> TitleLines(string title) => TitleLayout.Lines(title, Width);

    /// <summary>The x (pixels) at which the title's lines are centred (<see cref="TitleLayout.CenterX"/>).</summary>
    public double TitleCenterX(IReadOnlyList<string> lines) => TitleLayout.CenterX(lines, Width, Paper.Left + Paper.Width / 2);

    /// <summary>The x (pixels) at which a title is centred.</summary>
    public double TitleCenterX(string title) => TitleCenterX(TitleLines(title));
}

/// <summary>
/// Lays out a figure: reserves room for the title, caption, legend and colour bars; splits the rest into
/// a grid of panels; chooses each axis's range (data plus a margin, or as set) and its ticks; and sizes
/// the margins from the tick labels actually chosen, so nothing overlaps or is cut off.
/// </summary>
internal static class LayoutEngine
{
    public const double TitleSize = 16, AxisTitleSize = 13, TickSize = 12, CaptionSize = 11, LegendSize = 12;
    private const double Pad = 10, CellGap = 24, TickLength = 4;
    // Category names are laid out before the left margin is known, for a plot this much narrower than its cell
    // (a generous guess, so the real slots are never narrower than the names were wrapped for).
    private const double CategoryAllowance = 110;

    /// <summary>The geometry of <paramref name="figure"/>; <paramref name="noteFrame"/> ≥ 0 adds a line saying which slider frame a standalone SVG shows.</summary>
    public static FigureGeometry Compute(Figure figure, int noteFrame = -1)
    {
        double width = figure.Layout.Width, height = figure.Layout.Height;

        // Title on top, on as many lines as the longest title (the figure's or any slider frame's) needs.
        var titles = figure.Frames.Select(f => f.Title).Prepend(figure.Layout.Title).OfType<string>().Where(t => t.Length > 0).ToList();
        int titleLines = titles.Select(t => TitleLayout.Lines(t, width).Count).DefaultIfEmpty(0).Max();
        double top = titleLines > 0 ? 42 + TitleLayout.ExtraHeight(titleLines) : 14;

        // Caption and warnings at the bottom, wrapped to the width.
        var captionLines = figure.Layout.Caption is null ? new List<string>() : Wrap(figure.Layout.Caption, width - 2 * Pad, CaptionSize);
        if (noteFrame >= 0 && figure.Frames.Count > 1)
            captionLines.AddRange(Wrap($"Slider: showing {figure.SliderName} = {figure.Frames[noteFrame].Label} ({noteFrame + 1} of {figure.Frames.Count}: " +
                $"{string.Join(", ", figure.Frames.Select(f => f.Label).Take(8))}{(figure.Frames.Count > 8 ? ", …" : "")}). " +
                "Open the notebook or the site for the slider.", width - 2 * Pad, CaptionSize));
        var warningLines = figure.Warnings.SelectMany(w => Wrap(w, width - 2 * Pad, CaptionSize)).ToList();
        int bottomLines = captionLines.Count + warningLines.Count;
        double captionTop = height - 6 - bottomLines * 15;
        double bottom = captionTop - (bottomLines > 0 ? 4 : 6);

        // Legend on the right, as wide as its longest entry (long names are cut with "…").
        var legend = LegendEntries(figure);
        bool showLegend = figure.Layout.ShowLegend ?? legend.Count > 0;
        if (!showLegend) legend.Clear();
        double maxLabel = Math.Min(width * 0.3, legend.Select(e => TextMetrics.Width(e.Name, LegendSize)).DefaultIfEmpty(0).Max());
        double legendWidth = legend.Count > 0 ? 8 + 32 + maxLabel + 10 : 0; // gap, swatch, label, spare
        double right = width - Pad - legendWidth;
        var legendBox = new PixelBox(right + 8, top, legendWidth, legend.Count * 20 + 8);

        // The grid of cells.
        int count = figure.Subplots.Count, columns = Math.Clamp(figure.Columns, 1, count), rows = (count + columns - 1) / columns;
        double gridLeft = Pad, cellWidth = (right - gridLeft - (columns - 1) * CellGap) / columns;
        double cellHeight = (bottom - top - (rows - 1) * CellGap) / rows;

        // Ranges first (they depend on data only), then margins that fit the tick labels.
        var extents = figure.Subplots.Select((s, i) => DataRange(figure, i)).ToList();
        if (figure.SharedX) Unite(extents, e => e.X, (e, r) => e.X = r);
        if (figure.SharedY) Unite(extents, e => e.Y, (e, r) => e.Y = r);

        bool anyXTitle = figure.Subplots.Any(s => s.X.Title is not null && s.X.Visible);
        bool anyYTitle = figure.Subplots.Any(s => s.Y.Title is not null && s.Y.Visible);
        bool anyXVisible = figure.Subplots.Any(s => s.X.Visible), anyYVisible = figure.Subplots.Any(s => s.Y.Visible);
        bool anyPanelTitle = count > 1 && (figure.Subplots.Any(s => s.Title is not null) || figure.Frames.Any(f => f.PanelTitles.Any(t => t is not null)));
        double marginTop = anyPanelTitle ? 22 : 4;
        // Category names may wrap onto a second line or be rotated; find out before sizing the bottom margin.
        var categoryLabels = extents.Select(e => e.Categories is null ? null : CategoryLabels.Choose(e.Categories, cellWidth - CategoryAllowance)).ToList();
        var tallest = categoryLabels.OfType<CategoryLabels>().MaxBy(c => c.Height);
        int xLabelLines = tallest?.Lines ?? 1;
        double xLabelHeight = Math.Max(CategoryLabels.FirstBaseline + 3, tallest?.Height ?? 0);
        // Below the axis: tick labels, then (20 px) the axis title. Level labels keep the spacing they always had.
        double marginBottom = (anyXVisible ? xLabelHeight + 1 : 4) + (anyXTitle ? 20 : 0);
        double plotHeight = cellHeight - marginTop - marginBottom;

        // Y ticks depend only on the plot height, so they come first and decide the left margin.
        var yTicks = figure.Subplots.Select((s, i) => AxisTicks(s.Y, extents[i].Y, plotHeight, horizontal: false)).ToList();
        double yLabelWidth = figure.Subplots.Select((s, i) => s.Y.Visible ? yTicks[i].Select(t => TextMetrics.Width(t.Label, TickSize)).DefaultIfEmpty(0).Max() : 0).Max();
        double marginLeft = anyYVisible ? TickLength + 6 + yLabelWidth + (anyYTitle ? 22 : 0) : 4;
        // A rotated first category name reaches left of the plot; keep it inside the figure (the real band is
        // wider than the one the names were laid out for, so this is a little generous).
        double overhang = categoryLabels.OfType<CategoryLabels>().Select(c => c.LeftOverhang).DefaultIfEmpty(0).Max();
        marginLeft = Math.Max(marginLeft, overhang - gridLeft + 2);

        // Colour bars sit right of their panel: bar, tick labels, rotated title.
        var colorBars = figure.Subplots.Select((s, i) => AllTraces(figure, i).Select(t => t.ColorBar).FirstOrDefault(c => c is not null)).ToList();
        double colorBarWidth = colorBars.Select(c => c is null ? 0 :
            Math.Max(14 + 8 + new[] { c.Min, c.Max, (c.Min + c.Max) / 2 }.Max(v => TextMetrics.Width(NumberFormat.Short(v), TickSize)),
                     c.Title is null ? 0 : Math.Min(90, TextMetrics.Width(c.Title, TickSize)))).Max();
        double marginRight = colorBarWidth > 0 ? colorBarWidth + 14 : 12;
        double plotWidth = cellWidth - marginLeft - marginRight;

        var panels = new List<PanelLayout>();
        for (int i = 0; i < count; i++)
        {
            var subplot = figure.Subplots[i];
            int row = i / columns, col = i % columns;
            var box = new PixelBox(gridLeft + col * (cellWidth + CellGap) + marginLeft, top + row * (cellHeight + CellGap) + marginTop, plotWidth, plotHeight);
            var (xRange, yRange) = (extents[i].X, extents[i].Y);
            if (subplot.EqualAspect && !subplot.X.Log && !subplot.Y.Log) (xRange, yRange) = EqualUnits(xRange, yRange, box);
            var categories = extents[i].Categories;
            var x = new AxisScale(xRange.Min, xRange.Max, subplot.X.Log, subplot.X.Reversed ? box.Right : box.Left, subplot.X.Reversed ? box.Left : box.Right)
            { Categories = categories };
            var y = new AxisScale(yRange.Min, yRange.Max, subplot.Y.Log, subplot.Y.Reversed ? box.Top : box.Bottom, subplot.Y.Reversed ? box.Bottom : box.Top);
            x.Ticks = categoryLabels[i] is CategoryLabels labels ? labels.Ticks : AxisTicks(subplot.X, xRange, box.Width, horizontal: true);
            y.Ticks = subplot.EqualAspect ? AxisTicks(subplot.Y, yRange, box.Height, horizontal: false) : yTicks[i];
            panels.Add(new PanelLayout
            {
                Subplot = subplot, Index = i, Box = box, X = x, Y = y,
                ShowXTickLabels = !figure.SharedX || row == rows - 1 || i + columns >= count,
                ShowYTickLabels = !figure.SharedY || col == 0,
                ShowXTitle = !figure.SharedX || row == rows - 1 || i + columns >= count,
                ShowYTitle = !figure.SharedY || col == 0,
                XLabelLines = xLabelLines,
                XTickAngle = categoryLabels[i]?.Angle ?? 0,
                XLabelHeight = xLabelHeight,
                ColorBar = colorBars[i],
                // Room above the bar for its title.
                ColorBarBox = colorBars[i] is null ? null : new PixelBox(box.Right + 12, box.Top + 22, 14, box.Height - 26),
            });
        }

        return new FigureGeometry
        {
            Width = width, Height = height, Panels = panels, TitleBaseline = TitleLayout.FirstBaseline,
            CaptionLines = captionLines, WarningLines = warningLines, CaptionTop = captionTop,
            Legend = legend, LegendBox = legendBox,
        };
    }

    /// <summary>Every trace that can show in subplot i: the figure's own and every frame's (axes must fit them all).</summary>
    internal static IEnumerable<Trace> AllTraces(Figure figure, int i) =>
        figure.Subplots[i].Traces.Concat(figure.Frames.SelectMany(f => i < f.Traces.Count ? f.Traces[i] : []));

    private sealed class PanelRanges
    {
        public (double Min, double Max) X;
        public (double Min, double Max) Y;
        public List<string>? Categories;
    }

    /// <summary>The x and y range of subplot i: the data (and reference lines and notes), plus a margin; fixed values win.</summary>
    private static PanelRanges DataRange(Figure figure, int i)
    {
        var subplot = figure.Subplots[i];
        var x = new Extent(subplot.X.Log);
        var y = new Extent(subplot.Y.Log);
        var traces = AllTraces(figure, i).ToList();
        foreach (var trace in traces) trace.AddExtent(x, y);
        foreach (var line in subplot.Lines) (line.Horizontal ? y : x).Add(line.Value);
        foreach (var note in subplot.Notes) { x.Add(note.X); y.Add(note.Y); }

        // Bar charts: categories in order of first appearance; category k is at x = k.
        List<string>? categories = null;
        var bars = traces.OfType<BarTrace>().ToList();
        if (bars.Count > 0)
        {
            categories = bars.SelectMany(b => b.Categories).Distinct().ToList();
            var slotted = subplot.Traces.OfType<BarTrace>().ToList();
            for (int k = 0; k < slotted.Count; k++) slotted[k].Slot = (k, slotted.Count);
            foreach (var frame in figure.Frames)
            {
                var inFrame = frame.Traces[i].OfType<BarTrace>().ToList();
                for (int k = 0; k < inFrame.Count; k++) inFrame[k].Slot = (k, inFrame.Count);
            }
        }

        bool barsFromZero = traces.Any(t => t is BarTrace or HistogramTrace) && !subplot.Y.Log && y.Min >= 0;
        var xRange = categories is not null ? (-0.5, categories.Count - 0.5) : Padded(x, x.Padding, x.Padding, false);
        var yRange = Padded(y, y.Padding, y.Padding, barsFromZero);
        xRange = (subplot.X.Min ?? xRange.Item1, subplot.X.Max ?? xRange.Item2);
        yRange = (subplot.Y.Min ?? yRange.Item1, subplot.Y.Max ?? yRange.Item2);
        return new PanelRanges { X = Valid(xRange, subplot.X.Log), Y = Valid(yRange, subplot.Y.Log), Categories = categories };
    }

    /// <summary>The extent widened by a fraction of its span on each side (in log10 units on a log axis).</summary>
    private static (double, double) Padded(Extent e, double low, double high, bool keepZero)
    {
        if (e.IsEmpty) return e.Log ? (1, 10) : (0, 1);
        double a = e.Log ? Math.Log10(e.Min) : e.Min, b = e.Log ? Math.Log10(e.Max) : e.Max;
        if (b - a < 1e-12 * Math.Max(1, Math.Abs(a)))
        {
            // One value only: a range around it, so it appears in the middle rather than on an edge.
            double half = e.Log ? 0.5 : Math.Max(Math.Abs(a) * 0.1, 0.5);
            (a, b) = (a - half, b + half);
            if (keepZero && e.Min == 0) a = 0;
        }
        else
        {
            double span = b - a;
            if (!(keepZero && e.Min == 0)) a -= span * low;
            b += span * high;
        }
        return e.Log ? (Math.Pow(10, a), Math.Pow(10, b)) : (a, b);
    }

    /// <summary>Repairs a range a user set inconsistently (min ≥ max, or ≤ 0 on a log axis) rather than drawing nothing.</summary>
    private static (double Min, double Max) Valid((double Min, double Max) r, bool log)
    {
        var (lo, hi) = r;
        if (log && !(lo > 0)) lo = hi > 0 ? hi / 10 : 1;
        if (!(hi > lo)) hi = log ? lo * 10 : lo + 1;
        return (lo, hi);
    }

    private static void Unite(List<PanelRanges> all, Func<PanelRanges, (double Min, double Max)> get, Action<PanelRanges, (double, double)> set)
    {
        var union = (all.Min(r => get(r).Min), all.Max(r => get(r).Max));
        foreach (var r in all) set(r, union);
    }

    /// <summary>Widens one range so one data unit is as many pixels on x as on y.</summary>
    private static ((double, double), (double, double)) EqualUnits((double Min, double Max) x, (double Min, double Max) y, PixelBox box)
    {
        double perPixel = Math.Max((x.Max - x.Min) / box.Width, (y.Max - y.Min) / box.Height);
        double xc = (x.Min + x.Max) / 2, yc = (y.Min + y.Max) / 2;
        return ((xc - perPixel * box.Width / 2, xc + perPixel * box.Width / 2), (yc - perPixel * box.Height / 2, yc + perPixel * box.Height / 2));
    }

    private static List<Tick> AxisTicks(Axis axis, (double Min, double Max) range, double pixels, bool horizontal)
    {
        if (!axis.Visible) return [];
        return axis.Log
            ? NiceTicks.Log(range.Min, range.Max, pixels, horizontal, TickSize)
            : NiceTicks.Linear(range.Min, range.Max, pixels, horizontal, TickSize);
    }

    private static List<LegendEntry> LegendEntries(Figure figure)
    {
        var entries = new List<LegendEntry>();
        for (int i = 0; i < figure.Subplots.Count; i++)
        {
            var traces = figure.Subplots[i].Traces;
            var colors = Colors(traces);
            for (int t = 0; t < traces.Count; t++)
                if (traces[t].Name is string name && traces[t].Symbol != LegendSymbol.None && entries.All(e => e.Name != name))
                    entries.Add(new LegendEntry(Shorten(name, 240, LegendSize), colors[t], traces[t].Symbol, traces[t].DashArray));
        }
        return entries;
    }

    /// <summary>The colour of each trace: its own, or the next palette colour (counted per subplot, so panels match).</summary>
    public static List<Rgb> Colors(IReadOnlyList<Trace> traces)
    {
        var colors = new List<Rgb>(traces.Count);
        int next = 0;
        foreach (var trace in traces)
        {
            var palette = trace.UsesPaletteColor ? Palette.Color(next++) : Palette.Ink;
            colors.Add(trace.Color ?? palette);
        }
        return colors;
    }

    /// <summary>A vertical reference line's label goes right of the line, unless it would run past the plot's right edge.</summary>
    public static bool LabelFitsRightOf(PanelLayout p, double x, string label) => x + 4 + TextMetrics.Width(label, 11) <= p.Box.Right;

    /// <summary>Cuts text with "…" so it fits in <paramref name="maxWidth"/> pixels.</summary>
    public static string Shorten(string text, double maxWidth, double fontSize)
    {
        if (TextMetrics.Width(text, fontSize) <= maxWidth) return text;
        for (int n = text.Length - 1; n > 1; n--)
            if (TextMetrics.Width(text[..n] + "…", fontSize) <= maxWidth) return text[..n] + "…";
        return text[..1] + "…";
    }

    /// <summary>Breaks text into lines no wider than <paramref name="maxWidth"/> pixels, at spaces.</summary>
    public static List<string> Wrap(string text, double maxWidth, double fontSize)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && TextMetrics.Width(candidate, fontSize) > maxWidth)
                {
                    lines.Add(line);
                    line = word;
                }
                else line = candidate;
            }
            lines.Add(line);
        }
        return lines;
    }
}
