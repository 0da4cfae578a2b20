using System.CommandLine;
using DeepPrep.Notebooks.Checking;
using DeepPrep.Notebooks.Kernel;
using DeepPrep.Notebooks.Running;
using Spectre.Console;

namespace DeepPrep.Notebooks;

/// <summary>
/// The command line: `run` executes notebooks and writes the site; `check` verifies committed notebooks.
/// <code>
/// dotnet run --project lib/DeepPrep.Notebooks -- run                     # every notebook in notebooks/
/// dotnet run --project lib/DeepPrep.Notebooks -- run --filter 07         # only those whose name contains 07
/// dotnet run --project lib/DeepPrep.Notebooks -- check
/// </code>
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // Cells' Console output is captured per cell; the runner's own output goes to the real terminal.
        ConsoleCapture.Install();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(ConsoleCapture.OriginalOut) });
        // In a log (CI, a pipe) there is no terminal width: keep failure messages on one line each.
        if (Console.IsOutputRedirected) console.Profile.Width = 200;
        return await BuildCommandLine(console).Parse(args).InvokeAsync();
    }

    internal static RootCommand BuildCommandLine(IAnsiConsole console)
    {
        var paths = new Argument<string[]>("notebooks")
        {
            Description = "Notebook files or folders (default: notebooks/).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var filter = new Option<string?>("--filter", "-f")
        {
            Description = "Only notebooks whose file name contains this text, or matches this glob (e.g. \"0*-*.ipynb\").",
        };
        var timeout = new Option<int>("--timeout", "-t")
        {
            Description = "Wall-time limit per notebook, in seconds.",
            DefaultValueFactory = _ => 120,
        };
        var noBuild = new Option<bool>("--no-build") { Description = "Use the library as built (skip `dotnet build` and `npm ci`)." };
        var output = new Option<string?>("--output", "-o") { Description = "Artifacts folder (default: artifacts/): notebooks/ and site/ are written inside." };
        var cellTimes = new Option<bool>("--cell-times") { Description = "Print every cell's wall time." };

        var run = new Command("run", "Execute notebooks, check their claims, write executed copies and the site.")
        {
            paths, filter, timeout, noBuild, output, cellTimes,
        };
        run.SetAction(async (result, _) =>
        {
            var outcome = await new RunCommand(console).ExecuteAsync(new RunOptions
            {
                Paths = result.GetValue(paths) ?? [],
                Filter = result.GetValue(filter),
                TimeLimit = TimeSpan.FromSeconds(result.GetValue(timeout)),
                Build = !result.GetValue(noBuild),
                Output = result.GetValue(output),
                CellTimes = result.GetValue(cellTimes),
            });
            return outcome.ExitCode;
        });

        var checkPaths = new Argument<string[]>("notebooks") { Description = "Notebook files or folders (default: notebooks/).", Arity = ArgumentArity.ZeroOrMore };
        var check = new Command("check", "Check committed notebooks: nbformat 4.5 and Polyglot metadata, no outputs, the standard #r first cell, at least one claim.")
        {
            checkPaths, filter,
        };
        check.SetAction(result => CheckCommand.Execute(console, result.GetValue(checkPaths) ?? [], result.GetValue(filter)));

        return new RootCommand("DeepPrep's notebook runner: runs the lessons headless, checks their claims, and builds the site.") { run, check };
    }
}
