using Microsoft.Playwright;

namespace DeepPrep.Charts.Tests;

/// <summary>
/// Headless Debian Chromium (/usr/bin/chromium) driven by Playwright, and plotly.js from node_modules.
/// No browser is downloaded: Playwright only drives the system browser. Pages are served from memory under
/// a made-up origin (https://deepprep.test), and every other request is refused, so the tests never use
/// the network; "the CDN" is simulated by answering https://cdn.plot.ly/ with the local plotly.js, or refused.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Origin = "https://deepprep.test";

    public static string ChromiumPath => Environment.GetEnvironmentVariable("DEEPPREP_CHROMIUM") ?? "/usr/bin/chromium";

    public static string PlotlyPath => Path.Combine(GalleryWriter.RepoRoot(), "node_modules", "plotly.js-dist-min", "plotly.min.js");

    /// <summary>Why the browser tests cannot run here, or null when they can.</summary>
    public static string? Missing =>
        !File.Exists(ChromiumPath) ? $"no Chromium at {ChromiumPath}" :
        !File.Exists(PlotlyPath) ? $"no plotly.js at {PlotlyPath} (run npm ci)" : null;

    private IPlaywright? playwright;
    public IBrowser Browser { get; private set; } = null!;
    public byte[] Plotly { get; private set; } = [];

    public async Task InitializeAsync()
    {
        // Nothing to start without a browser: BrowserFact skips the tests, or (CI=true) each test fails in Require().
        if (Missing is not null) return;
        Plotly = await File.ReadAllBytesAsync(PlotlyPath);
        playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
    }

    /// <summary>Fails the test, saying what is missing, when the browser could not be started.</summary>
    public void Require()
    {
        if (Missing is string why)
            throw new InvalidOperationException($"Browser tests cannot run: {why}. Run .ci/install-test-deps (apt chromium, npm ci).");
    }

    /// <summary>How "the CDN" behaves in a test.</summary>
    public enum Cdn { Serves, Refuses }

    /// <summary>A page showing <paramref name="body"/>, with console errors and uncaught exceptions collected.</summary>
    public async Task<TestPage> OpenAsync(string body, Cdn cdn, string? head = null, bool offline = false, bool javaScript = true)
    {
        Require();
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = javaScript, ViewportSize = new() { Width = 1100, Height = 900 } });
        var page = await context.NewPageAsync();
        var result = new TestPage(context, page);
        page.Console += (_, message) => { if (message.Type == "error") result.ConsoleErrors.Add(message.Text); };
        page.PageError += (_, error) => result.PageErrors.Add(error);

        string html = $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\">{head}</head><body style=\"margin:8px\">{body}</body></html>";

        // Routes run newest first: the catch-all refusal is registered first so the specific ones win.
        await context.RouteAsync("**/*", route => { result.Refused.Add(route.Request.Url); return route.AbortAsync(); });
        await context.RouteAsync("https://cdn.plot.ly/**", async route =>
        {
            result.PlotlyRequests.Add(route.Request.Url);
            if (cdn == Cdn.Serves) await route.FulfillAsync(new() { Status = 200, ContentType = "text/javascript", BodyBytes = Plotly });
            else await route.AbortAsync();
        });
        await context.RouteAsync(Origin + "/**", async route =>
        {
            var path = new Uri(route.Request.Url).AbsolutePath;
            if (path == "/plotly.min.js")
            {
                result.PlotlyRequests.Add(route.Request.Url);
                await route.FulfillAsync(new() { Status = 200, ContentType = "text/javascript", BodyBytes = Plotly });
            }
            else if (path == "/index.html")
                await route.FulfillAsync(new() { Status = 200, ContentType = "text/html; charset=utf-8", Body = html });
            else await route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = "<!DOCTYPE html><title>blank</title>" });
        });
        if (offline)
        {
            // Load a blank page from the origin, go offline, then write the figures in (their scripts run as on load).
            await page.GotoAsync(Origin + "/blank");
            await context.SetOfflineAsync(true);
            await page.SetContentAsync(html);
        }
        else await page.GotoAsync(Origin + "/index.html");
        return result;
    }
}

public sealed class TestPage(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;
    public List<string> ConsoleErrors { get; } = [];
    public List<string> PageErrors { get; } = [];
    public List<string> PlotlyRequests { get; } = [];
    public List<string> Refused { get; } = [];

    /// <summary>Waits until every figure has decided: "interactive" or "static".</summary>
    public Task SettledAsync(float timeoutMs = 30000) => Page.WaitForFunctionAsync(
        "() => [...document.querySelectorAll('.deepprep-figure')].every(f => ['interactive', 'static'].includes(f.getAttribute('data-dp-state')))",
        null, new() { Timeout = timeoutMs });

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}

/// <summary>
/// A test that needs the browser: skipped, with the reason, where Chromium or plotly.js is missing, except
/// under CI=true, where it runs (and fails, saying what is missing) so CI can never pass without it.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (BrowserFixture.Missing is string why && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = $"Browser test skipped: {why}. Install with .ci/install-test-deps; under CI=true it must run.";
    }
}
