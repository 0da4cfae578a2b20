using System.Diagnostics;
using DeepPrep.Notebooks.Site;
using Spectre.Console;

namespace DeepPrep.Notebooks.Running;

/// <summary>What `run` was asked to do.</summary>
internal sealed record RunOptions
{
    public IReadOnlyList<string> Paths { get; init; } = [];
    public string? Filter { get; init; }
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromMinutes(2);
    /// <summary>Build the library and install plotly.js first (off for tests that already built).</summary>
    public bool Build { get; init; } = true;
    /// <summary>The artifacts folder: notebooks/ and site/ go inside. Default: the repository's artifacts/.</summary>
    public string? Output { get; init; }
    /// <summary>Print every cell's wall time, not just the slowest.</summary>
    public bool CellTimes { get; init; }
}

/// <summary>The outcome of `run`: an exit code (0 all passed, 1 a notebook failed, 2 nothing could run) and the results.</summary>
internal sealed record RunOutcome(int ExitCode, IReadOnlyList<NotebookResult> Results, string? SiteIndex);

/// <summary>
/// `run`: builds what notebooks need, executes them one by one with live progress, writes the executed
/// notebooks and the site, and prints what failed, where, and with which observed values.
/// </summary>
internal sealed class RunCommand(IAnsiConsole console)
{
    public const int Passed = 0, NotebookFailed = 1, CouldNotRun = 2;

    public async Task<RunOutcome> ExecuteAsync(RunOptions options)
    {
        var repo = Repository.Find();
        var paths = options.Paths.Count > 0 ? options.Paths : repo != null ? [repo.Notebooks] : [];
        if (paths.Count == 0) return Stop("Run this inside a DeepPrep checkout, or name the notebooks to run.");

        List<string> notebooks;
        try { notebooks = Repository.Discover(paths, options.Filter); }
        catch (FileNotFoundException e) { return Stop(e.Message); }
        if (notebooks.Count == 0)
            return Stop($"No notebooks found in {string.Join(", ", paths)}{(options.Filter != null ? $" matching '{options.Filter}'" : "")}.");

        if (options.Build && repo != null && !await PrepareAsync(repo)) return new RunOutcome(CouldNotRun, [], null);

        var runAt = DateTimeOffset.UtcNow;
        var results = await RunAllAsync(notebooks, options);

        var artifacts = options.Output ?? repo?.Artifacts ?? Path.Combine(Environment.CurrentDirectory, "artifacts");
        var executedDirectory = Path.Combine(artifacts, "notebooks");
        foreach (var result in results) result.Executed.Save(Path.Combine(executedDirectory, result.FileName));
        var index = new SiteWriter(Path.Combine(artifacts, "site"), executedDirectory).Write(results, SiteAssets.From(repo), runAt);

        Report(results, options, executedDirectory, index);
        return new RunOutcome(results.All(r => r.Passed) ? Passed : NotebookFailed, results, index);
    }

    private RunOutcome Stop(string message)
    {
        console.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
        return new RunOutcome(CouldNotRun, [], null);
    }

    /// <summary>Builds lib/DeepPrep (Release, to its stable path) and installs plotly.js for the site.</summary>
    private async Task<bool> PrepareAsync(Repository repo)
    {
        var clock = Stopwatch.StartNew();
        Tools.ProcessResult? build = null, npm = null;
        if (console.Profile.Capabilities.Interactive)
            await console.Status().StartAsync("Building lib/DeepPrep (Release)…", async ctx =>
            {
                build = await Tools.BuildLibraryAsync(repo);
                if (build.ExitCode != 0) return;
                ctx.Status("Installing plotly.js for the site (npm)…");
                npm = await Tools.EnsureNpmPackagesAsync(repo);
            });
        else
        {
            console.WriteLine("Building lib/DeepPrep (Release)…");
            build = await Tools.BuildLibraryAsync(repo);
            if (build.ExitCode == 0) npm = await Tools.EnsureNpmPackagesAsync(repo);
        }
        if (build!.ExitCode != 0)
        {
            console.MarkupLine("[red]error:[/] the library did not build; notebooks cannot run without it.");
            console.WriteLine(build.Output.Trim());
            return false;
        }
        if (npm is { ExitCode: not 0 })
            console.MarkupLine("[yellow]warning:[/] could not install plotly.js (npm); charts on the site stay static.\n"
                + Markup.Escape(npm.Output.Trim()));
        console.MarkupLine($"[grey]Library ready: {Markup.Escape(Path.GetRelativePath(Environment.CurrentDirectory, repo.LibraryDll))} ({clock.Elapsed.TotalSeconds:0.0} s)[/]");
        return true;
    }

    private async Task<List<NotebookResult>> RunAllAsync(List<string> notebooks, RunOptions options)
    {
        var results = new List<NotebookResult>();
        if (console.Profile.Capabilities.Interactive)
        {
            await console.Progress()
                .AutoClear(false).HideCompleted(false)
                .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var tasks = notebooks.ToDictionary(n => n, n => context.AddTask(Markup.Escape(Path.GetFileName(n)), autoStart: false));
                    foreach (var path in notebooks)
                    {
                        var task = tasks[path];
                        task.StartTask();
                        var runner = new NotebookRunner { TimeLimit = options.TimeLimit, Progress = new LiveProgress(task, Path.GetFileName(path)) };
                        var result = await runner.RunAsync(path);
                        task.Value = task.MaxValue;
                        task.Description = Markup.Escape(Path.GetFileName(path)) + " " + ResultMarkup(result);
                        task.StopTask();
                        results.Add(result);
                    }
                });
        }
        else
        {
            foreach (var path in notebooks)
            {
                console.WriteLine($"▶ {Path.GetFileName(path)}");
                var result = await new NotebookRunner { TimeLimit = options.TimeLimit }.RunAsync(path);
                console.MarkupLine($"  {ResultMarkup(result)} [grey]{Markup.Escape(Slowest(result))}[/]");
                results.Add(result);
            }
        }
        return results;
    }

    private static string ResultMarkup(NotebookResult r)
    {
        var claims = r.Claims.Count == 0 ? "no claims" : $"{r.ClaimsHeld}/{r.Claims.Count} claims held";
        return r.Passed
            ? $"[green]✓ passed[/] · {claims} · {Html.Duration(r.Elapsed)}"
            : $"[red]✗ failed[/] · {claims} · {Html.Duration(r.Elapsed)}";
    }

    private static string Slowest(NotebookResult r) =>
        r.Slowest is { } s ? $"(slowest: {s.Name}, {Html.Duration(s.Elapsed)})" : "";

    private void Report(List<NotebookResult> results, RunOptions options, string executedDirectory, string index)
    {
        console.WriteLine();
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Notebook").AddColumn("Result").AddColumn(new TableColumn("Claims").RightAligned())
            .AddColumn(new TableColumn("Time").RightAligned()).AddColumn("Slowest cell");
        foreach (var r in results)
            table.AddRow(
                Markup.Escape(r.FileName),
                r.Passed ? "[green]passed[/]" : "[red]failed[/]",
                r.Claims.Count == 0 ? "[grey]–[/]" : r.ClaimsFalse == 0 ? $"[green]{r.ClaimsHeld} ✓[/]" : $"{r.ClaimsHeld} ✓ [red]{r.ClaimsFalse} ✗[/]",
                Html.Duration(r.Elapsed),
                r.Slowest is { } s ? $"cell {s.Number} ({Html.Duration(s.Elapsed)})" : "");
        console.Write(table);

        if (options.CellTimes)
            foreach (var r in results)
            {
                console.MarkupLine($"[bold]{Markup.Escape(r.FileName)}[/]");
                foreach (var c in r.Cells.Where(c => c.Status is not (CellStatus.Empty or CellStatus.NotRun)))
                    console.MarkupLine($"  {Markup.Escape(c.Name),-28} {Html.Duration(c.Elapsed),10}  {(c.Status == CellStatus.Passed ? "[green]ok[/]" : "[red]" + c.Status.ToString().ToLowerInvariant() + "[/]")}");
            }

        foreach (var r in results.Where(r => !r.Passed))
        {
            console.WriteLine();
            console.MarkupLine($"[red bold]✗ {Markup.Escape(r.FileName)}[/] [grey]({Markup.Escape(r.Path)})[/]");
            foreach (var failure in r.Failures) console.MarkupLine("  " + Markup.Escape(failure).Replace("\n", "\n  "));
        }

        int failed = results.Count(r => !r.Passed);
        int held = results.Sum(r => r.ClaimsHeld), wrong = results.Sum(r => r.ClaimsFalse);
        var total = TimeSpan.FromTicks(results.Sum(r => r.Elapsed.Ticks));
        console.WriteLine();
        console.MarkupLine($"Executed notebooks: {Markup.Escape(Relative(executedDirectory))}");
        console.MarkupLine($"Site: {Markup.Escape(Relative(index))}  (open it in a browser; it works offline)");
        console.MarkupLine((failed == 0 ? "[green]" : "[red]")
            + $"{results.Count} notebook{(results.Count == 1 ? "" : "s")}: {results.Count - failed} passed, {failed} failed[/]"
            + $" · claims: {held} held, {wrong} false · {Html.Duration(total)}");
    }

    private static string Relative(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }

    /// <summary>Shows the running cell and the last line it printed on the notebook's progress bar.</summary>
    private sealed class LiveProgress(ProgressTask task, string name) : IRunProgress
    {
        private int cellNumber;

        public void NotebookStarted(string path, int codeCells) => task.MaxValue = Math.Max(1, codeCells);

        public void CellStarted(string path, CellResult cell)
        {
            cellNumber = cell.Number;
            task.Description = Markup.Escape($"{name} · cell {cell.Number}");
        }

        public void CellOutputLine(string path, string line)
        {
            var shown = line.Length > 48 ? line[..47] + "…" : line;
            task.Description = Markup.Escape($"{name} · cell {cellNumber} · {shown}");
        }

        public void CellFinished(string path, CellResult cell) => task.Increment(1);
    }
}
