using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DeepPrep.Notebooks.Format;
using DeepPrep.Notebooks.Kernel;
using Microsoft.CodeAnalysis;

namespace DeepPrep.Notebooks.Running;

/// <summary>Hears about a run as it happens (the terminal's live progress). Every method is optional.</summary>
internal interface IRunProgress
{
    void NotebookStarted(string path, int codeCells) { }
    void CellStarted(string path, CellResult cell) { }
    void CellOutputLine(string path, string line) { }
    void CellFinished(string path, CellResult cell) { }
}

/// <summary>
/// Executes one notebook top to bottom in a fresh C# kernel, the way "Run All" does in VS Code: it stops at
/// the first cell that fails to compile or throws, and marks the rest as not run. Fills each code cell's
/// outputs, times every cell, collects the claims the cells made, and explains every failure with its
/// cell and line.
/// </summary>
internal sealed partial class NotebookRunner
{
    // The working directory and Console are process-wide, so notebooks in one process run one at a time.
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <summary>The wall-time budget for the whole notebook; a cell still running at the limit fails it.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromMinutes(2);

    public IRunProgress? Progress { get; init; }

    public async Task<NotebookResult> RunAsync(string notebookPath)
    {
        var path = Path.GetFullPath(notebookPath);
        await OneAtATime.WaitAsync();
        var previousDirectory = Environment.CurrentDirectory;
        try
        {
            ConsoleCapture.Install();
            NotebookSession.EnsureHooked();
            Notebook notebook;
            try { notebook = Notebook.Load(path); }
            catch (Exception e) when (e is NotebookFormatException or IOException)
            {
                var unreadable = new NotebookResult { Path = path, Executed = new Notebook { Metadata = [] }, Info = new NotebookInfo(Path.GetFileNameWithoutExtension(path), []) };
                unreadable.Failures.Add(e.Message);
                return unreadable;
            }
            var result = new NotebookResult { Path = path, Executed = notebook, Info = NotebookInfo.From(notebook, Path.GetFileNameWithoutExtension(path)) };
            Progress?.NotebookStarted(path, notebook.Cells.Count(c => c.IsCode));
            Environment.CurrentDirectory = Path.GetDirectoryName(path)!;
            await RunCellsAsync(notebook, result);
            return result;
        }
        finally
        {
            Environment.CurrentDirectory = previousDirectory;
            OneAtATime.Release();
        }
    }

    private async Task RunCellsAsync(Notebook notebook, NotebookResult result)
    {
        var path = result.Path;
        var kernel = new CSharpKernel(Path.GetDirectoryName(path)!);
        var session = new NotebookSession();
        NotebookSession.Current = session;   // flows into every await and thread below, and ends with this method
        var claimsSeen = new Dictionary<Assembly, int>();
        var claims = new List<(ClaimSnapshot Claim, int Cell)>();
        var clock = Stopwatch.StartNew();
        int executionCount = 0;
        CellResult? stoppedAt = null;

        for (int i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (!cell.IsCode) continue;
            cell.Outputs.Clear();
            cell.ExecutionCount = null;
            cell.Metadata.Remove("execution");
            var cellResult = new CellResult { Number = i + 1, Id = cell.Id };
            result.Cells.Add(cellResult);
            if (stoppedAt != null) continue;
            if (string.IsNullOrWhiteSpace(cell.Source)) { cellResult.Status = CellStatus.Empty; continue; }

            cellResult.ExecutionCount = cell.ExecutionCount = ++executionCount;
            Progress?.CellStarted(path, cellResult);
            var outputs = new CellOutputs(session) { OnLine = line => Progress?.CellOutputLine(path, line) };
            var started = DateTimeOffset.UtcNow;
            await RunCellAsync(kernel, cell, cellResult, outputs, clock, path);
            cell.Outputs.AddRange(outputs.Snapshot());
            cell.Metadata["execution"] = new JsonObject
            {
                ["iopub.execute_input"] = started.ToString("o", CultureInfo.InvariantCulture),
                ["shell.execute_reply"] = (started + cellResult.Elapsed).ToString("o", CultureInfo.InvariantCulture),
            };

            // Claims recorded while this cell ran belong to it.
            foreach (var library in session.Libraries)
            {
                var history = ClaimReader.History(library);
                claimsSeen.TryGetValue(library, out int seen);
                claims.AddRange(history.Skip(seen).Select(c => (c, cellResult.Number)));
                claimsSeen[library] = history.Count;
            }
            Progress?.CellFinished(path, cellResult);
            if (cellResult.Status is CellStatus.Failed or CellStatus.TimedOut) stoppedAt = cellResult;
        }
        result.Elapsed = clock.Elapsed;

        foreach (var (claim, cellNumber) in claims)
        {
            var (madeIn, line) = Locate(claim.SourceFile, claim.SourceLine, path) ?? (cellNumber, 0);
            var claimResult = new ClaimResult(claim.Description, claim.Holds, claim.Observed, madeIn, line, session.WasShown(claim.Instance));
            result.Claims.Add(claimResult);
            result.Cells.First(c => c.Number == cellNumber).Claims.Add(claimResult);
        }
        Explain(result, notebook);
    }

    private async Task RunCellAsync(CSharpKernel kernel, Cell cell, CellResult cellResult, CellOutputs outputs, Stopwatch clock, string path)
    {
        var code = Directives.Parse(cell.Source);
        if (code.Error != null)
        {
            Fail(cellResult, code.Error, code.ErrorLine);
            outputs.Add(new ErrorOutput("DirectiveError", code.Error, [$"line {code.ErrorLine}: {code.Error}"]));
            return;
        }

        var timer = Stopwatch.StartNew();
        var submission = await kernel.SubmitAsync(code.Code, CellFilePath(path, cellResult.Number), outputs, TimeLimit - clock.Elapsed);
        switch (submission.Status)
        {
            case SubmissionStatus.CompileError:
            {
                var lines = submission.Errors.Select(FormatDiagnostic).ToList();
                var first = submission.Errors[0];
                Fail(cellResult, $"error {first.Id}: {first.GetMessage(CultureInfo.InvariantCulture)}", first.Location.GetLineSpan().StartLinePosition.Line + 1);
                outputs.Add(new ErrorOutput("CompilationError", string.Join("\n", lines), lines));
                break;
            }
            case SubmissionStatus.RuntimeError:
            {
                var exception = Unwrap(submission.Exception!);
                var where = LocateException(exception, path);
                int? line = where is { } w && w.Cell == cellResult.Number ? w.Line : null;
                var thrownElsewhere = where is { } o && o.Cell != cellResult.Number ? $" (thrown in cell {o.Cell}, line {o.Line})" : "";
                Fail(cellResult, $"{exception.GetType().FullName}: {exception.Message}{thrownElsewhere}", line);
                outputs.Add(new ErrorOutput(exception.GetType().FullName ?? "Exception", exception.Message, CleanTrace(exception)));
                break;
            }
            case SubmissionStatus.TimedOut:
            {
                cellResult.Status = CellStatus.TimedOut;
                cellResult.Error = $"timed out: the notebook reached its {TimeLimit.TotalSeconds:0} s limit while this cell was running. "
                    + "Make the lesson faster, or raise the limit with --timeout.";
                outputs.Add(new ErrorOutput("TimeoutError", cellResult.Error, []));
                break;
            }
            case SubmissionStatus.Completed:
                cellResult.Status = CellStatus.Passed;
                // A trailing display(x) without its semicolon has already shown x: its handle is not a value to show.
                if (submission.HasValue && submission.Value is not Scripting.DisplayedValue)
                {
                    try { outputs.Display(submission.Value, [], isResult: true, executionCount: cellResult.ExecutionCount); }
                    catch (FormatterException e)
                    {
                        Fail(cellResult, e.Message, null);
                        outputs.Add(new ErrorOutput("FormatterError", e.Message, []));
                    }
                }
                break;
        }
        cellResult.Elapsed = timer.Elapsed;
        if (code.Time)
            outputs.Add(new DisplayOutput { Data = [new("text/plain", $"Wall time: {timer.Elapsed.TotalMilliseconds.ToString("0.####", CultureInfo.InvariantCulture)}ms")] });
    }

    private static void Fail(CellResult cell, string error, int? line)
    {
        cell.Status = CellStatus.Failed;
        cell.Error = error;
        cell.ErrorLine = line;
    }

    /// <summary>Turns cell errors and bad claims into the messages `run` prints, each with its cell, line and evidence, in cell order.</summary>
    private static void Explain(NotebookResult result, Notebook notebook)
    {
        var failures = new List<(int Cell, int Line, string Message)>();
        foreach (var cell in result.Cells.Where(c => c.Error != null))
        {
            var where = cell.ErrorLine is int line ? $"{cell.Name}, line {line}" : cell.Name;
            var excerpt = cell.ErrorLine is int l ? Excerpt(notebook.Cells[cell.Number - 1].Source, l) : "";
            failures.Add((cell.Number, cell.ErrorLine ?? 0, $"{where}: {cell.Error}{excerpt}"));
        }
        foreach (var claim in result.Claims)
        {
            var excerpt = claim.Line > 0 ? Excerpt(notebook.Cells[claim.CellNumber - 1].Source, claim.Line) : "";
            if (!claim.Holds)
                failures.Add((claim.CellNumber, claim.Line, $"{claim.Where}: false claim \"{claim.Description}\" — observed {claim.Observed}{excerpt}"));
            if (!claim.Shown)
                failures.Add((claim.CellNumber, claim.Line, $"{claim.Where}: the claim \"{claim.Description}\" was made but never shown. "
                    + "Make it the cell's last expression (no semicolon) or pass it to display(...), so a reader sees it." + excerpt));
        }
        result.Failures.AddRange(failures.OrderBy(f => f.Cell).ThenBy(f => f.Line).Select(f => f.Message));
        var notRun = result.Cells.Count(c => c.Status == CellStatus.NotRun);
        if (notRun > 0 && result.Failures.Count > 0)
            result.Failures.Add($"{notRun} later code cell{(notRun == 1 ? " was" : "s were")} not run.");
    }

    /// <summary>The failing line with its number, indented under the message: "\n    3 | var y = x + 1;"</summary>
    internal static string Excerpt(string source, int line)
    {
        var lines = source.Replace("\r\n", "\n").Split('\n');
        return line >= 1 && line <= lines.Length ? $"\n    {line,3} | {lines[line - 1].TrimEnd()}" : "";
    }

    /// <summary>The file name a cell's code carries in diagnostics and stack traces: "…/lesson.ipynb#cell7".</summary>
    internal static string CellFilePath(string notebookPath, int cellNumber) => $"{notebookPath}#cell{cellNumber}";

    private static (int Cell, int Line)? Locate(string? file, int line, string notebookPath)
    {
        if (file == null || !file.StartsWith(notebookPath + "#cell", StringComparison.Ordinal)) return null;
        var match = CellSuffix().Match(file);
        return match.Success ? (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), line) : null;
    }

    // The innermost stack frame that is notebook code tells which cell and line threw.
    private static (int Cell, int Line)? LocateException(Exception exception, string notebookPath)
    {
        foreach (var frame in new StackTrace(exception, fNeedFileInfo: true).GetFrames())
            if (Locate(frame.GetFileName(), frame.GetFileLineNumber(), notebookPath) is { } where) return where;
        return null;
    }

    private static Exception Unwrap(Exception e) =>
        e is TargetInvocationException { InnerException: { } inner } ? Unwrap(inner)
        : e is AggregateException { InnerExceptions.Count: 1 } aggregate ? Unwrap(aggregate.InnerExceptions[0])
        : e;

    // The exception as .NET prints it, without the frames of the runner and Roslyn's script plumbing.
    private static List<string> CleanTrace(Exception exception) =>
        exception.ToString().Replace("\r\n", "\n").Split('\n')
            .Where(l => !l.Contains("Microsoft.CodeAnalysis.Scripting", StringComparison.Ordinal)
                     && !l.Contains("DeepPrep.Notebooks.", StringComparison.Ordinal)
                     && !l.Contains("System.Runtime.CompilerServices.", StringComparison.Ordinal)
                     && !l.Contains("System.Threading.Tasks.", StringComparison.Ordinal)
                     && !l.StartsWith("--- End of stack trace", StringComparison.Ordinal))
            .ToList();

    private static string FormatDiagnostic(Diagnostic d)
    {
        var span = d.Location.GetLineSpan().StartLinePosition;
        return $"({span.Line + 1},{span.Character + 1}): error {d.Id}: {d.GetMessage(CultureInfo.InvariantCulture)}";
    }

    [GeneratedRegex(@"#cell(\d+)$")]
    private static partial Regex CellSuffix();
}
