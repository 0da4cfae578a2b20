using System.Collections.Concurrent;
using DeepPrep.Notebooks.Running;

namespace DeepPrep.Notebooks.Tests;

/// <summary>
/// Every notebook in notebooks/ runs, as `run` runs it, with no failed cell and no false or hidden claim —
/// one test per notebook — and its executed copy is valid for Jupyter.
/// </summary>
public class NotebookTests
{
    /// <summary>The file names of the committed notebooks, for one test case each.</summary>
    public static IEnumerable<string> CommittedNotebooks() =>
        Repository.Discover([TestRepository.Repo.Notebooks], null).Select(p => Path.GetRelativePath(TestRepository.Repo.Notebooks, p));

    public static TheoryData<string> Notebooks() => [.. CommittedNotebooks()];

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_runs_with_every_claim_true(string name)
    {
        var result = await Executed.RunAsync(name);

        Assert.True(result.Passed, $"{name} failed:\n" + string.Join("\n", result.Failures));
        Assert.NotEmpty(result.Claims);
        Assert.All(result.Cells, c => Assert.True(c.Status is CellStatus.Passed or CellStatus.Empty, $"{c.Name}: {c.Status}"));
    }

    [JupyterTheory]
    [MemberData(nameof(Notebooks))]
    public async Task Executed_notebook_is_valid_for_jupyter(string name)
    {
        await Executed.RunAsync(name);
        await Jupyter.ValidateAsync(Executed.PathOf(name));
    }

    /// <summary>
    /// Each committed notebook run once per test run, its executed copy saved to a temporary artifacts
    /// folder; the schema and browser tests reuse these results.
    /// </summary>
    internal static class Executed
    {
        private static readonly ConcurrentDictionary<string, Lazy<Task<NotebookResult>>> runs = new();

        public static string Artifacts { get; } = Directory.CreateTempSubdirectory("deepprep-notebook-tests-").FullName;

        public static string PathOf(string name) => Path.Combine(Artifacts, "notebooks", Path.GetFileName(name));

        public static Task<NotebookResult> RunAsync(string name) => runs.GetOrAdd(name, n => new(async () =>
        {
            await TestRepository.PrepareAsync();
            // A hang guard, not a speed test: the runner's default 2-minute limit can fire on a loaded machine, and
            // speed is measured by bench/ (the notebook suite's wall time), never asserted by a test.
            var result = await new NotebookRunner { TimeLimit = TimeSpan.FromMinutes(10) }.RunAsync(Path.Combine(TestRepository.Repo.Notebooks, n));
            result.Executed.Save(PathOf(n));
            return result;
        })).Value;
    }
}
