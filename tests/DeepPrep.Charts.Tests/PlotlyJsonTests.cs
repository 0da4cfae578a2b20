using System.Text.Json;

namespace DeepPrep.Charts.Tests;

/// <summary>The plotly.js JSON: structure, attribute names (against the committed list), and agreement with the SVG's geometry.</summary>
public class PlotlyJsonTests
{
    [Fact]
    public void Every_attribute_used_is_in_the_committed_list_and_every_listed_one_is_used()
    {
        var used = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var make in SampleFigures.All.Values) used.UnionWith(PlotlyAttributes.Used(make().ToPlotlyJson()));
        var committed = PlotlyAttributes.Committed().ToHashSet();
        var unlisted = used.Where(p => !committed.Contains(p)).ToList();
        var stale = committed.Where(p => !used.Contains(p)).ToList();
        Assert.True(unlisted.Count == 0, "Attributes used but not in plotly-attributes.txt (add them; the browser test checks them against plotly's schema):\n" + string.Join("\n", unlisted));
        Assert.True(stale.Count == 0, "Attributes in plotly-attributes.txt that no sample uses (remove them):\n" + string.Join("\n", stale));
    }

    [Fact]
    public void Every_sample_has_data_layout_and_one_axis_pair_per_panel()
    {
        foreach (var (name, make) in SampleFigures.All)
        {
            var figure = make();
            using var doc = JsonDocument.Parse(figure.ToPlotlyJson());
            var root = doc.RootElement;
            var data = root.GetProperty("data");
            var layout = root.GetProperty("layout");
            foreach (var trace in data.EnumerateArray())
            {
                Assert.False(string.IsNullOrEmpty(trace.GetProperty("type").GetString()), name);
                Assert.True(layout.TryGetProperty(AxisKey("xaxis", trace.GetProperty("xaxis").GetString()!), out _), $"{name}: trace on a missing x axis");
                Assert.True(layout.TryGetProperty(AxisKey("yaxis", trace.GetProperty("yaxis").GetString()!), out _), $"{name}: trace on a missing y axis");
            }
            for (int i = 0; i < figure.Subplots.Count; i++)
            {
                var xaxis = layout.GetProperty(i == 0 ? "xaxis" : $"xaxis{i + 1}");
                Assert.Equal(2, xaxis.GetProperty("domain").GetArrayLength());
                Assert.Equal(2, xaxis.GetProperty("range").GetArrayLength());
            }
            if (figure.Frames.Count > 0)
            {
                var frames = root.GetProperty("frames");
                Assert.Equal(figure.Frames.Count, frames.GetArrayLength());
                Assert.All(frames.EnumerateArray(), f => Assert.Equal(data.GetArrayLength(), f.GetProperty("data").GetArrayLength()));
                var steps = layout.GetProperty("sliders")[0].GetProperty("steps");
                Assert.Equal(figure.Frames.Count, steps.GetArrayLength());
                Assert.Equal(figure.Frames.Select(f => f.Label), steps.EnumerateArray().Select(s => s.GetProperty("label").GetString()));
            }
        }
    }

    private static string AxisKey(string axis, string id) => id.Length == 1 ? axis : axis + id[1..];

    [Fact]
    public void Line_data_round_trips_and_nan_becomes_null()
    {
        using var doc = JsonDocument.Parse(Chart.Line([1.0, 2, 3], [0.5, double.NaN, double.PositiveInfinity], "loss").ToPlotlyJson());
        var trace = doc.RootElement.GetProperty("data")[0];
        Assert.Equal("scatter", trace.GetProperty("type").GetString());
        Assert.Equal("lines", trace.GetProperty("mode").GetString());
        Assert.Equal("loss", trace.GetProperty("name").GetString());
        Assert.Equal([1.0, 2, 3], trace.GetProperty("x").EnumerateArray().Select(e => e.GetDouble()));
        var y = trace.GetProperty("y").EnumerateArray().ToList();
        Assert.Equal(0.5, y[0].GetDouble());
        Assert.Equal(JsonValueKind.Null, y[1].ValueKind);
        Assert.Equal(JsonValueKind.Null, y[2].ValueKind);
        Assert.False(trace.GetProperty("connectgaps").GetBoolean());
    }

    [Fact]
    public void Tiny_values_keep_their_digits_and_float_noise_is_trimmed()
    {
        using var doc = JsonDocument.Parse(Chart.Line([1.0, 2], [1e-12, 0.1 + 0.2]).ToPlotlyJson());
        var y = doc.RootElement.GetProperty("data")[0].GetProperty("y");
        Assert.Equal(1e-12, y[0].GetDouble());
        Assert.Equal("0.3", y[1].GetRawText());
    }

    [Fact]
    public void Log_axes_send_their_range_in_log10_units()
    {
        using var doc = JsonDocument.Parse(Chart.Line([1.0, 2], [1.0, 2]).LogY().YAxis(min: 0.001, max: 10).ToPlotlyJson());
        var yaxis = doc.RootElement.GetProperty("layout").GetProperty("yaxis");
        Assert.Equal("log", yaxis.GetProperty("type").GetString());
        Assert.Equal([-3.0, 1.0], yaxis.GetProperty("range").EnumerateArray().Select(e => Math.Round(e.GetDouble(), 9)));
    }

    [Fact]
    public void Layout_margins_match_the_svg_plot_area()
    {
        var figure = Chart.Line([0.0, 1], [0.0, 1]).Title("t").XAxis("x").YAxis("y").Caption("c");
        var geometry = Rendering.LayoutEngine.Compute(figure);
        using var doc = JsonDocument.Parse(figure.ToPlotlyJson());
        var margin = doc.RootElement.GetProperty("layout").GetProperty("margin");
        var box = geometry.Panels[0].Box;
        Assert.Equal(box.Left, margin.GetProperty("l").GetDouble(), 6);
        Assert.Equal(box.Top, margin.GetProperty("t").GetDouble(), 6);
        Assert.Equal(geometry.Width - box.Right, margin.GetProperty("r").GetDouble(), 6);
        Assert.Equal(geometry.Height - box.Bottom, margin.GetProperty("b").GetDouble(), 6);
    }

    [Fact]
    public void Frames_of_a_sweep_over_a_grid_carry_their_panel_titles()
    {
        var sweep = SampleFigures.SweepOverGrid();
        using var doc = JsonDocument.Parse(sweep.ToPlotlyJson());
        var frames = doc.RootElement.GetProperty("frames").EnumerateArray().ToList();
        Assert.Equal(sweep.Frames.Count, frames.Count);
        for (int f = 0; f < frames.Count; f++)
        {
            var layout = frames[f].GetProperty("layout");
            var bold = layout.GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("text").GetString()!).Where(t => t.StartsWith("<b>")).ToList();
            string eta = sweep.Frames[f].Label;
            Assert.Equal([$"<b>flat, η = {eta}</b>", $"<b>curved, η = {eta}</b>"], bold);
            Assert.Equal($"<b>GD on two quadratics, η = {eta}</b>", layout.GetProperty("title").GetProperty("text").GetString());
        }
    }

    [Fact]
    public void Log_axes_send_the_svg_ticks_and_category_axes_the_svg_labels()
    {
        // 0.02 … 1 on a log axis: the SVG labels 0.02, 0.05, 0.1, 0.2, 0.5, 1; plotly must not print "2", "5".
        var figure = SampleFigures.LongTitleDashed();
        var y = Rendering.LayoutEngine.Compute(figure).Panels[0].Y;
        using var doc = JsonDocument.Parse(figure.ToPlotlyJson());
        var yaxis = doc.RootElement.GetProperty("layout").GetProperty("yaxis");
        Assert.Equal("array", yaxis.GetProperty("tickmode").GetString());
        Assert.Equal(y.Ticks.Where(t => !t.Minor).Select(t => t.Label), yaxis.GetProperty("ticktext").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("0.2", yaxis.GetProperty("ticktext").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(y.Ticks.Count(t => t.Minor), yaxis.GetProperty("minor").GetProperty("tickvals").GetArrayLength());

        var bars = SampleFigures.CrowdedBars();
        var x = Rendering.LayoutEngine.Compute(bars).Panels[0];
        using var barDoc = JsonDocument.Parse(bars.ToPlotlyJson());
        var xaxis = barDoc.RootElement.GetProperty("layout").GetProperty("xaxis");
        Assert.Equal(-x.XTickAngle, xaxis.GetProperty("tickangle").GetDouble());
        Assert.Equal(x.X.Ticks.Select(t => t.Label), xaxis.GetProperty("ticktext").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Grid_legend_shows_each_name_once()
    {
        var grid = Chart.Grid(Chart.Line([1.0, 2], "train"), Chart.Line([1.0, 2], "train"));
        using var doc = JsonDocument.Parse(grid.ToPlotlyJson());
        var shown = doc.RootElement.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("showlegend").GetBoolean()).ToList();
        Assert.Equal([true, false], shown);
    }
}
