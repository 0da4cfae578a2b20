using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace DeepPrep.Charts.Tests;

/// <summary>
/// What a notebook gets: the convention-based formatter (found by attribute name, as .NET Interactive and
/// DeepPrep's runner do it, shared/notebook-format.md §4) and the HTML fragment with its upgrade script.
/// </summary>
public class NotebookOutputTests
{
    /// <summary>The host's lookup, by names only: no reference to DeepPrep.Formatting types.</summary>
    private static (string[] Preferred, List<object> Formatters) Lookup(Type type)
    {
        var attribute = type.GetCustomAttributes(true).Single(a => a.GetType().Name == "TypeFormatterSourceAttribute");
        var sourceType = (Type)attribute.GetType().GetProperty("FormatterSourceType")!.GetValue(attribute)!;
        var preferred = (string[])attribute.GetType().GetProperty("PreferredMimeTypes")!.GetValue(attribute)!;
        var source = Activator.CreateInstance(sourceType)!;
        var formatters = ((IEnumerable)sourceType.GetMethod("CreateTypeFormatters")!.Invoke(source, null)!).Cast<object>().ToList();
        return (preferred, formatters);
    }

    private static string Format(object formatter, object value)
    {
        var format = formatter.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance).Single(m => m.Name == "Format");
        var writer = new StringWriter();
        Assert.True((bool)format.Invoke(formatter, [value, writer])!);
        return writer.ToString();
    }

    [Fact]
    public void Figure_is_found_by_the_convention_and_renders_every_preferred_mime_type()
    {
        var (preferred, formatters) = Lookup(typeof(Figure));
        Assert.Equal(["text/html", "image/svg+xml", "text/plain"], preferred);
        var byMime = formatters.ToDictionary(f => (string)f.GetType().GetProperty("MimeType")!.GetValue(f)!);
        Assert.All(preferred, m => Assert.Contains(m, byMime.Keys));
        Assert.All(formatters, f => Assert.Equal(typeof(Figure), f.GetType().GetProperty("Type")!.GetValue(f)));

        var figure = SampleFigures.LearningCurves();
        Assert.Contains("<svg", Format(byMime["text/html"], figure));
        XDocument.Parse(Format(byMime["image/svg+xml"], figure));
        Assert.Equal("Figure \"Learning curves\": 2 line", Format(byMime["text/plain"], figure));

        var html = byMime["text/html"].GetType().GetMethods().Single(m => m.Name == "Format");
        Assert.False((bool)html.Invoke(byMime["text/html"], ["not a figure", new StringWriter()])!);
    }

    [Fact]
    public void Html_fragment_holds_the_svg_the_plotly_json_and_the_upgrade_script()
    {
        var figure = SampleFigures.LearningCurves();
        var html = figure.ToHtml();
        var id = Regex.Match(html, "id=\"(dp-[0-9a-f]+-\\d+)\"").Groups[1].Value;
        Assert.StartsWith("dp-", id);
        Assert.Contains("<div class=\"dp-static\">", html);
        var json = Regex.Match(html, "<script type=\"application/json\" class=\"dp-data\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(2, doc.RootElement.GetProperty("data").GetArrayLength());
        Assert.Contains($"document.getElementById(\"{id}\")", html);
        Assert.Contains("https://cdn.plot.ly/plotly-4.1.2.min.js", html);
        Assert.Contains("window.DeepPrepPlotlySrc", html);
        Assert.DoesNotContain("require", html);
        // Two renderings of one figure on one page never share ids.
        Assert.NotEqual(id, Regex.Match(figure.ToHtml(), "id=\"(dp-[0-9a-f]+-\\d+)\"").Groups[1].Value);
    }

    [Fact]
    public void Plotly_version_in_the_fragment_matches_package_json()
    {
        using var package = JsonDocument.Parse(File.ReadAllText(Path.Combine(GalleryWriter.RepoRoot(), "package.json")));
        var pinned = package.RootElement.GetProperty("dependencies").GetProperty("plotly.js-dist-min").GetString();
        Assert.Equal(Rendering.HtmlFragment.PlotlyVersion, pinned);
    }

    [Fact]
    public void Text_cannot_break_out_of_the_html()
    {
        var html = Chart.Line([1.0, 2], "</script><script>alert(1)</script>").Title("a < b & c").ToHtml();
        Assert.Equal(2, Regex.Matches(html, "<script").Count); // the JSON block and the upgrade script, nothing injected
        Assert.Contains("a &lt; b &amp; c", html);
    }

    [Fact]
    public void Sweep_html_has_one_frame_and_one_radio_button_per_value()
    {
        var figure = SampleFigures.LearningRateSweep();
        var html = figure.ToHtml();
        int n = figure.Frames.Count;
        Assert.Equal(n, Regex.Matches(html, "<input type=\"radio\"").Count);
        Assert.Equal(n, Regex.Matches(html, "<svg ").Count);
        Assert.Equal(n - 1, Regex.Matches(html, "class=\"dp-frame dp-f\\d+\" hidden").Count);
        Assert.Single(Regex.Matches(html, " checked"));
    }

    [Fact]
    public void Saved_files_are_a_standalone_svg_and_page()
    {
        var folder = Directory.CreateTempSubdirectory("deepprep-charts").FullName;
        try
        {
            var figure = SampleFigures.BandOverSeeds();
            figure.SaveSvg(Path.Combine(folder, "f.svg"));
            figure.SaveHtml(Path.Combine(folder, "f.html"), plotlySrc: "plotly.min.js");
            Assert.Equal("svg", XDocument.Load(Path.Combine(folder, "f.svg")).Root!.Name.LocalName);
            var page = File.ReadAllText(Path.Combine(folder, "f.html"));
            Assert.StartsWith("<!DOCTYPE html>", page);
            Assert.Contains("window.DeepPrepPlotlySrc = \"plotly.min.js\";", page);
        }
        finally { Directory.Delete(folder, true); }
    }
}
