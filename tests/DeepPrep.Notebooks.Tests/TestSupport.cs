using System.Text.Json;
using DeepPrep.Notebooks.Running;
using Spectre.Console;

// Notebooks share the process's working directory and Console, so the runner runs one at a time anyway;
// running test classes in parallel would only make their timings noisy on a 2-core machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace DeepPrep.Notebooks.Tests;

/// <summary>The checkout under test, with the library built as `run` builds it (once per test run).</summary>
internal static class TestRepository
{
    public static Repository Repo { get; } = FindRepository();

    public static string Fixture(string name) => Path.Combine(Repo.Root, "tests", "DeepPrep.Notebooks.Tests", "Fixtures", name);

    public static bool IsCI => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static readonly Lazy<Task> prepared = new(async () =>
    {
        var build = await Tools.BuildLibraryAsync(Repo);
        Assert.True(build.ExitCode == 0, "dotnet build lib/DeepPrep failed:\n" + build.Output);
        var npm = await Tools.EnsureNpmPackagesAsync(Repo);
        Assert.True(npm is null or { ExitCode: 0 }, "npm could not install plotly.js:\n" + npm?.Output);
    });

    /// <summary>Builds lib/DeepPrep in Release to its stable path and installs plotly.js, as `run` does.</summary>
    public static Task PrepareAsync() => prepared.Value;

    private static Repository FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DeepPrep.slnx"))) return new Repository(dir.FullName);
        throw new InvalidOperationException("The tests must run inside a DeepPrep checkout.");
    }
}

/// <summary>A folder under the system temp directory, deleted when the test ends.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("deepprep-tests-").FullName;
    public string this[string name] => System.IO.Path.Combine(Path, name);
    public void Dispose() { try { Directory.Delete(Path, recursive: true); } catch (IOException) { } }
}

/// <summary>Writes small notebooks in the Polyglot dialect from code cells, for tests of the runner's semantics.</summary>
internal static class TestNotebook
{
    /// <summary>The first cell a notebook needs to use DeepPrep from anywhere (an absolute #r).</summary>
    public static string LoadLibrary => $"#r \"{TestRepository.Repo.LibraryDll}\"\nusing DeepPrep;";

    public static string Write(string path, params string[] codeCells)
    {
        var cells = new List<object> { new { cell_type = "markdown", id = "title", metadata = new { }, source = "# Test notebook" } };
        for (int i = 0; i < codeCells.Length; i++)
            cells.Add(new Dictionary<string, object?>
            {
                ["cell_type"] = "code",
                ["execution_count"] = null,
                ["id"] = $"c{i + 1}",
                ["metadata"] = new { dotnet_interactive = new { language = "csharp" }, polyglot_notebook = new { kernelName = "csharp" } },
                ["outputs"] = Array.Empty<object>(),
                ["source"] = codeCells[i],
            });
        var notebook = new
        {
            cells,
            metadata = new
            {
                kernelspec = new { display_name = ".NET (C#)", language = "C#", name = ".net-csharp" },
                language_info = new { name = "polyglot-notebook" },
                polyglot_notebook = new { kernelInfo = new { defaultKernelName = "csharp", items = new[] { new { aliases = Array.Empty<string>(), languageName = "C#", name = "csharp" } } } },
            },
            nbformat = 4,
            nbformat_minor = 5,
        };
        File.WriteAllText(path, JsonSerializer.Serialize(notebook));
        return path;
    }

    /// <summary>Runs code cells in a fresh notebook; cell N of the result is code cell N-1 (cell 1 is the title).</summary>
    public static async Task<NotebookResult> RunAsync(params string[] codeCells)
    {
        using var folder = new TempFolder();
        return await new NotebookRunner().RunAsync(Write(folder["test.ipynb"], codeCells));
    }
}

/// <summary>A Spectre console that records plain text (no colours, no live widgets) for assertions.</summary>
internal sealed class RecordingConsole
{
    private readonly StringWriter writer = new();

    public RecordingConsole()
    {
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        Console.Profile.Width = 200;   // as Program sets it for logs: long messages stay on one line
    }

    public IAnsiConsole Console { get; }
    public string Text => writer.ToString();
}

/// <summary>
/// Validates notebooks with Jupyter's own validator (Debian's python3-nbformat). Outside CI a machine
/// without it skips the schema tests; under CI=true they must run.
/// </summary>
internal static class Jupyter
{
    private static readonly Lazy<string?> python = new(() =>
    {
        foreach (var candidate in new[] { "/usr/bin/python3", "python3" })
        {
            try
            {
                var result = Tools.RunAsync(candidate, ["-c", "import nbformat"], Environment.CurrentDirectory).GetAwaiter().GetResult();
                if (result.ExitCode == 0) return candidate;
            }
            catch (System.ComponentModel.Win32Exception) { }
        }
        return null;
    });

    public static string? Python => python.Value;

    public static async Task ValidateAsync(params string[] paths)
    {
        Assert.True(Python != null, "python3-nbformat is missing: run `sudo bash .ci/install-test-deps`.");
        const string Script = "import nbformat, sys\nfor p in sys.argv[1:]:\n    nbformat.validate(nbformat.read(p, as_version=4))\n    print('valid', p)";
        var result = await Tools.RunAsync(Python!, ["-c", Script, .. paths], Environment.CurrentDirectory);
        Assert.True(result.ExitCode == 0, "nbformat rejected the notebook:\n" + result.Output);
    }
}

/// <summary>A fact that needs python3-nbformat: skipped outside CI when it is missing, never skipped under CI=true.</summary>
public sealed class JupyterFactAttribute : FactAttribute
{
    public JupyterFactAttribute()
    {
        if (Jupyter.Python == null && !TestRepository.IsCI) Skip = "python3-nbformat is not installed (sudo bash .ci/install-test-deps)";
    }
}

/// <summary>A theory that needs python3-nbformat, skipped like <see cref="JupyterFactAttribute"/>.</summary>
public sealed class JupyterTheoryAttribute : TheoryAttribute
{
    public JupyterTheoryAttribute()
    {
        if (Jupyter.Python == null && !TestRepository.IsCI) Skip = "python3-nbformat is not installed (sudo bash .ci/install-test-deps)";
    }
}
