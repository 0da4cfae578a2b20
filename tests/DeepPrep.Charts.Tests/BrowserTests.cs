using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using static DeepPrep.Charts.Tests.BrowserFixture;

namespace DeepPrep.Charts.Tests;

/// <summary>
/// The notebook HTML in a real browser (headless Chromium): upgraded to interactive plotly.js where plotly.js
/// can load (CDN in a live notebook, a local copy on the site, or already on the page), and the static SVG
/// where it cannot (disabled, offline, CDN failing, scripts off). Always without console errors. Screenshots
/// of every sample, both ways, go to artifacts/chart-screenshots for a person to look at.
/// </summary>
public class BrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static string AllSamples()
    {
        var body = new StringBuilder();
        foreach (var (name, make) in SampleFigures.All)
            body.Append($"<section data-sample=\"{name}\" style=\"display:inline-block;vertical-align:top;margin:4px\">{make().ToHtml()}</section>\n");
        return body.ToString();
    }

    private static async Task ScreenshotEachAsync(TestPage page, string suffix)
    {
        var folder = GalleryWriter.Folder("chart-screenshots");
        foreach (var name in SampleFigures.All.Keys)
            await page.Page.Locator($"section[data-sample=\"{name}\"]").ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}.{suffix}.png") });
    }

    private static Task<string[]> StatesAsync(TestPage page) =>
        page.Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.deepprep-figure')].map(f => f.getAttribute('data-dp-state'))");

    /// <summary>The runner's site check (lib/DeepPrep.Notebooks/README.md): every SVG on the page, and the first SVG in every [data-deepprep-chart], has a size.</summary>
    private static async Task AssertEverySvgHasASizeAsync(TestPage page)
    {
        var problems = await page.Page.EvaluateAsync<string[]>("""
            () => {
              const sized = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
              const problems = [];
              document.querySelectorAll('svg').forEach((svg, i) => { if (!sized(svg)) problems.push('svg #' + i + ' (' + svg.getAttribute('class') + ') has no size'); });
              document.querySelectorAll('[data-deepprep-chart]').forEach((chart, i) => { const svg = chart.querySelector('svg'); if (!svg || !sized(svg)) problems.push('chart #' + i + ' has no drawn svg'); });
              return problems;
            }
            """);
        Assert.True(problems.Length == 0, string.Join("\n", problems));
    }

    private static void NoErrors(TestPage page)
    {
        Assert.True(page.PageErrors.Count == 0, "Uncaught errors:\n" + string.Join("\n", page.PageErrors));
        Assert.True(page.ConsoleErrors.Count == 0, "Console errors:\n" + string.Join("\n", page.ConsoleErrors));
    }

    private static async Task AssertStaticAsync(TestPage page)
    {
        Assert.All(await StatesAsync(page), s => Assert.Equal("static", s));
        Assert.Equal(0, await page.Page.Locator(".main-svg").CountAsync());
        // Every figure's SVG is on screen, at its full size.
        var heights = await page.Page.EvaluateAsync<double[]>(
            "() => [...document.querySelectorAll('.deepprep-figure .dp-static')].map(s => s.querySelector('svg:not([hidden])').getBoundingClientRect().height)");
        Assert.Equal(SampleFigures.All.Count, heights.Length);
        Assert.All(heights, h => Assert.True(h > 100, $"SVG only {h} px high"));
        await AssertEverySvgHasASizeAsync(page);
    }

    [BrowserFact]
    public async Task Live_notebook_upgrades_every_figure_in_place_loading_plotly_from_the_cdn_once()
    {
        await using var page = await browser.OpenAsync(AllSamples(), Cdn.Serves);
        await page.SettledAsync();
        Assert.All(await StatesAsync(page), s => Assert.Equal("interactive", s));
        int figures = SampleFigures.All.Count;
        Assert.Equal(figures, await page.Page.Locator(".deepprep-figure > .dp-plotly").CountAsync());
        Assert.True(await page.Page.Locator(".dp-plotly .main-svg").CountAsync() >= figures);
        Assert.Equal(0, await page.Page.Locator(".dp-static").CountAsync()); // replaced, not just hidden
        await AssertEverySvgHasASizeAsync(page);
        Assert.Equal(["https://cdn.plot.ly/plotly-4.1.2.min.js"], page.PlotlyRequests);
        NoErrors(page);
        await ScreenshotEachAsync(page, "interactive");
    }

    [BrowserFact]
    public async Task Interactive_chart_puts_points_and_reference_lines_where_the_svg_did()
    {
        // Log axes on both sides, markers, a vertical reference line and a note: the places where the two
        // renderings are most likely to disagree (plotly takes log10 units in some places, data in others).
        var figure = SampleFigures.LearningRateUCurve().HLine(0.1, "0.1");
        var svg = System.Xml.Linq.XDocument.Parse(figure.ToSvg());
        var circles = svg.Descendants().Where(e => e.Attribute("class")?.Value == "marker")
            .Select(e => (X: double.Parse(e.Attribute("cx")!.Value, System.Globalization.CultureInfo.InvariantCulture),
                          Y: double.Parse(e.Attribute("cy")!.Value, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var lines = svg.Descendants().Where(e => e.Attribute("class")?.Value == "reference")
            .Select(e => double.Parse(e.Attribute(e.Attribute("x1")!.Value == e.Attribute("x2")!.Value ? "x1" : "y1")!.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

        await using var page = await browser.OpenAsync(figure.ToHtml(), Cdn.Serves);
        await page.SettledAsync();
        var points = await page.Page.EvaluateAsync<double[][]>("""
            () => { const root = document.querySelector('.dp-plotly .main-svg').getBoundingClientRect();
                    return [...document.querySelectorAll('.dp-plotly .scatterlayer .point')].map(p => { const r = p.getBoundingClientRect();
                        return [r.x + r.width / 2 - root.x, r.y + r.height / 2 - root.y]; }); }
            """);
        Assert.Equal(circles.Count, points.Length);
        for (int i = 0; i < circles.Count; i++)
        {
            Assert.InRange(points[i][0], circles[i].X - 1.5, circles[i].X + 1.5);
            Assert.InRange(points[i][1], circles[i].Y - 1.5, circles[i].Y + 1.5);
        }
        var shapes = await page.Page.EvaluateAsync<double[]>("""
            () => { const root = document.querySelector('.dp-plotly .main-svg').getBoundingClientRect();
                    return [...document.querySelectorAll('.dp-plotly .shapelayer path')].map(p => { const r = p.getBoundingClientRect();
                        return r.width < r.height ? r.x + r.width / 2 - root.x : r.y + r.height / 2 - root.y; }); }
            """);
        Assert.Equal(lines.Count, shapes.Length);
        for (int i = 0; i < lines.Count; i++) Assert.InRange(shapes[i], lines[i] - 1.5, lines[i] + 1.5);
        NoErrors(page);
    }

    [BrowserFact]
    public async Task Site_page_loads_its_local_plotly_copy()
    {
        await using var page = await browser.OpenAsync(SampleFigures.LearningCurves().ToHtml() + SampleFigures.Histograms().ToHtml(), Cdn.Refuses,
            head: "<script>window.DeepPrepPlotlySrc = \"/plotly.min.js\";</script>");
        await page.SettledAsync();
        Assert.All(await StatesAsync(page), s => Assert.Equal("interactive", s));
        Assert.Equal([Origin + "/plotly.min.js"], page.PlotlyRequests);
        NoErrors(page);
    }

    [BrowserFact]
    public async Task Page_that_already_has_plotly_uses_it()
    {
        await using var page = await browser.OpenAsync(SampleFigures.GroupedBars().ToHtml(), Cdn.Refuses, head: "<script src=\"/plotly.min.js\"></script>");
        await page.SettledAsync();
        Assert.Equal(["interactive"], await StatesAsync(page));
        Assert.Single(page.PlotlyRequests); // the page's own <script>, nothing more
        NoErrors(page);
    }

    [BrowserFact]
    public async Task Svg_stays_when_the_page_disables_plotly()
    {
        await using var page = await browser.OpenAsync(AllSamples(), Cdn.Serves, head: "<script>window.DeepPrepPlotlySrc = \"\";</script>");
        await page.SettledAsync();
        await AssertStaticAsync(page);
        Assert.Empty(page.PlotlyRequests);
        NoErrors(page);
        await ScreenshotEachAsync(page, "static");
    }

    [BrowserFact]
    public async Task Svg_stays_offline_and_the_network_is_not_tried()
    {
        await using var page = await browser.OpenAsync(AllSamples(), Cdn.Serves, offline: true);
        await page.SettledAsync();
        await AssertStaticAsync(page);
        Assert.Empty(page.PlotlyRequests);
        NoErrors(page);
    }

    [BrowserFact]
    public async Task Svg_stays_when_the_cdn_fails()
    {
        await using var page = await browser.OpenAsync(AllSamples(), Cdn.Refuses);
        await page.SettledAsync();
        await AssertStaticAsync(page);
        Assert.Single(page.PlotlyRequests); // tried once for all figures, not once per figure
        Assert.Empty(page.PageErrors);
        // Our script logs nothing; the browser itself reports the refused download, and that is the only message allowed.
        Assert.All(page.ConsoleErrors, e => Assert.StartsWith("Failed to load resource", e));
    }

    [BrowserFact]
    public async Task Svg_shows_and_the_slider_works_with_scripts_off()
    {
        var sweep = SampleFigures.LearningRateSweep();
        await using var page = await browser.OpenAsync($"<section data-sample=\"sweep\">{sweep.ToHtml()}</section>", Cdn.Serves, javaScript: false);
        var frames = page.Page.Locator(".dp-frame");
        Assert.Equal(sweep.Frames.Count, await frames.CountAsync());
        Assert.True(await frames.Nth(0).IsVisibleAsync());
        Assert.False(await frames.Nth(3).IsVisibleAsync());
        await page.Page.Locator(".dp-steps label").Nth(3).ClickAsync();
        Assert.False(await frames.Nth(0).IsVisibleAsync());
        Assert.True(await frames.Nth(3).IsVisibleAsync());
        // The keyboard moves along the radio group too.
        await page.Page.Keyboard.PressAsync("ArrowRight");
        Assert.True(await frames.Nth(4).IsVisibleAsync());
        await page.Page.Locator("section[data-sample=sweep]").ScreenshotAsync(new() { Path = Path.Combine(GalleryWriter.Folder("chart-screenshots"), "sweep-slider.no-script.png") });
        NoErrors(page);
    }

    [BrowserFact]
    public async Task Interactive_sweep_has_a_plotly_slider_over_every_frame()
    {
        var sweep = SampleFigures.LearningRateSweep();
        await using var page = await browser.OpenAsync(sweep.ToHtml(), Cdn.Serves);
        await page.SettledAsync();
        Assert.Equal(1, await page.Page.Locator(".dp-plotly .slider-container").CountAsync());
        int frames = await page.Page.EvaluateAsync<int>("() => document.querySelector('.dp-plotly')._transitionData._frames.length");
        Assert.Equal(sweep.Frames.Count, frames);
        // Jump to the last frame the way the slider does, and check the data changed.
        await page.Page.EvaluateAsync("() => Plotly.animate(document.querySelector('.dp-plotly'), ['frame5'], { mode: 'immediate', frame: { duration: 0, redraw: true }, transition: { duration: 0 } })");
        var lastY = await page.Page.EvaluateAsync<double>("() => document.querySelector('.dp-plotly').data[0].y[1]");
        Assert.Equal(4 * (1 - 21 * 0.1), lastY, 9);
        NoErrors(page);
    }

    [BrowserFact]
    public async Task Plotly_schema_knows_every_attribute_we_write_and_validates_every_sample()
    {
        await using var page = await browser.OpenAsync("", Cdn.Refuses, head: "<script src=\"/plotly.min.js\"></script>");
        var missing = await page.Page.EvaluateAsync<string[]>(SchemaWalker, PlotlyAttributes.Committed().ToArray());
        Assert.True(missing.Length == 0, "Not in plotly.js's schema:\n" + string.Join("\n", missing));

        var problems = new List<string>();
        // "empty" is left out: plotly hides a trace without points and then reports all its keys as unused
        // (its attributes are still checked by the schema walk above).
        foreach (var (name, make) in SampleFigures.All.Where(s => s.Key != "empty"))
        {
            var messages = await page.Page.EvaluateAsync<string[]>(
                "json => { const f = JSON.parse(json); return (Plotly.validate(f.data, f.layout) || []).map(e => e.msg); }", make().ToPlotlyJson());
            // Plotly.validate compares slider step args (free-form arrays) by reference: "(set to 'frame0') got reset
            // to 'frame0'" means the value was kept. Only a real change of value counts.
            problems.AddRange(messages.Where(m => !System.Text.RegularExpressions.Regex.IsMatch(m, @"\(set to '(.*)'\) got reset to '\1'"))
                .Select(m => $"{name}: {m}"));
        }
        Assert.True(problems.Count == 0, "Plotly.validate says:\n" + string.Join("\n", problems));
        NoErrors(page);
    }

    /// <summary>
    /// Looks each attribute path up in Plotly.PlotSchema.get(): trace attributes under traces[type].attributes,
    /// layout under layout.layoutAttributes (or a trace type's layoutAttributes, e.g. bar's barmode), arrays of
    /// objects ("annotations[]") through their items, frames[] under frames.items, config under config.
    /// </summary>
    private const string SchemaWalker = """
paths => {
  const schema = Plotly.PlotSchema.get();
  const missing = [];
  const walk = (node, parts) => {
    for (const part of parts) {
      if (!node) return false;
      if (node.valType === 'any') return true;
      if (part.endsWith('[]')) {
        const list = node[part.slice(0, -2)];
        node = list && list.items ? Object.values(list.items)[0] : undefined;
      } else node = node[part];
    }
    return !!node;
  };
  for (const path of paths) {
    const [head, ...rest] = path.split('.');
    let ok;
    if (head === 'layout')
      ok = walk(schema.layout.layoutAttributes, rest) ||
           Object.values(schema.traces).some(t => t.layoutAttributes && walk(t.layoutAttributes, rest));
    else if (head === 'config') ok = walk(schema.config, rest);
    else if (head === 'frames[]') ok = walk(schema.frames.items.frames_entry, rest);
    else ok = !!schema.traces[head] && walk(schema.traces[head].attributes, rest);
    if (!ok) missing.push(path);
  }
  return missing;
}
""";
}
