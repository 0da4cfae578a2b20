using static DeepPrep.Charts.Rendering.NumberFormat;

namespace DeepPrep.Charts.Rendering;

/// <summary>
/// Draws a figure as a self-contained SVG: no scripts, no style sheets, no external fonts or images, so it
/// shows the same in a browser, a notebook, GitHub's file view, or an &lt;img&gt; tag.
/// Drawing order per panel: grid, traces (clipped to the plot area), reference lines, notes, axes, titles;
/// then the figure title, legend and caption.
/// </summary>
internal static class SvgRenderer
{
    /// <summary>The SVG of frame <paramref name="frame"/> (−1: the figure's own traces). <paramref name="id"/> keeps clip-path ids unique on a page.</summary>
    public static string Render(Figure figure, FigureGeometry g, string id, int frame = -1)
    {
        var svg = new SvgBuilder();
        string? title = frame >= 0 && figure.Frames[frame].Title is string ft ? ft : figure.Layout.Title;
        svg.Open("svg", ("xmlns", "http://www.w3.org/2000/svg"), ("class", "deepprep-chart"),
            ("width", Coord(g.Width)), ("height", Coord(g.Height)), ("viewBox", $"0 0 {Coord(g.Width)} {Coord(g.Height)}"),
            ("font-family", TextMetrics.FontFamily), ("role", "img"), ("aria-label", title ?? figure.ToString()),
            ("style", "max-width:100%;height:auto"));
        svg.Raw("\n");
        if (title is not null) svg.Open("title").Raw(SvgBuilder.Escape(title)).Close("title");
        svg.Rect(0, 0, g.Width, g.Height, "#ffffff");

        svg.Open("defs");
        foreach (var p in g.Panels)
        {
            svg.Open("clipPath", ("id", $"{id}-clip{p.Index}"));
            svg.Rect(p.Box.Left, p.Box.Top, p.Box.Width, p.Box.Height, "#ffffff");
            svg.Close("clipPath");
        }
        svg.Close("defs");

        foreach (var p in g.Panels)
        {
            var traces = frame >= 0 ? figure.Frames[frame].Traces[p.Index] : p.Subplot.Traces;
            // A sweep over a grid: each frame has its own panel titles.
            string? panelTitle = frame >= 0 ? figure.Frames[frame].PanelTitles[p.Index] : p.Subplot.Title;
            DrawPanel(svg, g, p, traces, panelTitle, id);
        }

        if (title is not null)
        {
            var lines = g.TitleLines(title);
            svg.TextLines(g.TitleCenterX(lines), g.TitleBaseline, lines, TitleLayout.LineHeight, LayoutEngine.TitleSize, anchor: "middle", weight: "bold", cls: "title");
        }
        DrawLegend(svg, g);

        double y = g.CaptionTop + 11;
        foreach (var line in g.CaptionLines) { svg.Text(10, y, line, LayoutEngine.CaptionSize, Palette.Muted, cls: "caption"); y += 15; }
        foreach (var line in g.WarningLines) { svg.Text(10, y, line, LayoutEngine.CaptionSize, "#a04000", cls: "warning"); y += 15; }
        svg.Close("svg");
        return svg.ToString();
    }

    private static void DrawPanel(SvgBuilder svg, FigureGeometry g, PanelLayout p, IReadOnlyList<Trace> traces, string? panelTitle, string id)
    {
        var box = p.Box;
        var subplot = p.Subplot;

        // Grid lines at the ticks, light so the data stays in front.
        foreach (var t in p.X.Ticks)
        {
            double x = p.X.Map(t.Value);
            if (!double.IsNaN(x) && p.X.Categories is null) svg.Line(x, box.Top, x, box.Bottom, t.Minor ? "#f2f2f2" : Palette.Grid, 1, cls: "grid");
        }
        foreach (var t in p.Y.Ticks)
        {
            double y = p.Y.Map(t.Value);
            if (!double.IsNaN(y)) svg.Line(box.Left, y, box.Right, y, t.Minor ? "#f2f2f2" : Palette.Grid, 1, cls: "grid");
        }

        svg.Open("g", ("clip-path", $"url(#{id}-clip{p.Index})"));
        var colors = LayoutEngine.Colors(traces);
        for (int t = 0; t < traces.Count; t++)
            traces[t].DrawSvg(new SvgTraceContext
            {
                Svg = svg, X = p.X, Y = p.Y, Color = colors[t],
            });
        foreach (var line in subplot.Lines) DrawReferenceLine(svg, p, line);
        svg.Close("g");

        foreach (var note in subplot.Notes)
        {
            double x = p.X.Map(note.X), y = p.Y.Map(note.Y);
            if (double.IsNaN(x) || double.IsNaN(y)) continue;
            svg.Text(x, y, note.Text, note.FontSize, note.Color ?? Palette.Ink, "middle", cls: "note", baseline: "central", halo: true);
        }
        foreach (var line in subplot.Lines) DrawReferenceLabel(svg, p, line);

        if (!traces.Any(t => t.HasData))
            svg.Text(box.Left + box.Width / 2, box.Top + box.Height / 2, "no data", 14, Palette.Muted, "middle", cls: "empty");

        DrawAxes(svg, p);
        if (g.Panels.Count > 1 && panelTitle is not null)
            svg.Text(box.Left + box.Width / 2, box.Top - 8, LayoutEngine.Shorten(panelTitle, box.Width, LayoutEngine.AxisTitleSize),
                LayoutEngine.AxisTitleSize, anchor: "middle", weight: "bold", cls: "panel-title");
        if (p.ColorBar is not null && p.ColorBarBox is PixelBox cb) DrawColorBar(svg, p.ColorBar, cb, $"{id}-cb{p.Index}");
    }

    private static void DrawAxes(SvgBuilder svg, PanelLayout p)
    {
        var box = p.Box;
        if (p.Subplot.X.Visible)
        {
            svg.Line(box.Left, box.Bottom, box.Right, box.Bottom, Palette.Ink, 1, cls: "axis");
            foreach (var t in p.X.Ticks)
            {
                double x = p.X.Map(t.Value);
                if (double.IsNaN(x)) continue;
                svg.Line(x, box.Bottom, x, box.Bottom + (t.Minor ? 2 : 4), Palette.Ink, 1);
                if (t.Minor || !p.ShowXTickLabels) continue;
                if (p.XTickAngle != 0)
                {
                    // Rotated (crowded category names): the label ends at its tick and rises to the right.
                    svg.Text(x + CategoryLabels.RotatedDx, box.Bottom + CategoryLabels.RotatedDy, t.Label, LayoutEngine.TickSize,
                        anchor: "end", rotate: -p.XTickAngle, cls: "tick-label x");
                    continue;
                }
                var lines = t.Label.Split('\n');
                for (int k = 0; k < lines.Length; k++)
                    svg.Text(x, box.Bottom + CategoryLabels.FirstBaseline + CategoryLabels.LineStep * k, lines[k], LayoutEngine.TickSize, anchor: "middle", cls: "tick-label x");
            }
            // The axis title goes below the tallest tick labels in the figure (17 px: a line of 13 px text and a gap).
            if (p.Subplot.X.Title is string xt && p.ShowXTitle)
                svg.Text(box.Left + box.Width / 2, box.Bottom + p.XLabelHeight + 17, LayoutEngine.Shorten(xt, box.Width, LayoutEngine.AxisTitleSize),
                    LayoutEngine.AxisTitleSize, anchor: "middle", cls: "axis-title x");
        }
        if (p.Subplot.Y.Visible)
        {
            svg.Line(box.Left, box.Top, box.Left, box.Bottom, Palette.Ink, 1, cls: "axis");
            double widest = 0;
            foreach (var t in p.Y.Ticks)
            {
                double y = p.Y.Map(t.Value);
                if (double.IsNaN(y)) continue;
                svg.Line(box.Left - (t.Minor ? 2 : 4), y, box.Left, y, Palette.Ink, 1);
                if (!t.Minor && p.ShowYTickLabels)
                {
                    svg.Text(box.Left - 7, y, t.Label, LayoutEngine.TickSize, anchor: "end", cls: "tick-label y", baseline: "central");
                    widest = Math.Max(widest, TextMetrics.Width(t.Label, LayoutEngine.TickSize));
                }
            }
            if (p.Subplot.Y.Title is string yt && p.ShowYTitle)
            {
                double x = box.Left - 7 - widest - 12;
                double y = box.Top + box.Height / 2;
                svg.Text(x, y, LayoutEngine.Shorten(yt, box.Height, LayoutEngine.AxisTitleSize), LayoutEngine.AxisTitleSize,
                    anchor: "middle", rotate: -90, cls: "axis-title y");
            }
        }
    }

    private static void DrawReferenceLine(SvgBuilder svg, PanelLayout p, ReferenceLine line)
    {
        var color = line.Color ?? Palette.Muted;
        string? dash = line.Dashed ? "5,4" : null;
        if (line.Horizontal)
        {
            double y = p.Y.Map(line.Value);
            if (!double.IsNaN(y)) svg.Line(p.Box.Left, y, p.Box.Right, y, color, 1.25, dash, "reference");
        }
        else
        {
            double x = p.X.Map(line.Value);
            if (!double.IsNaN(x)) svg.Line(x, p.Box.Top, x, p.Box.Bottom, color, 1.25, dash, "reference");
        }
    }

    /// <summary>A reference line's label: at the right end just above a horizontal line, at the top just right of a vertical one.</summary>
    private static void DrawReferenceLabel(SvgBuilder svg, PanelLayout p, ReferenceLine line)
    {
        if (line.Label is null) return;
        var color = line.Color ?? Palette.Muted;
        if (line.Horizontal)
        {
            double y = p.Y.Map(line.Value);
            if (!double.IsNaN(y)) svg.Text(p.Box.Right - 4, y - 4, line.Label, 11, color, "end", cls: "reference-label", halo: true);
        }
        else
        {
            double x = p.X.Map(line.Value);
            if (double.IsNaN(x)) return;
            bool fitsRight = LayoutEngine.LabelFitsRightOf(p, x, line.Label);
            svg.Text(fitsRight ? x + 4 : x - 4, p.Box.Top + 12, line.Label, 11, color, fitsRight ? "start" : "end", cls: "reference-label", halo: true);
        }
    }

    private static void DrawColorBar(SvgBuilder svg, ColorBarSpec spec, PixelBox box, string gradientId)
    {
        // A vertical gradient through the map's stops: bottom = Min, top = Max.
        svg.Open("defs").Open("linearGradient", ("id", gradientId), ("x1", "0"), ("y1", "1"), ("x2", "0"), ("y2", "0"));
        foreach (var (at, color) in spec.Map.Stops) svg.Empty("stop", ("offset", Short(at)), ("stop-color", color.Hex));
        svg.Close("linearGradient").Close("defs");
        svg.Rect(box.Left, box.Top, box.Width, box.Height, $"url(#{gradientId})", "colorbar", stroke: "#999999");
        var scale = new AxisScale(spec.Min, spec.Max, false, box.Bottom, box.Top);
        double widest = 0;
        foreach (var t in NiceTicks.Linear(spec.Min, spec.Max, box.Height, false, LayoutEngine.TickSize))
        {
            double y = scale.Map(t.Value);
            svg.Line(box.Right, y, box.Right + 3, y, Palette.Ink, 1);
            svg.Text(box.Right + 6, y, t.Label, LayoutEngine.TickSize, anchor: "start", cls: "tick-label cbar", baseline: "central");
            widest = Math.Max(widest, TextMetrics.Width(t.Label, LayoutEngine.TickSize));
        }
        // The title sits above the bar (as in plotly), where it cannot collide with the tick labels.
        if (spec.Title is not null)
            svg.Text(box.Left, box.Top - 8, LayoutEngine.Shorten(spec.Title, 90, LayoutEngine.TickSize),
                LayoutEngine.TickSize, anchor: "start", cls: "colorbar-title");
    }

    private static void DrawLegend(SvgBuilder svg, FigureGeometry g)
    {
        if (g.Legend.Count == 0) return;
        var box = g.LegendBox;
        svg.Open("g", ("class", "legend"));
        double y = box.Top + 14;
        foreach (var entry in g.Legend)
        {
            double x = box.Left + 6;
            switch (entry.Symbol)
            {
                case LegendSymbol.Box:
                    svg.Rect(x, y - 6, 20, 12, entry.Color.Hex);
                    break;
                case LegendSymbol.Marker:
                    svg.Empty("circle", ("cx", Coord(x + 10)), ("cy", Coord(y)), ("r", "4"), ("fill", entry.Color.Hex));
                    break;
                default:
                    // The swatch is drawn like the trace: a dashed series gets a dashed swatch.
                    svg.Line(x, y, x + 20, y, entry.Color, 2.5, entry.DashArray, "legend-swatch");
                    if (entry.Symbol == LegendSymbol.LineAndMarker)
                        svg.Empty("circle", ("cx", Coord(x + 10)), ("cy", Coord(y)), ("r", "3.5"), ("fill", entry.Color.Hex));
                    break;
            }
            svg.Text(x + 26, y, entry.Name, LayoutEngine.LegendSize, cls: "legend-label", baseline: "central");
            y += 20;
        }
        svg.Close("g");
    }
}
