using DeepPrep.Notebooks.Running;
using DeepPrep.Notebooks.Site;
using Microsoft.Playwright;

namespace DeepPrep.Notebooks.Tests;

/// <summary>
/// The site in a real browser: headless Chromium (Debian's, driven by Playwright) opens the index and every
/// notebook page from the file system, with no network. Every chart must draw and nothing may log an error.
/// Skipped outside CI when Chromium is not installed; under CI=true it always runs.
/// </summary>
public class SiteBrowserTests
{
    [BrowserFact]
    public async Task Index_and_notebook_pages_render_with_charts_and_no_console_errors()
    {
        Assert.True(BrowserFactAttribute.Chromium != null, "Chromium is missing: run `sudo bash .ci/install-test-deps`.");
        await TestRepository.PrepareAsync();
        Assert.True(File.Exists(TestRepository.Repo.PlotlyJs), "plotly.js is missing: run `npm ci`.");

        // The committed notebooks, plus a fixture whose chart upgrades itself to plotly.js.
        var results = new List<NotebookResult>();
        foreach (var name in NotebookTests.CommittedNotebooks()) results.Add(await NotebookTests.Executed.RunAsync(name));
        var chart = await new NotebookRunner().RunAsync(TestRepository.Fixture("chart.ipynb"));
        Assert.True(chart.Passed, string.Join("\n", chart.Failures));
        results.Add(chart);

        using var site = new TempFolder();
        var index = new SiteWriter(site.Path, null).Write(results, SiteAssets.From(TestRepository.Repo), DateTimeOffset.UtcNow);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = BrowserFactAttribute.Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu"],
        });

        var indexPage = await OpenAsync(browser, index);
        var links = await indexPage.Page.Locator(".notebook-entry .entry-title").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href'))");
        Assert.Equal(results.Select(SiteWriter.PageName), links);
        // The question table lists every question ID of every notebook, letter first, then by number (E1 … F6 … S27).
        var expectedIds = results.SelectMany(r => r.Info.Questions).Where(q => q.Id != null).Select(q => q.Id!)
            .OrderBy(id => id[0]).ThenBy(id => int.Parse(id[1..])).ToArray();
        Assert.NotEmpty(expectedIds);
        Assert.Equal(expectedIds, await indexPage.Page.Locator(".question-table .qid").AllTextContentsAsync());
        indexPage.AssertNoErrors();

        foreach (var result in results)
        {
            var page = await OpenAsync(browser, Path.Combine(site.Path, SiteWriter.PageName(result)));
            var claims = await page.Page.Locator("[data-claim]").CountAsync();
            Assert.Equal(result.Claims.Count, claims);
            await AssertChartsDrawnAsync(page.Page, result.FileName);
            page.AssertNoErrors();
        }

        // The fixture's chart really became a plotly.js chart, from the local copy of plotly.js.
        var chartPage = await OpenAsync(browser, Path.Combine(site.Path, SiteWriter.PageName(chart)));
        Assert.True(await chartPage.Page.EvaluateAsync<bool>("() => typeof window.Plotly === 'object'"), "plotly.js did not load");
        Assert.Equal(1, await chartPage.Page.Locator("[data-deepprep-chart].js-plotly-plot .main-svg").First.CountAsync());
        // Its markdown formula was typeset by the local copy of KaTeX.
        Assert.Equal(1, await chartPage.Page.Locator(".markdown .math .katex").CountAsync());
        chartPage.AssertNoErrors();
    }

    /// <summary>
    /// Every chart has drawn: each SVG in an output has a size, each plotly chart has its plot layer, and each
    /// element marked data-deepprep-chart contains a drawn SVG.
    /// </summary>
    private static async Task AssertChartsDrawnAsync(IPage page, string name)
    {
        var problems = await page.EvaluateAsync<string[]>("""
            () => {
              const problems = [];
              const sized = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
              document.querySelectorAll('.output svg').forEach((svg, i) => { if (!sized(svg)) problems.push('svg #' + i + ' has no size'); });
              document.querySelectorAll('.js-plotly-plot').forEach((plot, i) => {
                if (!plot.querySelector('.main-svg') || !sized(plot.querySelector('.main-svg'))) problems.push('plotly chart #' + i + ' did not draw');
              });
              document.querySelectorAll('[data-deepprep-chart]').forEach((chart, i) => {
                const svg = chart.querySelector('svg');
                if (!svg || !sized(svg)) problems.push('chart #' + i + ' has no drawn svg');
              });
              return problems;
            }
            """);
        Assert.True(problems.Length == 0, $"{name}: " + string.Join("; ", problems));
    }

    private sealed record OpenedPage(IPage Page, List<string> Errors)
    {
        public void AssertNoErrors() => Assert.True(Errors.Count == 0, $"{Page.Url}:\n" + string.Join("\n", Errors));
    }

    private static async Task<OpenedPage> OpenAsync(IBrowser browser, string file)
    {
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add("console: " + message.Text); };
        page.PageError += (_, error) => errors.Add("page error: " + error);
        page.RequestFailed += (_, request) => errors.Add($"request failed: {request.Url} ({request.Failure})");
        var response = await page.GotoAsync(new Uri(file).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });
        Assert.NotNull(response);
        return new OpenedPage(page, errors);
    }
}

/// <summary>A fact that needs Chromium: skipped outside CI when it is not installed, never skipped under CI=true.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public static string? Chromium { get; } = new[] { Environment.GetEnvironmentVariable("CHROMIUM_PATH"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }
        .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));

    public BrowserFactAttribute()
    {
        if (Chromium == null && !TestRepository.IsCI) Skip = "Chromium is not installed (sudo bash .ci/install-test-deps)";
    }
}
