using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using DeepPrep.Notebooks.Scripting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;

namespace DeepPrep.Notebooks.Kernel;

/// <summary>How a submission ended.</summary>
internal enum SubmissionStatus { Completed, CompileError, RuntimeError, TimedOut }

/// <summary>The outcome of running one cell's code.</summary>
internal sealed record SubmissionResult(
    SubmissionStatus Status,
    bool HasValue,
    object? Value,
    ImmutableArray<Diagnostic> Errors,
    Exception? Exception,
    TimeSpan Elapsed);

/// <summary>
/// One notebook's C# kernel: a chain of Roslyn script submissions, one per cell, with the semantics of
/// .NET Interactive's C# kernel (shared/notebook-format.md §2). Each cell continues the state of the last
/// one that compiled; a runtime exception keeps what was assigned before it; a compile error keeps the
/// previous state. Cells may redeclare variables and types (later ones shadow earlier ones).
/// </summary>
internal sealed class CSharpKernel
{
    /// <summary>The namespaces every cell starts with (the same list as .NET Interactive).</summary>
    public static readonly string[] DefaultImports =
        ["System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq"];

    // The whole shared framework, as .NET Interactive references it. Created once: metadata is cached by Roslyn.
    private static readonly Lazy<ImmutableArray<MetadataReference>> FrameworkReferences = new(() =>
    {
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator);
        return [.. trusted
            .Where(p => p.Length > 0 && string.Equals(Path.GetDirectoryName(p), frameworkDirectory, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    });

    private readonly ScriptOptions options;
    private ScriptState<object?>? state;

    /// <param name="directory">The notebook's folder: #r and #load paths are relative to it.</param>
    public CSharpKernel(string directory)
    {
        Directory = directory;
        options = ScriptOptions.Default
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithReferences(FrameworkReferences.Value)
            // By Assembly, not by path: scripts must call into this very copy of the runner (its display()).
            .AddReferences(typeof(NotebookKernel).Assembly)
            .WithImports(DefaultImports)
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(directory))
            .WithSourceResolver(new SourceFileResolver(ImmutableArray<string>.Empty, directory))
            .WithEmitDebugInformation(true)   // line numbers in exception stack traces
            .WithFileEncoding(Encoding.UTF8)
            .WithOptimizationLevel(OptimizationLevel.Release);
    }

    public string Directory { get; }

    /// <summary>False after a cell timed out: its code may still be running, so the chain cannot go on.</summary>
    public bool IsUsable { get; private set; } = true;

    /// <summary>
    /// Compiles and runs one cell. <paramref name="filePath"/> names the cell in diagnostics and stack
    /// traces; <paramref name="outputs"/> receives what it prints and displays.
    /// </summary>
    public async Task<SubmissionResult> SubmitAsync(string code, string filePath, CellOutputs outputs, TimeSpan timeout)
    {
        if (!IsUsable) throw new InvalidOperationException("The kernel stopped after a cell timed out.");
        var clock = Stopwatch.StartNew();
        if (state == null) await StartAsync(outputs);

        var cellOptions = options.WithFilePath(filePath);
        var script = state!.Script.ContinueWith<object?>(code, cellOptions);
        var errors = script.Compile().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        if (errors.Length > 0)
            return new SubmissionResult(SubmissionStatus.CompileError, false, null, errors, null, clock.Elapsed);

        bool hasValue = HasValue(script.GetCompilation());
        var run = RunOnCellThread(() => script.RunFromAsync(state, catchException: _ => true), outputs);
        using var limit = new CancellationTokenSource();
        var remaining = timeout - clock.Elapsed;
        var finished = await Task.WhenAny(run, Task.Delay(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, limit.Token));
        limit.Cancel();   // the cell finished first: drop the timer
        if (finished != run)
        {
            IsUsable = false;
            return new SubmissionResult(SubmissionStatus.TimedOut, false, null, [], null, clock.Elapsed);
        }

        var next = await run;
        // Keep the new state even after an exception: variables assigned before the throw stay defined.
        state = next;
        var status = next.Exception != null ? SubmissionStatus.RuntimeError : SubmissionStatus.Completed;
        return new SubmissionResult(status, hasValue && next.Exception == null, next.ReturnValue, [], next.Exception, clock.Elapsed);
    }

    /// <summary>
    /// Whether a cell has a value to show, as the C# kernel decides it: a trailing expression without a
    /// semicolon that is not a void call, or a top-level <c>return x;</c>.
    /// </summary>
    internal static bool HasValue(Compilation compilation)
    {
        var tree = compilation.SyntaxTrees.Last();
        var root = (CompilationUnitSyntax)tree.GetRoot();
        var statements = root.Members.OfType<GlobalStatementSyntax>().Select(g => g.Statement).ToList();
        if (statements.LastOrDefault() is ExpressionStatementSyntax { SemicolonToken.IsMissing: true } trailing)
        {
            var info = compilation.GetSemanticModel(tree).GetTypeInfo(trailing.Expression);
            return (info.Type ?? info.ConvertedType)?.SpecialType != SpecialType.System_Void;
        }
        // A return at the top level of the cell (not inside a lambda, local function or type).
        return statements.Any(s => s.DescendantNodesAndSelf(n => n is not (LambdaExpressionSyntax or LocalFunctionStatementSyntax or AnonymousMethodExpressionSyntax))
            .OfType<ReturnStatementSyntax>().Any(r => r.Expression != null));
    }

    // The hidden first submission: brings display() and HTML() into scope, as .NET Interactive does.
    private async Task StartAsync(CellOutputs outputs)
    {
        var code = $"using static {typeof(NotebookKernel).FullName};";
        state = await RunOnCellThread(() => CSharpScript.RunAsync<object?>(code, options), outputs);
    }

    /// <summary>
    /// Runs script code on a thread of its own, so a cell that never ends can be abandoned at the time limit,
    /// with a large stack (deep recursion in a lesson has room; a stack overflow would end the whole process)
    /// and with the cell's outputs flowing to whatever it starts.
    /// </summary>
    private static Task<T> RunOnCellThread<T>(Func<Task<T>> start, CellOutputs outputs)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            CellOutputs.Current = outputs;
            try
            {
                start().ContinueWith(t =>
                {
                    if (t.IsFaulted) done.TrySetException(t.Exception!.InnerExceptions);
                    else if (t.IsCanceled) done.TrySetCanceled();
                    else done.TrySetResult(t.Result);
                }, TaskScheduler.Default);
            }
            catch (Exception e) { done.TrySetException(e); }
        }, maxStackSize: 256 * 1024 * 1024)
        { IsBackground = true, Name = "DeepPrep notebook cell" };
        thread.Start();
        return done.Task;
    }
}
