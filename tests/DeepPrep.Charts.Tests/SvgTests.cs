using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace DeepPrep.Charts.Tests;

/// <summary>The static SVG: well-formed, self-contained, and drawing exactly the data it was given.</summary>
public class SvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static XDocument Parse(Figure figure) => XDocument.Parse(figure.ToSvg());

    private static IEnumerable<XElement> WithClass(XDocument doc, string cls) =>
        doc.Descendants().Where(e => (e.Attribute("class")?.Value ?? "").Split(' ').Contains(cls));

    private static int PointsInPath(XElement path) => Regex.Matches(path.Attribute("d")!.Value, "[ML]").Count;

    private static List<string> TickLabels(XDocument doc, string axis) =>
        doc.Descendants(Svg + "text").Where(e => e.Attribute("class")?.Value == $"tick-label {axis}").Select(e => e.Value).ToList();

    [Fact]
    public void Every_sample_is_well_formed_and_self_contained()
    {
        foreach (var (name, make) in SampleFigures.All)
        {
            var svg = make().ToSvg();
            var doc = XDocument.Parse(svg); // throws if not well-formed XML
            Assert.Equal(Svg + "svg", doc.Root!.Name);
            Assert.Empty(doc.Descendants(Svg + "script"));
            Assert.Empty(doc.Descendants(Svg + "style"));
            foreach (var href in doc.Descendants().Attributes().Where(a => a.Name.LocalName == "href"))
                Assert.StartsWith("data:image/png;base64,", href.Value);
            // Numbers must never be NaN or Infinity (aria-label is text: a title may speak of NaN).
            foreach (var attribute in doc.Descendants().Attributes().Where(a => a.Name != "aria-label"))
                Assert.False(attribute.Value.Contains("NaN") || attribute.Value.Contains("Infinity"), $"{name}: {attribute.Name} = {attribute.Value}");
            // Every clip-path and gradient reference points at an element in the same SVG.
            var ids = doc.Descendants().Attributes("id").Select(a => a.Value).ToHashSet();
            foreach (Match m in Regex.Matches(svg, @"url\(#([^)]+)\)")) Assert.Contains(m.Groups[1].Value, ids);
            Assert.True(ids.Count == doc.Descendants().Attributes("id").Count(), $"{name}: duplicate ids");
        }
    }

    [Fact]
    public void Line_path_has_one_point_per_value_and_markers_one_circle_each()
    {
        double[] ys = [3, 1, 4, 1, 5, 9, 2, 6];
        var doc = Parse(Chart.Line(ys));
        Assert.Equal(ys.Length, PointsInPath(WithClass(doc, "line").Single()));

        doc = Parse(Chart.Scatter([1, 2, 3, 4, 5], [2, 4, 6, 8, 10]));
        Assert.Equal(5, WithClass(doc, "marker").Count());
        Assert.Empty(WithClass(doc, "line"));

        doc = Parse(Chart.LineMarkers([1, 2, 3], [1, 4, 9]));
        Assert.Equal(3, PointsInPath(WithClass(doc, "line").Single()));
        Assert.Equal(3, WithClass(doc, "marker").Count());
    }

    [Fact]
    public void Bars_and_histogram_bins_are_counted()
    {
        var doc = Parse(Chart.Bar(["a", "b", "c"], [1, 2, 3]).AddBar(["a", "b", "c"], [2, 1, 0.5], "second"));
        Assert.Equal(6, WithClass(doc, "bar").Count());
        Assert.Equal(["a", "b", "c"], TickLabels(doc, "x"));

        // 1..10 in 5 bins of width 1.8: [1,2.8) [2.8,4.6) [4.6,6.4) [6.4,8.2) [8.2,10] → 2, 2, 2, 2, 2.
        var histogram = new HistogramTrace(Enumerable.Range(1, 10).ToArray(), bins: 5);
        Assert.Equal([2, 2, 2, 2, 2], histogram.Counts);
        Assert.Equal(5, WithClass(Parse(new Figure().Add(histogram)), "bar").Count());

        // Empty bins draw nothing.
        var gappy = new HistogramTrace(new[] { 0.0, 0.1, 9.9, 10 }, bins: 10);
        Assert.Equal(2, WithClass(Parse(new Figure().Add(gappy)), "bar").Count());
    }

    [Fact]
    public void Histogram_density_integrates_to_one()
    {
        var rng = new Random(0);
        var h = new HistogramTrace(Enumerable.Range(0, 1000).Select(_ => rng.NextDouble() * 3).ToArray(), bins: 12, density: true);
        double area = h.Counts.Select((c, k) => c * (h.Edges[k + 1] - h.Edges[k])).Sum();
        Assert.Equal(1.0, area, 12);
    }

    [Fact]
    public void Heatmap_draws_one_cell_per_value_or_one_image_when_large()
    {
        var small = new double[3, 4];
        Assert.Equal(12, WithClass(Parse(Chart.Heatmap(small)), "cell").Count());
        var large = new double[100, 100];
        var doc = Parse(Chart.Heatmap(large));
        Assert.DoesNotContain(WithClass(doc, "cell"), e => e.Name == Svg + "rect");
        Assert.Single(WithClass(doc, "cell"), e => e.Name == Svg + "image");
        Assert.Single(WithClass(doc, "colorbar"));
    }

    [Fact]
    public void Signed_heatmaps_get_a_diverging_scale_centred_on_zero()
    {
        var trace = new HeatmapTrace(new double[,] { { -0.2, 1.0 }, { 0.5, 0.1 } });
        Assert.Equal(ColorMap.Diverging, trace.ColorMap);
        Assert.Equal(-1.0, trace.ZMin);
        Assert.Equal(1.0, trace.ZMax);
        Assert.Equal(ColorMap.Viridis, new HeatmapTrace(new double[,] { { 0.0, 2.0 } }).ColorMap);
    }

    [Fact]
    public void Image_grid_draws_each_image_once_with_its_label()
    {
        var images = Tensor.From(new double[7 * 64], 7, 64);
        var labels = Enumerable.Range(0, 7).Select(i => $"#{i}").ToList();
        var doc = Parse(Chart.Images(images, columns: 4, labels: labels));
        Assert.Equal(7, WithClass(doc, "image").Count());
        Assert.Equal(labels, WithClass(doc, "note").Select(e => e.Value));
        Assert.Throws<ArgumentException>(() => Chart.Images(Tensor.From(new double[3 * 10], 3, 10)));
    }

    [Fact]
    public void Decision_regions_draw_every_point_over_the_regions()
    {
        var points = Tensor.From([-1.0, -1, 1, 1, -1, 1, 1, -1, 0.5, 0.5], 5, 2);
        var fig = Chart.DecisionRegions((x, y) => x * y > 0 ? 1 : 0, points, new[] { 1, 1, 0, 0, 1 }, resolution: 40);
        var doc = Parse(fig);
        Assert.Equal(5, WithClass(doc, "marker").Count());
        Assert.Equal(40 * 40, WithClass(doc, "region").Count());
        var region = (RegionTrace)fig.Subplots[0].Traces[0];
        Assert.Equal(1, region.Classes[0, 0]);   // bottom-left: x < 0, y < 0 → product > 0
        Assert.Equal(0, region.Classes[0, 39]);  // bottom-right
    }

    [Fact]
    public void Batch_classifier_outputs_are_read_as_scores_ids_or_probabilities()
    {
        Assert.Equal([1, 0], Chart.ClassesFromOutput(Tensor.From([0.1, 0.9, 0.8, 0.2], 2, 2), 2));
        Assert.Equal([2, 0], Chart.ClassesFromOutput(Tensor.From([2.0, 0.0]), 2));
        Assert.Equal([1, 0], Chart.ClassesFromOutput(Tensor.From([0.7, 0.3]), 2));
        Assert.Throws<ArgumentException>(() => Chart.ClassesFromOutput(Tensor.From([1.0, 2, 3]), 2));
    }

    [Fact]
    public void Contours_of_a_circle_are_closed_and_on_the_circle()
    {
        var xs = Enumerable.Range(0, 41).Select(i => -2 + i * 0.1).ToArray();
        var lines = Rendering.MarchingSquares.Trace(xs, xs, Chart.Evaluate(xs, xs, (x, y) => x * x + y * y), 1.0);
        var line = Assert.Single(lines);
        Assert.Equal(line[0], line[^1]); // closed
        Assert.All(line, p => Assert.InRange(Math.Sqrt(p.X * p.X + p.Y * p.Y), 0.99, 1.01));
        var doc = Parse(Chart.Contour(xs, xs, (x, y) => x * x + y * y, levels: 4));
        Assert.NotEmpty(WithClass(doc, "contour"));
        Assert.NotEmpty(WithClass(doc, "contour-label"));
    }

    [Fact]
    public void Tick_labels_follow_the_axis_ranges_given()
    {
        var doc = Parse(Chart.Line([0.0, 1], [0.0, 1]).YAxis(min: 0, max: 1).XAxis(min: 0, max: 100));
        Assert.Equal(["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"], TickLabels(doc, "y"));
        Assert.Equal(["0", "20", "40", "60", "80", "100"], TickLabels(doc, "x"));

        doc = Parse(Chart.Line([1e-4, 1e-3, 1e-2, 0.1, 1], [1.0, 2, 3, 4, 5]).LogX().XAxis(min: 1e-4, max: 1));
        Assert.Equal(["10⁻⁴", "10⁻³", "10⁻²", "10⁻¹", "10⁰"], TickLabels(doc, "x"));

        doc = Parse(Chart.Line([1.0, 2], [0.01, 100]).LogY().YAxis(min: 0.01, max: 100));
        var labels = TickLabels(doc, "y");
        Assert.Equal(["0.01", "0.1", "1", "10", "100"], labels.Where(l => l.TrimStart('0', '.').StartsWith('1')));
        Assert.All(labels, l => Assert.Contains(l.TrimStart('0', '.')[0], "125"));
    }

    [Fact]
    public void NaN_and_infinity_are_skipped_and_reported_not_fatal()
    {
        double[] ys = [1, 2, double.NaN, 4, double.PositiveInfinity, 6, 7];
        var fig = Chart.Line(ys, "loss");
        var doc = Parse(fig);
        var path = WithClass(doc, "line").Single().Attribute("d")!.Value;
        Assert.Equal(5, Regex.Matches(path, "[ML]").Count);      // the 5 finite points
        Assert.Equal(3, Regex.Matches(path, "M").Count);         // the line breaks at each gap
        var warning = Assert.Single(fig.Warnings);
        Assert.Contains("2 values", warning);
        Assert.Contains("\"loss\"", warning);
        Assert.Contains("Not drawn: 2 values", WithClass(doc, "warning").Single().Value);

        // On a log axis, zero and negative values cannot be shown either.
        var log = Chart.Line([1.0, 0, -1, 10], "g").LogY();
        Assert.Contains("2 values", Assert.Single(log.Warnings));
        Assert.Equal(2, WithClass(Parse(log), "line").Single().Attribute("d")!.Value.Count(c => c is 'M' or 'L'));

        // All NaN: still a chart, with the data reported missing.
        var allNaN = Parse(Chart.Line([double.NaN, double.NaN]).Title("t"));
        Assert.Single(WithClass(allNaN, "empty"));
    }

    [Fact]
    public void A_long_title_stays_inside_the_figure_when_a_wide_legend_pushes_the_plot_left()
    {
        // The title is centred over the plot area; with a wide legend on the right that centre sits left of the
        // figure's middle, and a long title used to run off the left edge (cut in both renderings).
        var figure = Chart.Line([1.0, 2, 3], [3.0, 1, 2], "a rather long legend entry, median over seeds")
            .AddLine([1.0, 2, 3], [2.0, 2, 1], "another long legend entry, each seed")
            .Title("Training loss after 20 epochs against the learning rate, both models");
        var doc = Parse(figure);
        var title = WithClass(doc, "title").Single();
        double x = double.Parse(title.Attribute("x")!.Value, CultureInfo.InvariantCulture);
        var lines = title.Elements(Svg + "tspan").Select(t => t.Value).DefaultIfEmpty(title.Value).ToList();
        foreach (var line in lines)
        {
            double half = Rendering.TextMetrics.BoldWidth(line, Rendering.LayoutEngine.TitleSize) / 2;
            Assert.True(x - half >= 0 && x + half <= figure.Layout.Width, $"title line spans {x - half:F0}..{x + half:F0} of {figure.Layout.Width}");
        }

        // A short title keeps its place over the middle of the plot area.
        var g = Rendering.LayoutEngine.Compute(Chart.Line([1.0, 2], [1.0, 2], "a long legend entry for the legend box").Title("Loss"));
        Assert.Equal(g.Paper.Left + g.Paper.Width / 2, g.TitleCenterX("Loss"), 9);
    }

    [Fact]
    public void Empty_data_gives_an_empty_labelled_chart()
    {
        var doc = Parse(Chart.Line(Array.Empty<double>()).Title("Nothing yet").XAxis("epoch").YAxis("loss"));
        Assert.Equal("Nothing yet", WithClass(doc, "title").Single().Value);
        Assert.Equal(["epoch", "loss"], WithClass(doc, "axis-title").Select(e => e.Value));
        Assert.Equal("no data", WithClass(doc, "empty").Single().Value);
        Assert.NotEmpty(TickLabels(doc, "x"));
        Assert.Empty(WithClass(doc, "line"));
        Parse(Chart.Histogram(Array.Empty<double>()));
        Parse(Chart.Bar(Array.Empty<string>(), Array.Empty<double>()));
        Parse(Chart.Heatmap(new double[0, 0]));
    }

    [Fact]
    public void Legend_lists_named_traces_once_and_caption_says_how_it_was_made()
    {
        int seed = 3;
        double lr = 0.1;
        var fig = Chart.Grid(Chart.Line([1.0, 2], "train").AddLine([2.0, 1], "val"), Chart.Line([1.0, 3], "train"))
            .Caption(new { seed, lr });
        var doc = Parse(fig);
        Assert.Equal(["train", "val"], WithClass(doc, "legend-label").Select(e => e.Value));
        Assert.Equal("seed = 3 · lr = 0.1", WithClass(doc, "caption").Single().Value);
        Assert.Empty(WithClass(Parse(Chart.Line([1.0, 2])), "legend-label"));
    }

    [Fact]
    public void Legend_swatch_is_dashed_like_its_series()
    {
        var doc = Parse(SampleFigures.LongTitleDashed());
        var paths = WithClass(doc, "line").Select(p => p.Attribute("stroke-dasharray")?.Value).ToList();
        var swatches = WithClass(doc, "legend-swatch").Select(l => l.Attribute("stroke-dasharray")?.Value).ToList();
        Assert.Equal([null, "6,4"], paths);          // "no clipping" solid, "clip-norm 1.0" dashed
        Assert.Equal(paths, swatches);
        // Markers only: a dot, not a line; markers on a line: both.
        var markers = Parse(Chart.Scatter([1.0, 2], [1.0, 2], "points").AddLineMarkers([1.0, 2], [2.0, 1], "sweep"));
        Assert.Single(WithClass(markers, "legend-swatch"));
        Assert.Equal(2, WithClass(markers, "legend").Single().Elements(Svg + "circle").Count());
    }

    [Fact]
    public void Sweep_over_a_grid_shows_each_frames_panel_titles()
    {
        var sweep = SampleFigures.SweepOverGrid();
        for (int f = 0; f < sweep.Frames.Count; f++)
        {
            var doc = XDocument.Parse(sweep.ToSvg(f));
            string eta = sweep.Frames[f].Label;
            Assert.Equal([$"flat, η = {eta}", $"curved, η = {eta}"], WithClass(doc, "panel-title").Select(e => e.Value));
            Assert.Equal($"GD on two quadratics, η = {eta}", WithClass(doc, "title").Single().Value);
        }
    }

    [Fact]
    public void Default_grid_of_three_fits_the_page_column()
    {
        var three = SampleFigures.ThreePanels();
        Assert.Equal(FigureLayout.ColumnWidth, three.Layout.Width);
        Assert.True(Chart.Grid(Enumerable.Range(0, 5).Select(_ => Chart.Line([1.0, 2])).ToArray()).Layout.Width <= FigureLayout.ColumnWidth);
        // Each of the three plots keeps a usable width.
        Assert.All(Rendering.LayoutEngine.Compute(three).Panels, p => Assert.True(p.Box.Width >= 180, $"panel {p.Index} is {p.Box.Width:F0} px wide"));
    }

    [Fact]
    public void Reference_lines_and_notes_are_drawn_with_their_labels()
    {
        var doc = Parse(Chart.Line([1.0, 2, 3]).HLine(2, "target").VLine(1, "η = 2/L").Note(1, 2.5, "update/data = 1e-3"));
        Assert.Equal(2, WithClass(doc, "reference").Count());
        Assert.Equal(["target", "η = 2/L"], WithClass(doc, "reference-label").Select(e => e.Value));
        Assert.Equal("update/data = 1e-3", WithClass(doc, "note").Single().Value);
    }

    [Fact]
    public void Grid_with_shared_axes_shows_inner_tick_labels_once()
    {
        var panels = Enumerable.Range(0, 4).Select(i => Chart.Line([1.0, 2, 3], [i, i + 1.0, i * 2.0]).Title($"p{i}").XAxis("x").YAxis("y")).ToArray();
        var doc = Parse(Chart.Grid(panels, columns: 2, shareX: true, shareY: true));
        Assert.Equal(4, WithClass(doc, "panel-title").Count());
        Assert.Equal(2, WithClass(doc, "axis-title").Count(e => e.Attribute("class")!.Value.EndsWith(" x")));
        Assert.Equal(2, WithClass(doc, "axis-title").Count(e => e.Attribute("class")!.Value.EndsWith(" y")));
        // Both rows share one y range: the left column's two panels carry identical labels.
        var yLabels = TickLabels(doc, "y");
        Assert.Equal(yLabels.Count / 2, yLabels.Distinct().Count());
    }

    [Fact]
    public void Svg_numbers_ignore_the_current_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var svg = Chart.Line([0.5, 1.5, 2.25], [0.125, 0.5, 0.75]).Caption(new { lr = 0.5 }).ToSvg();
            var d = Regex.Match(svg, " d=\"([^\"]+)\"").Groups[1].Value;
            Assert.Matches(@"^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+)+$", d);
            Assert.Contains("lr = 0.5", svg);
        }
        finally { CultureInfo.CurrentCulture = saved; }
    }

    [Fact]
    public void Values_accept_every_numeric_container()
    {
        Values a = new[] { 1.0, 2 }, b = new[] { 1f, 2f }, c = new[] { 1, 2 }, d = new List<double> { 1, 2 }, e = Tensor.From([1.0, 2]);
        Values f = [1, 2];
        foreach (var v in new[] { a, b, c, d, e, f }) Assert.Equal([1.0, 2.0], v.ToArray());
        Assert.Throws<ArgumentException>(() => Chart.Line([1.0, 2], [1.0]));
    }

    [Fact]
    public void Band_over_runs_is_mean_plus_minus_sample_sd()
    {
        var fig = Chart.Band([0.0, 1], new List<double[]> { new[] { 1.0, 2 }, new[] { 3.0, 2 } }, "seeds");
        var band = (BandTrace)fig.Subplots[0].Traces[0];
        Assert.Equal([2.0, 2.0], band.Center);
        Assert.Equal(2 - Math.Sqrt(2), band.Lower[0], 12);
        Assert.Equal(2 + Math.Sqrt(2), band.Upper[0], 12);
        Assert.Equal(2.0, band.Upper[1]);
        var doc = Parse(fig);
        Assert.Single(WithClass(doc, "band"));
        Assert.Single(WithClass(doc, "line"));
    }

    [Fact]
    public void Sweep_keeps_axes_fixed_and_checks_frames_match()
    {
        var sweep = Chart.Sweep("scale", new[] { 1, 10 }, s => Chart.Line([0.0, 1, 2], [0.0, s, 2.0 * s]).Title($"s = {s}"));
        Assert.Equal(2, sweep.Frames.Count);
        Assert.Equal(["1", "10"], sweep.Frames.Select(f => f.Label));
        var frame0 = XDocument.Parse(sweep.ToSvg(0));
        var frame1 = XDocument.Parse(sweep.ToSvg(1));
        Assert.Equal(TickLabels(frame0, "y"), TickLabels(frame1, "y"));     // same y range for both frames
        Assert.Contains("20", string.Join(" ", TickLabels(frame0, "y")));  // …wide enough for the larger one
        Assert.Equal("s = 10", WithClass(frame1, "title").Single().Value);
        Assert.Contains("Slider: showing scale = 1 (1 of 2", sweep.ToSvg());
        Assert.Contains("Slider: showing scale = 10 (2 of 2", sweep.ToSvg(1));

        var bad = Assert.Throws<ArgumentException>(() => Chart.Sweep("n", new[] { 1, 2 }, n => n == 1 ? Chart.Line([1.0]) : Chart.Bar([1.0])));
        Assert.Contains("same kinds of traces", bad.Message);
    }
}
