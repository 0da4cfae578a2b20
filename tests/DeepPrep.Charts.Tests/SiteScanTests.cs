namespace DeepPrep.Charts.Tests;

/// <summary>
/// Every chart of a built notebook site (the runner's artifacts/site), in both renderings, through the same
/// checks as the samples in <see cref="LayoutBrowserTests"/>: no text over other text or the mode bar, none
/// outside the figure. Runs only when asked, because it needs the site built first (~5 min):
/// <c>DEEPPREP_SCAN_SITE=artifacts/site dotnet test tests/DeepPrep.Charts.Tests --filter SiteScan</c>.
/// </summary>
public class SiteScanTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static string? SiteFolder => Environment.GetEnvironmentVariable("DEEPPREP_SCAN_SITE");

    public sealed class SiteFactAttribute : FactAttribute
    {
        public SiteFactAttribute()
        {
            if (SiteFolder is null) Skip = "Set DEEPPREP_SCAN_SITE to a built site folder (artifacts/site) to scan its charts.";
            else if (BrowserFixture.Missing is string why) Skip = $"Site scan needs the browser: {why}.";
        }
    }

    [SiteFact]
    public async Task Every_chart_on_the_site_is_free_of_overlaps_in_both_renderings()
    {
        var folder = Path.GetFullPath(SiteFolder!, GalleryWriter.RepoRoot());   // relative to the repository
        var files = Directory.GetFiles(folder, "*.html").Order().ToList();
        Assert.NotEmpty(files);
        var problems = new List<string>();
        int charts = 0;
        foreach (var file in files)
            foreach (bool live in new[] { false, true })
            {
                var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1200, Height = 900 } });
                var page = await context.NewPageAsync();
                // Static: the page's own settings cannot switch plotly back on.
                if (!live)
                    await page.AddInitScriptAsync("Object.defineProperty(window, 'DeepPrepPlotlySrc', { value: '', writable: false }); Object.defineProperty(window, 'Plotly', { value: undefined, writable: false });");
                await page.GotoAsync(new Uri(file).AbsoluteUri);
                await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.deepprep-figure')].every(f => ['interactive', 'static'].includes(f.getAttribute('data-dp-state')))",
                    null, new() { Timeout = 60000 });
                int n = await page.EvaluateAsync<int>("() => document.querySelectorAll('.deepprep-figure').length");
                for (int i = 0; i < n; i++)
                    problems.AddRange(LayoutBrowserTests.Problems($"{Path.GetFileName(file)} chart {i + 1} ({(live ? "plotly" : "svg")})",
                        await LayoutBrowserTests.MeasureAsync(page, i)));
                charts += live ? n : 0;
                await context.CloseAsync();
            }
        Assert.True(problems.Count == 0, $"{problems.Count} problems in {charts} charts:\n" + string.Join("\n", problems));
    }
}
