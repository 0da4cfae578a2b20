using System.Text.Json;
using DeepPrep.Charts.Rendering;
using static DeepPrep.Charts.Tests.BrowserFixture;

namespace DeepPrep.Charts.Tests;

/// <summary>
/// The layout as a browser draws it: text boxes measured in headless Chromium (getBoundingClientRect, in
/// pixels from the chart's top-left corner), in the static SVG and in the plotly chart that replaces it.
/// Nothing overlaps, nothing leaves the figure, and the two renderings show the same titles and tick labels
/// in the same places.
/// </summary>
public class LayoutBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>
    /// A piece of text (or the mode bar) as drawn: its kind, its text, and the four corners of its box as the
    /// browser draws it (rotated with the text), with the axis-aligned bounds of those corners.
    /// </summary>
    public sealed record TextBox(string Kind, string Text, (double X, double Y)[] Corners)
    {
        public double Left => Corners.Min(c => c.X);
        public double Right => Corners.Max(c => c.X);
        public double Top => Corners.Min(c => c.Y);
        public double Bottom => Corners.Max(c => c.Y);
        public double CenterX => Corners.Average(c => c.X);
        public double CenterY => Corners.Average(c => c.Y);

        /// <summary>
        /// True when the two (possibly rotated) boxes share more than <paramref name="slack"/> pixels: by the
        /// separating-axis test, two convex quadrilaterals are apart iff their projections onto one of the
        /// edge normals are apart.
        /// </summary>
        public bool Overlaps(TextBox o, double slack = 0.5)
        {
            foreach (var box in new[] { Corners, o.Corners })
                for (int i = 0; i < 4; i++)
                {
                    var (ax, ay) = (box[(i + 1) % 4].X - box[i].X, box[(i + 1) % 4].Y - box[i].Y);
                    double length = Math.Sqrt(ax * ax + ay * ay);
                    if (length < 1e-9) continue;
                    var (nx, ny) = (-ay / length, ax / length);
                    var p = Corners.Select(c => c.X * nx + c.Y * ny).ToList();
                    var q = o.Corners.Select(c => c.X * nx + c.Y * ny).ToList();
                    if (Math.Min(p.Max(), q.Max()) - Math.Max(p.Min(), q.Min()) <= slack) return false;
                }
            return true;
        }

        public override string ToString() => $"{Kind} \"{Text}\" [{Left:F1}, {Top:F1}]–[{Right:F1}, {Bottom:F1}]";
    }

    /// <summary>
    /// Every text of the first figure on the page, classified the same way for both renderings: title, panel-title,
    /// axis-title x/y, tick-label x/y, caption (caption and warning lines), legend, label (notes, reference-line labels),
    /// and the plotly mode bar. Boxes are relative to the figure's top-left corner.
    /// </summary>
    internal const string MeasureScript = """
index => {
  const fig = document.querySelectorAll('.deepprep-figure')[index];
  const out = [];
  // SVG text: its bounding box (in its own, possibly rotated, coordinates) mapped to the screen corner by corner.
  const add = (kind, el) => {
    let corners;
    if (el instanceof SVGGraphicsElement) {
      const b = el.getBBox(), m = el.getScreenCTM();
      if (b.width === 0 && b.height === 0) return;
      corners = [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height], [b.x, b.y + b.height]]
        .map(([x, y]) => new DOMPoint(x, y).matrixTransform(m)).map(p => [p.x - origin.left, p.y - origin.top]);
    } else {
      const r = el.getBoundingClientRect();
      corners = [[r.left, r.top], [r.right, r.top], [r.right, r.bottom], [r.left, r.bottom]].map(([x, y]) => [x - origin.left, y - origin.top]);
    }
    out.push({ kind, text: el.textContent, corners });
  };
  let origin;
  const plot = fig.querySelector('.dp-plotly');
  if (plot) {
    origin = plot.querySelector('.main-svg').getBoundingClientRect();
    plot.querySelectorAll('.gtitle').forEach(e => add('title', e));
    plot.querySelectorAll('.infolayer text').forEach(e => {
      const c = e.getAttribute('class') || '';
      if (/^x\d*title$/.test(c)) add('axis-title x', e);
      else if (/^y\d*title$/.test(c)) add('axis-title y', e);
    });
    plot.querySelectorAll('.xaxislayer-above text').forEach(e => add('tick-label x', e));
    plot.querySelectorAll('.yaxislayer-above text').forEach(e => add('tick-label y', e));
    plot.querySelectorAll('.legendtext').forEach(e => add('legend', e));
    plot.querySelectorAll('.annotation').forEach(a => {
      const t = a.querySelector('.annotation-text');
      // Panel titles are the bold annotations; captions, notes and reference-line labels the others.
      add(t.querySelector('tspan[style*="bold"]') !== null ? 'panel-title' : 'annotation', t);
    });
    const bar = plot.querySelector('.modebar');
    if (bar) add('modebar', bar);
  } else {
    const svg = [...fig.querySelectorAll('.dp-static svg')].find(s => !s.closest('[hidden]') && getComputedStyle(s.closest('.dp-frame') || s).visibility !== 'hidden');
    origin = svg.getBoundingClientRect();
    const kinds = { 'title': 'title', 'panel-title': 'panel-title', 'axis-title x': 'axis-title x', 'axis-title y': 'axis-title y',
      'tick-label x': 'tick-label x', 'tick-label y': 'tick-label y', 'caption': 'annotation', 'warning': 'annotation',
      'legend-label': 'legend', 'note': 'annotation', 'reference-label': 'annotation', 'colorbar-title': 'colorbar', 'tick-label cbar': 'colorbar' };
    svg.querySelectorAll('text').forEach(e => { const k = kinds[e.getAttribute('class')]; if (k) add(k, e); });
  }
  return { width: origin.width, height: origin.height, boxes: out };
}
""";

    internal sealed record Drawing(double Width, double Height, List<TextBox> Boxes)
    {
        public IEnumerable<TextBox> Of(string kind) => Boxes.Where(b => b.Kind == kind);
    }

    private static Task<Drawing> MeasureAsync(TestPage page, int figure = 0) => MeasureAsync(page.Page, figure);

    internal static async Task<Drawing> MeasureAsync(Microsoft.Playwright.IPage page, int figure = 0)
    {
        var json = await page.EvaluateAsync<JsonElement>(MeasureScript, figure);
        var boxes = json.GetProperty("boxes").EnumerateArray().Select(b => new TextBox(
            b.GetProperty("kind").GetString()!, b.GetProperty("text").GetString()!,
            b.GetProperty("corners").EnumerateArray().Select(c => (c[0].GetDouble(), c[1].GetDouble())).ToArray())).ToList();
        return new Drawing(json.GetProperty("width").GetDouble(), json.GetProperty("height").GetDouble(), boxes);
    }

    /// <summary>The figures drawn statically (plotly disabled) and interactively (plotly from the simulated CDN), one page each.</summary>
    private async Task<List<(Drawing Static, Drawing Interactive)>> DrawBothAsync(params Figure[] figures)
    {
        string body = string.Concat(figures.Select(f => $"<div style=\"margin:8px\">{f.ToHtml()}</div>"));
        var still = new List<Drawing>();
        var live = new List<Drawing>();
        await using (var page = await browser.OpenAsync(body, Cdn.Serves, head: "<script>window.DeepPrepPlotlySrc = \"\";</script>"))
        {
            await page.SettledAsync();
            for (int i = 0; i < figures.Length; i++) still.Add(await MeasureAsync(page, i));
        }
        await using (var page = await browser.OpenAsync(body, Cdn.Serves))
        {
            await page.SettledAsync();
            for (int i = 0; i < figures.Length; i++) live.Add(await MeasureAsync(page, i));
        }
        return still.Zip(live).ToList();
    }

    private async Task<(Drawing Static, Drawing Interactive)> DrawBothAsync(Figure figure) => (await DrawBothAsync([figure]))[0];

    /// <summary>Pairs of boxes of different kinds that overlap, and boxes outside the figure (1 px tolerance).</summary>
    internal static List<string> Problems(string where, Drawing d)
    {
        var problems = new List<string>();
        var text = d.Boxes.Where(b => b.Kind != "modebar").ToList();
        for (int i = 0; i < text.Count; i++)
        {
            var a = text[i];
            if (a.Left < -1 || a.Top < -1 || a.Right > d.Width + 1 || a.Bottom > d.Height + 1)
                problems.Add($"{where}: outside the {d.Width}×{d.Height} figure: {a}");
            // Labels of one kind are spaced by the tick and legend layout; rotated neighbours' boxes always overlap.
            for (int j = i + 1; j < text.Count; j++)
                if (text[j].Kind != a.Kind && a.Overlaps(text[j])) problems.Add($"{where}: {a} overlaps {text[j]}");
        }
        foreach (var bar in d.Of("modebar"))
            foreach (var title in d.Of("title").Where(t => t.Overlaps(bar))) problems.Add($"{where}: {title} is under the mode bar {bar}");
        return problems;
    }

    [BrowserFact]
    public async Task No_text_overlaps_other_text_or_leaves_the_figure_in_either_rendering()
    {
        var problems = new List<string>();
        var names = SampleFigures.All.Keys.ToList();
        var drawings = await DrawBothAsync([.. SampleFigures.All.Values.Select(make => make())]);
        for (int i = 0; i < names.Count; i++)
        {
            problems.AddRange(Problems($"{names[i]} (svg)", drawings[i].Static));
            problems.AddRange(Problems($"{names[i]} (plotly)", drawings[i].Interactive));
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [BrowserFact]
    public async Task Rotated_category_names_sit_between_the_axis_and_the_axis_title_in_both_renderings()
    {
        // Notebook 11's bar chart at the default width: the names do not fit side by side and are rotated.
        var figure = SampleFigures.CrowdedBars();
        var geometry = LayoutEngine.Compute(figure);
        var panel = geometry.Panels[0];
        Assert.Equal(CategoryLabels.RotatedAngle, panel.XTickAngle);
        var svgLabels = panel.X.Ticks.Select(t => t.Label).ToList();

        var (still, live) = await DrawBothAsync(figure);
        foreach (var (where, d) in new[] { ("svg", still), ("plotly", live) })
        {
            var labels = d.Of("tick-label x").ToList();
            Assert.Equal(svgLabels, labels.Select(l => l.Text).ToList());
            var title = d.Of("axis-title x").Single();
            var caption = d.Of("annotation").Where(b => b.Text.StartsWith("eta")).Single();
            foreach (var label in labels)
            {
                // Below the axis line and its tick marks, above the axis title, inside the figure on the left.
                Assert.True(label.Top >= panel.Box.Bottom + 4 - 1, $"{where}: {label} reaches above the axis at {panel.Box.Bottom}");
                Assert.True(label.Bottom <= title.Top + 0.5, $"{where}: {label} runs into the axis title {title}");
                Assert.True(label.Left >= 0, $"{where}: {label} leaves the figure");
                // Rotated: as tall as it is wide, give or take a line of text.
                Assert.InRange(label.Bottom - label.Top, (label.Right - label.Left) - 16, (label.Right - label.Left) + 16);
            }
            Assert.True(title.Bottom <= caption.Top + 0.5, $"{where}: axis title {title} runs into the caption {caption}");
        }
        // The two renderings put each name in the same place (within 3 px).
        var a = still.Of("tick-label x").ToList();
        var b = live.Of("tick-label x").ToList();
        var offsets = a.Zip(b, (s, p) => (X: p.CenterX - s.CenterX, Y: p.CenterY - s.CenterY)).ToList();
        Assert.True(offsets.All(o => Math.Abs(o.X) <= 2 && Math.Abs(o.Y) <= 2),
            "plotly − svg label centres: " + string.Join(", ", offsets.Select(o => $"({o.X:F1}, {o.Y:F1})")));
    }

    [BrowserFact]
    public async Task A_long_title_wraps_beside_the_mode_bar_and_lands_where_the_svg_put_it()
    {
        var figure = SampleFigures.LongTitleDashed();
        var drawings = await DrawBothAsync(figure, SampleFigures.LearningCurves());
        var (still, live) = drawings[0];
        var bar = live.Of("modebar").Single();
        // The mode bar is where TitleLayout assumes it is (it depends on the buttons PlotlyWriter leaves).
        Assert.True(bar.Left >= figure.Layout.Width - TitleLayout.ModeBarWidth, $"mode bar {bar} starts left of {figure.Layout.Width - TitleLayout.ModeBarWidth}");
        Assert.True(bar.Bottom < 30, $"mode bar {bar} is not at the top");

        var lines = LayoutEngine.Compute(figure).TitleLines(figure.Layout.Title!);
        Assert.True(lines.Count >= 2, "the sample's title should need two lines");
        var svgTitle = still.Of("title").Single();
        var plotlyTitle = live.Of("title").Single();
        foreach (var t in new[] { svgTitle, plotlyTitle })
        {
            Assert.True(t.Left >= 0 && t.Right <= bar.Left, $"title {t} runs into the mode bar {bar} or off the left edge");
            Assert.True(t.Bottom <= live.Of("tick-label y").Min(b => b.Top), $"title {t} runs into the plot");
        }
        // The same lines in the same place, for this two-line title and a one-line one: centre, top and bottom within 2 px.
        foreach (var (svg, plotly) in drawings.Select(d => (d.Static.Of("title").Single(), d.Interactive.Of("title").Single())))
        {
            string message = $"svg {svg} vs plotly {plotly}";
            Assert.True(Math.Abs(plotly.CenterX - svg.CenterX) <= 2, message);
            Assert.True(Math.Abs(plotly.Top - svg.Top) <= 2, message);
            Assert.True(Math.Abs(plotly.Bottom - svg.Bottom) <= 2, message);
        }
    }

    [BrowserFact]
    public async Task Log_axis_tick_labels_are_the_same_in_both_renderings()
    {
        // Linear-looking 1-2-5 labels ("0.02", "0.05", "0.2", "0.5") on a log y axis, powers of ten on another,
        // every other decade in a crowded grid.
        Figure[] figures = [SampleFigures.LongTitleDashed(), SampleFigures.LearningRateUCurve(), SampleFigures.GradientGrid(), SampleFigures.LearningCurves()];
        var drawings = await DrawBothAsync(figures);
        foreach (var (figure, (still, live)) in figures.Zip(drawings))
        {
            foreach (var kind in new[] { "tick-label x", "tick-label y" })
            {
                if (!figure.Subplots.Any(s => (kind.EndsWith('x') ? s.X : s.Y).Log)) continue;
                var a = still.Of(kind).OrderBy(b => b.Left).ThenBy(b => b.Top).ToList();
                var b = live.Of(kind).OrderBy(b => b.Left).ThenBy(b => b.Top).ToList();
                Assert.Equal(a.Select(x => x.Text), b.Select(x => x.Text));
                for (int i = 0; i < a.Count; i++)
                {
                    Assert.InRange(b[i].CenterX, a[i].CenterX - 2, a[i].CenterX + 2);
                    Assert.InRange(b[i].CenterY, a[i].CenterY - 2, a[i].CenterY + 2);
                }
            }
        }
    }

    [BrowserFact]
    public async Task Bold_factor_matches_the_browser()
    {
        // Bold over regular width of the same text in the SVG font stack at the title size, as Chromium draws it.
        string[] titles = ["Test MSE after 300 steps (no bar = diverged to NaN/inf)", "Global gradient norm per step, tanh RNN, ρ = 2",
            "Learning curves", "Gradient magnitude per layer at initialisation", "XOR: decision regions of a 2-8-2 tanh MLP"];
        await using var page = await browser.OpenAsync($"<svg width=\"2000\" height=\"100\" font-family=\"{TextMetrics.FontFamily.Replace("\"", "&quot;")}\"></svg>", Cdn.Refuses);
        var ratios = await page.Page.EvaluateAsync<double[]>("""
            ([titles, size]) => {
              const svg = document.querySelector('svg');
              const width = (text, weight) => {
                const t = document.createElementNS('http://www.w3.org/2000/svg', 'text');
                t.setAttribute('y', '50'); t.setAttribute('font-size', size); t.setAttribute('font-weight', weight);
                t.textContent = text; svg.appendChild(t);
                const w = t.getBBox().width; t.remove(); return w;
              };
              return titles.map(t => width(t, 'bold') / width(t, 'normal'));
            }
            """, new object[] { titles, LayoutEngine.TitleSize });
        // Our factor is the upper end of what the browser measures (a title never needs more room than we give it),
        // and not far above the average (or short titles would be pushed off-centre for nothing).
        Assert.True(ratios.Max() <= TextMetrics.BoldFactor + 0.005, $"bold/regular up to {ratios.Max():F4} > factor {TextMetrics.BoldFactor}");
        Assert.True(ratios.Average() >= TextMetrics.BoldFactor - 0.02, $"bold/regular average {ratios.Average():F4} far below factor {TextMetrics.BoldFactor}");
    }

    [BrowserFact]
    public async Task Sweep_over_a_grid_changes_the_panel_titles_with_the_slider_in_plotly_and_without_scripts()
    {
        var sweep = SampleFigures.SweepOverGrid();
        string[] Expected(int f) => [.. sweep.Frames[f].PanelTitles.Select(t => t!)];
        Assert.Equal(["flat, η = 1.9", "curved, η = 1.9"], Expected(2));

        await using (var page = await browser.OpenAsync(sweep.ToHtml(), Cdn.Serves))
        {
            await page.SettledAsync();
            Assert.Equal(Expected(0), (await MeasureAsync(page)).Of("panel-title").Select(b => b.Text));
            await page.Page.EvaluateAsync("() => Plotly.animate(document.querySelector('.dp-plotly'), ['frame2'], { mode: 'immediate', frame: { duration: 0, redraw: true }, transition: { duration: 0 } })");
            var after = await MeasureAsync(page);
            Assert.Equal(Expected(2), after.Of("panel-title").Select(b => b.Text));
            Assert.Equal(sweep.Frames[2].Title, after.Of("title").Single().Text);
            // The caption is still there, once.
            Assert.Empty(Problems("frame 2 (plotly)", after));
        }
        await using (var page = await browser.OpenAsync(sweep.ToHtml(), Cdn.Serves, javaScript: false))
        {
            await page.Page.Locator(".dp-steps label").Nth(2).ClickAsync();
            var visible = await page.Page.EvaluateAsync<string[]>(
                "() => [...document.querySelectorAll('.dp-frame')].filter(f => getComputedStyle(f).visibility === 'visible').flatMap(f => [...f.querySelectorAll('.panel-title')].map(t => t.textContent))");
            Assert.Equal(Expected(2), visible);
        }
    }

    [BrowserFact]
    public async Task Three_panel_grid_fits_the_site_column_without_scrolling_or_shrinking()
    {
        // The notebook page as the site writes it (SiteWriter: main > section.cell.code > div.outputs > div.output),
        // with the site's own style sheet, in a window wider than the column.
        var css = await File.ReadAllTextAsync(Path.Combine(GalleryWriter.RepoRoot(), "lib", "DeepPrep.Notebooks", "Site", "Assets", "site.css"));
        var grid = SampleFigures.ThreePanels();
        Assert.Equal(FigureLayout.ColumnWidth, grid.Layout.Width);
        string body = $"<main class=\"notebook\"><section class=\"cell code\"><div class=\"outputs\"><div class=\"output display result\">{grid.ToHtml()}</div></div></section></main>";
        foreach (bool interactive in new[] { false, true })
        {
            await using var page = await browser.OpenAsync(body, Cdn.Serves, head: $"<style>{css}</style>" + (interactive ? "" : "<script>window.DeepPrepPlotlySrc = \"\";</script>"));
            await page.SettledAsync();
            var sizes = await page.Page.EvaluateAsync<double[]>("""
                () => { const outputs = document.querySelector('.outputs');
                        const cs = getComputedStyle(outputs);
                        const column = outputs.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
                        const chart = document.querySelector('.dp-plotly .main-svg') || document.querySelector('.dp-static svg');
                        return [column, chart.getBoundingClientRect().width, outputs.scrollWidth - outputs.clientWidth]; }
                """);
            var (column, drawn, overflow) = (sizes[0], sizes[1], sizes[2]);
            Assert.True(FigureLayout.ColumnWidth <= column, $"the site's output column is {column} px, narrower than ColumnWidth {FigureLayout.ColumnWidth}");
            // Notebooks 11, 18 and 22 ask for .Size(900, …): the column must hold that too.
            Assert.True(column >= 900, $"the site's output column is {column} px, narrower than the 900 px figures notebooks use");
            Assert.Equal(grid.Layout.Width, drawn, 0.5);   // drawn at full size, not scaled down
            Assert.True(overflow <= 0, $"{(interactive ? "plotly" : "svg")}: the output scrolls sideways by {overflow} px");
        }
    }
}
