using DeepPrep.Charts.Rendering;
using DeepPrep.Formatting;

namespace DeepPrep.Charts;

/// <summary>
/// A chart: one or more subplots of traces, a title, axis titles, a caption saying how the data was made,
/// and optionally frames for a slider. Start from <see cref="Chart"/> (<c>Chart.Line(xs, ys)</c>), then
/// chain methods: <c>.Title("Loss").XAxis("epoch").YAxis("loss", log: true).Caption(new { seed, lr })</c>.
/// </summary>
/// <remarks>
/// The fluent methods change this figure and return it, so a chain builds one figure step by step.
/// A figure shows itself when it is a notebook cell's value or passed to <c>display()</c>: the static SVG
/// right away, upgraded in place to an interactive plotly.js chart where plotly.js can be loaded
/// (see <see cref="HtmlFragment"/>). <see cref="SaveSvg"/> and <see cref="SaveHtml"/> write files.
/// Split over files: this one holds the data and the traces; Figure.Layout.cs the titles and axes;
/// Figure.Output.cs the renderings.
/// </remarks>
[TypeFormatterSource(typeof(FigureFormatterSource), PreferredMimeTypes = ["text/html", "image/svg+xml", "text/plain"])]
public sealed partial class Figure
{
    /// <summary>An empty figure with one subplot. Usually you start from <see cref="Chart"/> instead.</summary>
    public Figure() => Subplots.Add(new Subplot());

    /// <summary>The panels, in reading order (left to right, then top to bottom).</summary>
    public List<Subplot> Subplots { get; } = [];

    /// <summary>Panels per row (1 for an ordinary figure).</summary>
    public int Columns { get; internal set; } = 1;

    /// <summary>Title, caption, size and legend: what belongs to the whole figure.</summary>
    public FigureLayout Layout { get; } = new();

    /// <summary>The slider positions of a sweep (empty for an ordinary figure). Frame 0 is what shows first.</summary>
    public List<Frame> Frames { get; } = [];

    /// <summary>What the slider varies, e.g. "learning rate"; shown as "learning rate = 0.1".</summary>
    public string? SliderName { get; internal set; }

    /// <summary>All panels share one x range (and only the bottom row shows x tick labels).</summary>
    public bool SharedX { get; internal set; }

    /// <summary>All panels share one y range (and only the left column shows y tick labels).</summary>
    public bool SharedY { get; internal set; }

    internal Subplot Main => Subplots[0];

    /// <summary>Adds a trace to the first subplot.</summary>
    public Figure Add(Trace trace)
    {
        Main.Traces.Add(trace);
        return this;
    }

    /// <summary>Draws another figure's traces (and reference lines and notes) on top of this one's first subplot.</summary>
    public Figure Add(Figure other)
    {
        foreach (var subplot in other.Subplots)
        {
            Main.Traces.AddRange(subplot.Traces);
            Main.Lines.AddRange(subplot.Lines);
            Main.Notes.AddRange(subplot.Notes);
        }
        return this;
    }

    /// <summary>Adds a line through (x, y) pairs.</summary>
    public Figure AddLine(Values xs, Values ys, string? name = null, Rgb? color = null, bool dashed = false) =>
        Add(new LineTrace(xs, ys) { Name = name, Color = color, Dashed = dashed });

    /// <summary>Adds a line through y values at x = 0, 1, 2, … (a value per epoch or step).</summary>
    public Figure AddLine(Values ys, string? name = null, Rgb? color = null, bool dashed = false) =>
        AddLine(Values.Indices(ys.Count), ys, name, color, dashed);

    /// <summary>Adds markers at (x, y) pairs.</summary>
    public Figure AddScatter(Values xs, Values ys, string? name = null, Rgb? color = null, double size = 6) =>
        Add(new LineTrace(xs, ys, LineMode.Markers) { Name = name, Color = color, MarkerSize = size });

    /// <summary>Adds a line with a marker at each point (few points: a sweep over a parameter).</summary>
    public Figure AddLineMarkers(Values xs, Values ys, string? name = null, Rgb? color = null) =>
        Add(new LineTrace(xs, ys, LineMode.LinesAndMarkers) { Name = name, Color = color });

    /// <summary>Adds a mean line with a shaded ± sd band.</summary>
    public Figure AddBand(Values xs, Values mean, Values sd, string? name = null, Rgb? color = null) =>
        Add(Chart.MakeBand(xs, mean, sd, name, color));

    /// <summary>Adds mean ± sd over runs (e.g. one loss curve per seed; all runs the same length).</summary>
    public Figure AddBand(Values xs, IReadOnlyList<double[]> runs, string? name = null, Rgb? color = null) =>
        Add(Chart.MakeBand(xs, runs, name, color));

    /// <summary>Adds bars, one per category; several bar traces stand side by side.</summary>
    public Figure AddBar(IReadOnlyList<string> categories, Values heights, string? name = null, Values? errors = null, Rgb? color = null) =>
        Add(new BarTrace(categories, heights, errors) { Name = name, Color = color });

    /// <summary>Adds a histogram of values (drawn semi-transparent, so several overlay).</summary>
    public Figure AddHistogram(Values values, string? name = null, int bins = 30, bool density = false, double? min = null, double? max = null, Rgb? color = null) =>
        Add(new HistogramTrace(values, bins, density, min, max) { Name = name, Color = color });

    /// <summary>A one-line description, e.g. what a notebook shows as text/plain.</summary>
    public override string ToString()
    {
        var kinds = Subplots.SelectMany(s => s.Traces).GroupBy(t => t.Kind).Select(g => g.Count() == 1 ? g.Key : $"{g.Count()} {g.Key}");
        string title = Layout.Title is null ? "" : $" \"{Layout.Title}\"";
        string panels = Subplots.Count > 1 ? $", {Subplots.Count} panels" : "";
        string frames = Frames.Count > 0 ? $", slider over {Frames.Count} values of {SliderName}" : "";
        return $"Figure{title}: {string.Join(", ", kinds.DefaultIfEmpty("no data"))}{panels}{frames}";
    }
}

/// <summary>Settings of the whole figure.</summary>
public sealed class FigureLayout
{
    public string? Title { get; set; }

    /// <summary>Small grey text under the plot: how the data was made (seed, learning rate, epochs, …).</summary>
    public string? Caption { get; set; }

    /// <summary>
    /// The widest a figure is by default (a grid of three panels): the output column of DeepPrep's site, so
    /// the interactive chart (which has a fixed size) needs no scroll bar and the SVG is not scaled down.
    /// lib/DeepPrep.Notebooks/Site/Assets/site.css: main is at most 60rem = 960 px, less 2 × 1.25rem padding,
    /// less the outputs' 3 px rule, 0.2rem margin and 0.75rem padding: 901.8 px (room for the 900 px figures some
    /// notebooks ask for); the default leaves a little spare.
    /// Jupyter and VS Code output areas are wider at usual window sizes.
    /// </summary>
    public const int ColumnWidth = 880;

    /// <summary>Width in pixels (the SVG scales down to fit narrower windows).</summary>
    public int Width { get; set; } = 640;

    /// <summary>Height in pixels of the chart itself (a slider adds a row of buttons below).</summary>
    public int Height { get; set; } = 400;

    /// <summary>true/false to force the legend on or off; null shows it when any trace has a name.</summary>
    public bool? ShowLegend { get; set; }
}
