using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DeepPrep.Charts.Rendering;

/// <summary>
/// Writes a figure as plotly.js JSON: <c>{"data": [...], "layout": {...}, "frames": [...], "config": {...}}</c>,
/// the object <c>Plotly.newPlot(element, figure)</c> takes. Attribute names are plotly.js's own; the
/// tests check every one we use against the schema of the pinned plotly.js (package.json).
/// </summary>
/// <remarks>
/// Margins, axis domains and ranges come from <see cref="LayoutEngine"/>, the same geometry the SVG was drawn
/// with, so when the interactive chart replaces the SVG nothing jumps. A slider adds a band of
/// <see cref="SliderHeight"/> pixels below the chart.
/// </remarks>
internal static class PlotlyWriter
{
    public const int SliderHeight = 80;

    public static string Write(Figure figure, FigureGeometry g, bool indented = false)
    {
        using var stream = new MemoryStream();
        // The default encoder escapes <, > and &, so the JSON can sit inside an HTML <script> element safely.
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.Default }))
        {
            w.WriteStartObject();
            w.WriteStartArray("data");
            WriteTraces(w, figure, g, -1);
            w.WriteEndArray();
            w.WriteStartObject("layout");
            WriteLayout(w, figure, g);
            w.WriteEndObject();
            if (figure.Frames.Count > 0)
            {
                w.WriteStartArray("frames");
                for (int f = 0; f < figure.Frames.Count; f++)
                {
                    w.WriteStartObject();
                    w.WriteString("name", FrameName(f));
                    w.WriteStartArray("data");
                    WriteTraces(w, figure, g, f);
                    w.WriteEndArray();
                    // What else changes with the slider: the title, and in a grid the panel titles, which are
                    // annotations (plotly merges a frame's annotations into the layout's item by item, so the
                    // frame carries the whole list, in the same order).
                    bool panelTitles = g.Panels.Count > 1;
                    if (figure.Frames[f].Title is not null || panelTitles)
                    {
                        w.WriteStartObject("layout");
                        if (figure.Frames[f].Title is string title) WriteTitle(w, g, title, figure.Frames.Count > 0 ? SliderHeight : 0);
                        if (panelTitles) WriteAnnotations(w, g, figure.Frames[f].PanelTitles);
                        w.WriteEndObject();
                    }
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteStartObject("config");
            w.WriteBoolean("displaylogo", false);
            w.WriteBoolean("responsive", false);
            // No "Share chart" button (it would upload the data to Plotly's cloud), and no box/lasso select
            // (selecting points does nothing here). A shorter mode bar also leaves the title more room (TitleLayout).
            w.WriteBoolean("showSendToCloud", false);
            w.Strings("modeBarButtonsToRemove", ["select2d", "lasso2d"]);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string FrameName(int f) => $"frame{f}";

    private static string Bold(string text) => $"<b>{text}</b>";

    private static void WriteTraces(Utf8JsonWriter w, Figure figure, FigureGeometry g, int frame)
    {
        var named = new HashSet<string>();
        foreach (var p in g.Panels)
        {
            var traces = frame >= 0 ? figure.Frames[frame].Traces[p.Index] : p.Subplot.Traces;
            var colors = LayoutEngine.Colors(traces);
            for (int t = 0; t < traces.Count; t++)
            {
                // One legend entry per name, even when every panel of a grid has a "train" curve.
                bool first = traces[t].Name is string n && named.Add(n);
                (double, double, double)? colorBar = null;
                if (p.ColorBarBox is PixelBox cb)
                    colorBar = (g.PaperX(cb.Left), g.PaperY(cb.Top + cb.Height / 2), cb.Height / g.Paper.Height);
                traces[t].WritePlotly(new PlotlyTraceContext
                {
                    W = w, XAxis = p.XAxisId, YAxis = p.YAxisId, Color = colors[t], ShowInLegend = first,
                    X = p.X, Y = p.Y, ColorBar = colorBar,
                });
            }
        }
    }

    private static void WriteLayout(Utf8JsonWriter w, Figure figure, FigureGeometry g)
    {
        var paper = g.Paper;
        int extra = figure.Frames.Count > 0 ? SliderHeight : 0;
        w.Number("width", g.Width);
        w.Number("height", g.Height + extra);
        w.WriteBoolean("autosize", false);
        w.WriteStartObject("margin");
        w.Number("l", paper.Left);
        w.Number("r", g.Width - paper.Right);
        w.Number("t", paper.Top);
        w.Number("b", g.Height - paper.Bottom + extra);
        w.Number("pad", 0);
        w.WriteBoolean("autoexpand", false);
        w.WriteEndObject();
        w.WriteStartObject("font");
        w.WriteString("family", TextMetrics.FontFamily);
        w.Number("size", LayoutEngine.TickSize);
        w.WriteString("color", Palette.Ink.Hex);
        w.WriteEndObject();
        w.WriteString("paper_bgcolor", "#ffffff");
        w.WriteString("plot_bgcolor", "#ffffff");
        w.WriteString("hovermode", "closest");
        // barmode exists only where bar traces do (plotly.validate flags it otherwise).
        var traces = figure.Subplots.SelectMany(s => s.Traces).ToList();
        if (traces.Any(t => t is BarTrace or HistogramTrace))
            w.WriteString("barmode", traces.Any(t => t is HistogramTrace) ? "overlay" : "group");

        string? title = figure.Layout.Title ?? figure.Frames.FirstOrDefault()?.Title;
        if (figure.Frames.Count > 0 && figure.Frames[0].Title is string t0) title = t0;
        if (title is not null) WriteTitle(w, g, title, extra);

        w.WriteBoolean("showlegend", g.Legend.Count > 0);
        if (g.Legend.Count > 0)
        {
            w.WriteStartObject("legend");
            w.Number("x", g.PaperX(g.LegendBox.Left));
            w.WriteString("xanchor", "left");
            w.Number("y", 1);
            w.WriteString("yanchor", "top");
            w.WriteString("bgcolor", "rgba(255,255,255,0)");
            w.Font(LayoutEngine.LegendSize, Palette.Ink);
            w.WriteEndObject();
        }

        foreach (var p in g.Panels) WriteAxes(w, figure, g, p);

        w.WriteStartArray("shapes");
        foreach (var p in g.Panels)
            foreach (var line in p.Subplot.Lines) WriteReferenceLine(w, p, line);
        w.WriteEndArray();

        var firstPanelTitles = figure.Frames.Count > 0 ? figure.Frames[0].PanelTitles : g.Panels.Select(p => p.Subplot.Title).ToList();
        WriteAnnotations(w, g, firstPanelTitles);

        if (figure.Frames.Count > 0) WriteSlider(w, figure, g);
    }

    /// <summary>
    /// The title, in the lines and at the place <see cref="TitleLayout"/> chose for the SVG: lines joined by
    /// &lt;br&gt;. plotly shifts a top-anchored title down by 0.7 em (its dy) so its capitals hang from y; a title of
    /// several lines is drawn as tspans whose first one resets that shift, putting the first baseline at y
    /// (both checked in Chromium by A_long_title_wraps_beside_the_mode_bar…). Lines grow downwards in both.
    /// </summary>
    private static void WriteTitle(Utf8JsonWriter w, FigureGeometry g, string title, int extra)
    {
        var lines = g.TitleLines(title);
        w.WriteStartObject("title");
        w.WriteString("text", string.Join("<br>", lines.Select(l => Bold(HtmlText(l)))));
        w.WriteString("xref", "paper");
        w.Number("x", g.PaperX(g.TitleCenterX(lines)));
        w.WriteString("xanchor", "center");
        w.WriteString("yref", "container");
        double capShift = lines.Count == 1 ? 0.7 * LayoutEngine.TitleSize : 0;
        w.Number("y", 1 - (g.TitleBaseline - capShift) / (g.Height + extra));
        w.WriteString("yanchor", "top");
        w.Font(LayoutEngine.TitleSize, Palette.Ink);
        w.WriteEndObject();
    }

    /// <summary>Panel titles (one per panel, null for none), reference-line labels, notes, then the caption and warning lines.</summary>
    private static void WriteAnnotations(Utf8JsonWriter w, FigureGeometry g, IReadOnlyList<string?> panelTitles)
    {
        w.WriteStartArray("annotations");
        foreach (var p in g.Panels)
        {
            if (g.Panels.Count > 1 && panelTitles[p.Index] is string panelTitle)
                Annotation(w, "paper", g.PaperX(p.Box.Left + p.Box.Width / 2), "paper", g.PaperY(p.Box.Top - 4), Bold(panelTitle),
                    "center", "bottom", LayoutEngine.AxisTitleSize, Palette.Ink);
            foreach (var line in p.Subplot.Lines.Where(l => l.Label is not null))
            {
                if (line.Horizontal)
                    Annotation(w, p.XAxisId + " domain", 1, p.YAxisId, Axis(p.Y, line.Value), line.Label!, "right", "bottom", 11, line.Color ?? Palette.Muted);
                else
                {
                    bool right = LayoutEngine.LabelFitsRightOf(p, p.X.Map(line.Value), line.Label!);
                    Annotation(w, p.XAxisId, Axis(p.X, line.Value), p.YAxisId + " domain", 1, line.Label!, right ? "left" : "right", "top", 11, line.Color ?? Palette.Muted);
                }
            }
            foreach (var note in p.Subplot.Notes)
                Annotation(w, p.XAxisId, Axis(p.X, note.X), p.YAxisId, Axis(p.Y, note.Y), note.Text, "center", "middle", note.FontSize, note.Color ?? Palette.Ink);
        }
        double y = g.CaptionTop;
        foreach (var line in g.CaptionLines.Select(l => (l, Palette.Muted)).Concat(g.WarningLines.Select(l => (l, (Rgb)"#a04000"))))
        {
            Annotation(w, "paper", g.PaperX(10), "paper", g.PaperY(y), line.Item1, "left", "top", LayoutEngine.CaptionSize, line.Item2);
            y += 15;
        }
        w.WriteEndArray();
    }

    /// <summary>Plotly reads titles and tick text as a little HTML: a literal "&lt;" must not start a tag.</summary>
    private static string HtmlText(string text) => text.Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>
    /// An annotation's position as plotly wants it: log10 of the value on a log axis. (Shapes, by contrast,
    /// take data values on log axes in plotly.js 3+; the browser test checks both land where the SVG put them.)
    /// </summary>
    private static double Axis(AxisScale scale, double v) => scale.Log ? Math.Log10(v) : v;

    private static void WriteAxes(Utf8JsonWriter w, Figure figure, FigureGeometry g, PanelLayout p)
    {
        foreach (bool isX in new[] { true, false })
        {
            var axis = isX ? p.Subplot.X : p.Subplot.Y;
            var scale = isX ? p.X : p.Y;
            string id = isX ? p.XAxisId : p.YAxisId;
            w.WriteStartObject((isX ? "xaxis" : "yaxis") + id[1..]);
            w.WriteStartArray("domain");
            if (isX) { w.Number(g.PaperX(p.Box.Left)); w.Number(g.PaperX(p.Box.Right)); }
            else { w.Number(g.PaperY(p.Box.Bottom)); w.Number(g.PaperY(p.Box.Top)); }
            w.WriteEndArray();
            w.WriteString("anchor", isX ? p.YAxisId : p.XAxisId);
            w.WriteString("type", scale.Categories is not null ? "category" : axis.Log ? "log" : "linear");
            var (from, to) = scale.PlotlyRange(axis.Reversed);
            w.WriteStartArray("range");
            w.Number(from);
            w.Number(to);
            w.WriteEndArray();
            w.WriteBoolean("autorange", false);
            if (scale.Categories is not null)
            {
                w.WriteString("categoryorder", "array");
                w.Strings("categoryarray", scale.Categories);
            }
            w.WriteBoolean("visible", axis.Visible);
            // Style only for visible axes: plotly ignores (and Plotly.validate flags) styling a hidden axis.
            if (axis.Visible) WriteAxisStyle(w, p, axis, scale, isX);
            if (p.Index > 0 && (isX ? figure.SharedX : figure.SharedY)) w.WriteString("matches", isX ? "x" : "y");
            if (!isX && p.Subplot.EqualAspect)
            {
                w.WriteString("scaleanchor", p.XAxisId);
                w.Number("scaleratio", 1);
            }
            w.WriteEndObject();
        }
    }

    private static void WriteAxisStyle(Utf8JsonWriter w, PanelLayout p, Axis axis, AxisScale scale, bool isX)
    {
        if (axis.Title is not null && (isX ? p.ShowXTitle : p.ShowYTitle))
        {
            w.WriteStartObject("title");
            w.WriteString("text", axis.Title);
            w.Font(LayoutEngine.AxisTitleSize, Palette.Ink);
            w.Number("standoff", isX ? 6 : 5); // the gap the SVG leaves between tick labels and title
            w.WriteEndObject();
        }
        bool grid = scale.Categories is null; // no vertical grid lines between bar categories
        w.WriteBoolean("showgrid", grid);
        if (grid) w.WriteString("gridcolor", Palette.Grid.Hex);
        w.WriteBoolean("zeroline", false);
        w.WriteBoolean("showline", true);
        w.WriteString("linecolor", Palette.Ink.Hex);
        w.WriteString("ticks", "outside");
        w.Number("ticklen", 4);
        w.WriteString("tickcolor", Palette.Ink.Hex);
        bool labels = isX ? p.ShowXTickLabels : p.ShowYTickLabels;
        w.WriteBoolean("showticklabels", labels);
        if (scale.Categories is not null) WriteCategoryTicks(w, p, scale, isX);
        else if (axis.Log) WriteLogTicks(w, scale);
        else if (labels) w.WriteString("exponentformat", "power");
        w.WriteBoolean("automargin", false);
    }

    /// <summary>
    /// Bar chart categories: exactly the labels the layout chose (every k-th when crowded, long names on two
    /// lines) at the angle it chose, so plotly does not rotate them on its own into the space below, which the
    /// margins did not reserve. Tick values are the category names (a name like "3" would be read as a position).
    /// </summary>
    private static void WriteCategoryTicks(Utf8JsonWriter w, PanelLayout p, AxisScale scale, bool isX)
    {
        var ticks = scale.Ticks.Where(t => !t.Minor).ToList();
        w.WriteString("tickmode", "array");
        w.Strings("tickvals", ticks.Select(t => scale.Categories![(int)t.Value]));
        w.Strings("ticktext", ticks.Select(t => string.Join("<br>", t.Label.Split('\n').Select(HtmlText))));
        w.Number("tickangle", isX ? -p.XTickAngle : 0);
    }

    /// <summary>
    /// A log axis gets the SVG's ticks and labels as arrays ("0.2", "0.5" where plotly's own 1-2-5 ticks
    /// would print "2", "5"), and its unlabelled 2…9 ticks as minor ticks with light grid lines, as in the SVG.
    /// Plotly keeps these ticks when zooming.
    /// </summary>
    private static void WriteLogTicks(Utf8JsonWriter w, AxisScale scale)
    {
        var major = scale.Ticks.Where(t => !t.Minor).ToList();
        var minor = scale.Ticks.Where(t => t.Minor).ToList();
        w.WriteString("tickmode", "array");
        w.Numbers("tickvals", major.Select(t => t.Value).ToArray());
        w.Strings("ticktext", major.Select(t => t.Label));
        if (minor.Count == 0) return;
        w.WriteStartObject("minor");
        w.WriteString("tickmode", "array");
        w.Numbers("tickvals", minor.Select(t => t.Value).ToArray());
        w.WriteString("ticks", "outside");
        w.Number("ticklen", 2);
        w.WriteString("tickcolor", Palette.Ink.Hex);
        w.WriteBoolean("showgrid", true);
        w.WriteString("gridcolor", "#f2f2f2");
        w.WriteEndObject();
    }

    private static void WriteReferenceLine(Utf8JsonWriter w, PanelLayout p, ReferenceLine line)
    {
        w.WriteStartObject();
        w.WriteString("type", "line");
        w.WriteString("layer", "above");
        if (line.Horizontal)
        {
            w.WriteString("xref", p.XAxisId + " domain");
            w.Number("x0", 0);
            w.Number("x1", 1);
            w.WriteString("yref", p.YAxisId);
            w.Number("y0", line.Value);
            w.Number("y1", line.Value);
        }
        else
        {
            w.WriteString("xref", p.XAxisId);
            w.Number("x0", line.Value);
            w.Number("x1", line.Value);
            w.WriteString("yref", p.YAxisId + " domain");
            w.Number("y0", 0);
            w.Number("y1", 1);
        }
        w.WriteStartObject("line");
        w.WriteString("color", (line.Color ?? Palette.Muted).Hex);
        w.Number("width", 1.25);
        if (line.Dashed) w.WriteString("dash", "dash");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Annotation(Utf8JsonWriter w, string xref, double x, string yref, double y, string text,
        string xanchor, string yanchor, double size, Rgb color)
    {
        w.WriteStartObject();
        w.WriteString("xref", xref);
        w.Number("x", x);
        w.WriteString("yref", yref);
        w.Number("y", y);
        w.WriteString("text", text);
        w.WriteBoolean("showarrow", false);
        w.WriteString("xanchor", xanchor);
        w.WriteString("yanchor", yanchor);
        w.WriteString("align", xanchor == "center" ? "center" : xanchor);
        w.Font(size, color);
        w.WriteEndObject();
    }

    /// <summary>The slider: one step per frame; each step asks plotly to jump (no animation) to that frame.</summary>
    private static void WriteSlider(Utf8JsonWriter w, Figure figure, FigureGeometry g)
    {
        w.WriteStartArray("sliders");
        w.WriteStartObject();
        w.Number("active", 0);
        w.Number("x", g.PaperX(10));
        w.WriteString("xanchor", "left");
        w.Number("len", (g.Width - 20) / g.Paper.Width);
        w.Number("y", g.PaperY(g.Height + 4));
        w.WriteString("yanchor", "top");
        w.WriteStartObject("pad");
        w.Number("t", 0);
        w.Number("b", 0);
        w.WriteEndObject();
        w.WriteStartObject("currentvalue");
        w.WriteString("prefix", $"{figure.SliderName} = ");
        w.WriteBoolean("visible", true);
        w.WriteString("xanchor", "left");
        w.Font(13, Palette.Ink);
        w.WriteEndObject();
        w.WriteStartArray("steps");
        for (int f = 0; f < figure.Frames.Count; f++)
        {
            w.WriteStartObject();
            w.WriteString("label", figure.Frames[f].Label);
            w.WriteString("method", "animate");
            w.WriteStartArray("args");
            w.WriteStartArray();
            w.WriteStringValue(FrameName(f));
            w.WriteEndArray();
            w.WriteStartObject();
            w.WriteString("mode", "immediate");
            w.WriteStartObject("frame");
            w.Number("duration", 0);
            w.WriteBoolean("redraw", true);
            w.WriteEndObject();
            w.WriteStartObject("transition");
            w.Number("duration", 0);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
    }
}
