using System.Globalization;
using System.Text;
using DeepPrep.Notebooks.Format;
using DeepPrep.Notebooks.Running;
using Markdig;

namespace DeepPrep.Notebooks.Site;

/// <summary>
/// Writes the static site: index.html (every notebook, the interview questions it answers, its claims)
/// and one page per notebook (markdown rendered, code coloured, outputs as run, charts live). Everything
/// is relative and local, so the folder works opened straight from the file system, offline.
/// </summary>
internal sealed class SiteWriter
{
    public const string PlotlyFile = "assets/plotly.min.js";
    public const string KatexFolder = "assets/katex";

    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder()
        .UseAdvancedExtensions()   // tables, footnotes, task lists, auto-identifiers, math spans
        .Build();

    private readonly string siteDirectory;
    private readonly string? notebooksDirectory;
    private bool hasPlotly, hasKatex;
    private DateTimeOffset runAt;

    /// <param name="siteDirectory">artifacts/site</param>
    /// <param name="notebooksDirectory">Where the executed .ipynb files were written (linked from each page), if anywhere.</param>
    public SiteWriter(string siteDirectory, string? notebooksDirectory)
    {
        this.siteDirectory = siteDirectory;
        this.notebooksDirectory = notebooksDirectory;
    }

    /// <summary>Writes assets, one page per notebook and the index. Returns the index's path.</summary>
    public string Write(IReadOnlyList<NotebookResult> results, SiteAssets assets, DateTimeOffset runAt)
    {
        this.runAt = runAt;
        var assetsDirectory = Path.Combine(siteDirectory, "assets");
        Directory.CreateDirectory(assetsDirectory);
        File.WriteAllText(Path.Combine(assetsDirectory, "site.css"), ReadAsset("site.css"));
        hasPlotly = assets.PlotlyJs != null && File.Exists(assets.PlotlyJs);
        if (hasPlotly) File.Copy(assets.PlotlyJs!, Path.Combine(siteDirectory, PlotlyFile), overwrite: true);
        hasKatex = assets.KatexDist != null && File.Exists(Path.Combine(assets.KatexDist, "katex.min.js"));
        if (hasKatex) CopyKatex(assets.KatexDist!, Path.Combine(siteDirectory, KatexFolder));

        foreach (var result in results)
            File.WriteAllText(Path.Combine(siteDirectory, PageName(result)), NotebookPage(result));
        var index = Path.Combine(siteDirectory, "index.html");
        File.WriteAllText(index, IndexPage(results));
        return index;
    }

    public static string PageName(NotebookResult result) => result.Stem + ".html";

    private static void CopyKatex(string dist, string target)
    {
        Directory.CreateDirectory(Path.Combine(target, "fonts"));
        foreach (var file in new[] { "katex.min.js", "katex.min.css" })
            File.Copy(Path.Combine(dist, file), Path.Combine(target, file), overwrite: true);
        foreach (var font in Directory.EnumerateFiles(Path.Combine(dist, "fonts"), "*.woff2"))
            File.Copy(font, Path.Combine(target, "fonts", Path.GetFileName(font)), overwrite: true);
    }

    private static string ReadAsset(string name)
    {
        using var stream = typeof(SiteWriter).Assembly.GetManifestResourceStream($"DeepPrep.Notebooks.Site.{name}")
            ?? throw new InvalidOperationException($"The runner was built without its asset {name}.");
        return new StreamReader(stream).ReadToEnd();
    }

    // ---------- index ----------

    private string IndexPage(IReadOnlyList<NotebookResult> results)
    {
        int passed = results.Count(r => r.Passed);
        int held = results.Sum(r => r.ClaimsHeld), wrong = results.Sum(r => r.ClaimsFalse);
        var total = TimeSpan.FromTicks(results.Sum(r => r.Elapsed.Ticks));
        var body = new StringBuilder();
        body.Append("<header class=\"site-header\"><a class=\"brand\" href=\"index.html\">DeepPrep</a></header>\n<main class=\"index\">\n");
        body.Append("<h1>Deep learning interview prep: the notebooks</h1>\n");
        body.Append("<p class=\"lede\">Each notebook answers interview questions with an experiment you can run, and checks what it claims: ")
            .Append("<span class=\"pass\">✓</span> the claim held on this run, <span class=\"fail\">✗</span> it did not.</p>\n");
        body.Append($"<p class=\"run-line {(passed == results.Count ? "passed" : "failed")}\">")
            .Append($"{results.Count} notebook{Plural(results.Count)}: {passed} passed")
            .Append(passed < results.Count ? $", <strong>{results.Count - passed} failed</strong>" : "")
            .Append($" · {held + wrong} claim{Plural(held + wrong)}: {held} held")
            .Append(wrong > 0 ? $", <strong>{wrong} false</strong>" : "")
            .Append($" · run {runAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC in {Html.Duration(total)}</p>\n");

        body.Append("<ol class=\"notebook-list\">\n");
        foreach (var r in results) body.Append(IndexEntry(r));
        body.Append("</ol>\n");

        var byId = results.SelectMany(r => r.Info.Questions.Where(q => q.Id != null).Select(q => (Question: q, Result: r)))
            .OrderBy(x => x.Question.Id![0]).ThenBy(x => int.Parse(x.Question.Id![1..], CultureInfo.InvariantCulture)).ToList();
        if (byId.Count > 0)
        {
            body.Append("<h2 id=\"questions\">Find a question</h2>\n<table class=\"question-table\"><thead><tr><th>ID</th><th>Question</th><th>Notebook</th></tr></thead><tbody>\n");
            foreach (var (q, r) in byId)
                body.Append($"<tr><td><span class=\"qid\">{Html.Encode(q.Id)}</span></td><td>{Inline(QuestionText(q))}</td><td><a href=\"{Html.Encode(PageName(r))}\">{Html.Encode(r.Info.Title)}</a></td></tr>\n");
            body.Append("</tbody></table>\n");
        }
        body.Append("</main>\n").Append(Footer(runAt));
        return Html.Page("DeepPrep notebooks", body.ToString(), []);
    }

    private static string IndexEntry(NotebookResult r)
    {
        var entry = new StringBuilder();
        entry.Append($"<li class=\"notebook-entry {(r.Passed ? "passed" : "failed")}\" data-notebook=\"{Html.Encode(r.FileName)}\">\n");
        entry.Append($"<div class=\"entry-head\"><a class=\"entry-title\" href=\"{Html.Encode(PageName(r))}\">{Html.Encode(r.Info.Title)}</a>");
        entry.Append($"<span class=\"entry-meta\">{Html.Encode(r.FileName)} · {Html.Duration(r.Elapsed)}</span>");
        entry.Append(ClaimBadge(r)).Append("</div>\n");
        if (r.Info.Questions.Count > 0)
        {
            entry.Append("<ul class=\"questions\">");
            foreach (var q in r.Info.Questions)
                entry.Append("<li>").Append(q.Id != null ? $"<span class=\"qid\">{Html.Encode(q.Id)}</span> " : "").Append(Inline(QuestionText(q))).Append("</li>");
            entry.Append("</ul>\n");
        }
        if (r.Claims.Count > 0 || !r.Passed)
        {
            entry.Append($"<details class=\"claims\"{(r.Passed ? "" : " open")}><summary>Claims{(r.Passed ? "" : " and failures")}</summary><ul>");
            foreach (var c in r.Claims) entry.Append(ClaimItem(c));
            // False claims are already in the list above; everything else that failed is shown as the runner said it.
            foreach (var f in r.Failures.Where(f => !f.Contains(": false claim \"", StringComparison.Ordinal)))
                entry.Append($"<li class=\"fail\"><pre>{Html.Encode(f)}</pre></li>");
            entry.Append("</ul></details>\n");
        }
        entry.Append("</li>\n");
        return entry.ToString();
    }

    // The ID is shown as a badge, so drop it (and its bold) from the start of the question's text.
    private static string QuestionText(InterviewQuestion q)
    {
        if (q.Id == null) return q.Markdown;
        var text = q.Markdown;
        foreach (var prefix in new[] { $"**{q.Id}**", $"**{q.Id}.**", $"**{q.Id}:**", $"{q.Id}:", $"{q.Id}.", $"({q.Id})", q.Id })
            if (text.StartsWith(prefix, StringComparison.Ordinal)) return text[prefix.Length..].TrimStart(' ', ':', '—', '-', '.');
        return text;
    }

    private static string ClaimBadge(NotebookResult r) =>
        !r.Passed ? $"<span class=\"badge fail\">✗ {(r.ClaimsFalse > 0 ? $"{r.ClaimsFalse} of {r.Claims.Count} claims false" : "failed")}</span>"
        : r.Claims.Count > 0 ? $"<span class=\"badge pass\">✓ {r.Claims.Count} claim{Plural(r.Claims.Count)} held</span>"
        : "<span class=\"badge none\">no claims</span>";

    private static string ClaimItem(ClaimResult c) =>
        $"<li class=\"{(c.Holds ? "pass" : "fail")}\"><span class=\"mark\">{(c.Holds ? "✓" : "✗")}</span> {Html.Encode(c.Description)}"
        + (c.Observed.Length > 0 ? $" <span class=\"observed\">— {Html.Encode(c.Observed)}</span>" : "") + "</li>";

    // ---------- notebook page ----------

    private string NotebookPage(NotebookResult r)
    {
        var notebook = r.Executed;
        var cellResults = r.Cells.ToDictionary(c => c.Number);
        var body = new StringBuilder();
        body.Append($"<header class=\"site-header\"><a class=\"brand\" href=\"index.html\">DeepPrep</a><span class=\"crumb\">/ {Html.Encode(r.FileName)}</span></header>\n");
        body.Append("<main class=\"notebook\">\n");
        body.Append(RunSummary(r));

        for (int i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (cell.IsMarkdown)
                body.Append($"<section class=\"cell markdown\" id=\"cell-{i + 1}\">\n{NotebookLinks.ToSitePages(Markdig.Markdown.ToHtml(cell.Source, Markdown))}</section>\n");
            else if (cell.IsCode)
                body.Append(CodeCell(cell, i + 1, cellResults.GetValueOrDefault(i + 1)));
        }
        body.Append("</main>\n").Append(Footer(runAt));

        var html = body.ToString();
        bool hasMath = hasKatex && html.Contains("class=\"math\"", StringComparison.Ordinal);
        if (hasMath) html += MathScript;

        bool scripted = notebook.Cells.Any(c => c.Outputs.OfType<DisplayOutput>().Any(o => o.Get("text/html")?.Contains("<script", StringComparison.OrdinalIgnoreCase) == true));
        var head = new List<string>();
        if (hasPlotly)
        {
            // Charts' own scripts look for window.Plotly, or load it from window.DeepPrepPlotlySrc.
            head.Add($"<script>window.DeepPrepPlotlySrc = \"{PlotlyFile}\";</script>");
            if (scripted) head.Add($"<script src=\"{PlotlyFile}\"></script>");
        }
        if (hasMath)
        {
            head.Add($"<link rel=\"stylesheet\" href=\"{KatexFolder}/katex.min.css\">");
            head.Add($"<script src=\"{KatexFolder}/katex.min.js\"></script>");
        }
        return Html.Page($"{r.Info.Title} — DeepPrep", html, head);
    }

    // Markdig marks $…$ and $$…$$ as <span class="math">\(…\)</span> and <div class="math">\[…\]</div>; KaTeX typesets them.
    private const string MathScript = """
        <script>
        document.querySelectorAll('.markdown .math').forEach(function (el) {
          var tex = el.textContent.trim().replace(/^\\[(\[]/, '').replace(/\\[)\]]$/, '');
          katex.render(tex, el, { displayMode: el.tagName === 'DIV', throwOnError: false });
        });
        </script>

        """;

    private string RunSummary(NotebookResult r)
    {
        var s = new StringBuilder();
        s.Append($"<aside class=\"run-summary {(r.Passed ? "passed" : "failed")}\">");
        s.Append(r.Passed ? "<strong>✓ Ran cleanly.</strong> " : "<strong>✗ This run failed.</strong> ");
        s.Append($"{r.Cells.Count(c => c.Status is not (CellStatus.Empty or CellStatus.NotRun))} code cells in {Html.Duration(r.Elapsed)}");
        s.Append(r.Claims.Count > 0 ? $" · {r.ClaimsHeld} of {r.Claims.Count} claim{Plural(r.Claims.Count)} held" : " · no claims");
        if (notebooksDirectory != null)
        {
            var link = Path.GetRelativePath(siteDirectory, Path.Combine(notebooksDirectory, r.FileName)).Replace('\\', '/');
            s.Append($" · <a href=\"{Html.Encode(link)}\">executed notebook</a>");
        }
        if (!r.Passed)
        {
            s.Append("<ul class=\"failures\">");
            foreach (var f in r.Failures) s.Append($"<li><pre>{Html.Encode(f)}</pre></li>");
            s.Append("</ul>");
        }
        s.Append("</aside>\n");
        return s.ToString();
    }

    private static string CodeCell(Cell cell, int number, CellResult? result)
    {
        var status = result?.Status ?? CellStatus.NotRun;
        var css = status switch { CellStatus.Failed or CellStatus.TimedOut => " failed", CellStatus.NotRun => " not-run", _ => "" };
        var s = new StringBuilder();
        s.Append($"<section class=\"cell code{css}\" id=\"cell-{number}\">\n<div class=\"gutter\">");
        s.Append(cell.ExecutionCount is int n ? $"<span class=\"count\">[{n}]</span>" : "<span class=\"count\">[ ]</span>");
        if (result != null && status is not (CellStatus.NotRun or CellStatus.Empty))
            s.Append($"<span class=\"time\" title=\"wall time\">{Html.Duration(result.Elapsed)}</span>");
        if (status == CellStatus.NotRun) s.Append("<span class=\"time\">not run</span>");
        s.Append("</div>\n");
        s.Append($"<pre class=\"source\"><code class=\"language-csharp\">{CodeHighlighter.ToHtml(cell.Source)}</code></pre>\n");
        if (cell.Outputs.Count > 0)
        {
            s.Append("<div class=\"outputs\">\n");
            foreach (var output in cell.Outputs) s.Append(OutputHtml(output));
            s.Append("</div>\n");
        }
        s.Append("</section>\n");
        return s.ToString();
    }

    /// <summary>One output, in the richest form the site can show: HTML, SVG, PNG, markdown, JSON or text.</summary>
    private static string OutputHtml(Output output) => output switch
    {
        StreamOutput stream => $"<div class=\"output stream {Html.Encode(stream.Name)}\"><pre>{Html.Encode(stream.Text)}</pre></div>\n",
        ErrorOutput error => $"<div class=\"output error\"><pre><strong>{Html.Encode(error.Name)}</strong>: {Html.Encode(error.Value)}"
            + (error.Traceback.Count > 1 ? "\n" + Html.Encode(string.Join("\n", error.Traceback.Skip(1))) : "") + "</pre></div>\n",
        DisplayOutput display => $"<div class=\"output display{(display.IsResult ? " result" : "")}\">{DisplayHtml(display)}</div>\n",
        _ => "",
    };

    private static string DisplayHtml(DisplayOutput d)
    {
        if (d.Get("text/html") is { } html) return html;
        if (d.Get("image/svg+xml") is { } svg) return svg;
        if (d.Get("image/png") is { } png) return $"<img alt=\"\" src=\"data:image/png;base64,{png.Replace("\n", "")}\">";
        if (d.Get("image/jpeg") is { } jpeg) return $"<img alt=\"\" src=\"data:image/jpeg;base64,{jpeg.Replace("\n", "")}\">";
        if (d.Get("text/markdown") is { } md) return Markdig.Markdown.ToHtml(md, Markdown);
        if (d.Get("text/plain") is { } text) return $"<pre>{Html.Encode(text)}</pre>";
        return d.Data.Count > 0 ? $"<pre>{Html.Encode(d.Data[0].Value)}</pre>" : "";
    }

    private static string Inline(string markdown)
    {
        var html = Markdig.Markdown.ToHtml(markdown, Markdown).Trim();
        // A single paragraph inside a list item or table cell needs no <p>.
        return html.StartsWith("<p>", StringComparison.Ordinal) && html.EndsWith("</p>", StringComparison.Ordinal) && html.IndexOf("<p>", 3, StringComparison.Ordinal) < 0
            ? html[3..^4] : html;
    }

    private static string Footer(DateTimeOffset at) =>
        $"<footer class=\"site-footer\">Made by DeepPrep's notebook runner, {at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC. Works offline: open index.html from the file system.</footer>\n";

    private static string Plural(int n) => n == 1 ? "" : "s";
}

/// <summary>The npm files the site copies next to its pages; a missing one leaves charts static or formulas as TeX.</summary>
internal sealed record SiteAssets(string? PlotlyJs, string? KatexDist)
{
    public static SiteAssets From(Repository? repo) => new(repo?.PlotlyJs, repo?.KatexDist);
}
