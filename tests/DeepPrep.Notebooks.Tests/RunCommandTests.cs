using System.Text.Json.Nodes;
using DeepPrep.Notebooks.Running;

namespace DeepPrep.Notebooks.Tests;

/// <summary>The README's main command end to end, and the executed notebooks it writes.</summary>
public class RunCommandTests
{
    [Fact]
    public async Task Main_command_builds_the_library_then_writes_executed_notebooks_and_the_site()
    {
        using var artifacts = new TempFolder();
        var console = new RecordingConsole();

        // As the README runs it (`run`), limited to the sample notebook so the suite runs each notebook once.
        int exitCode = await Program.BuildCommandLine(console.Console)
            .Parse(["run", "--filter", "00-hello", "--output", artifacts.Path])
            .InvokeAsync();

        Assert.True(exitCode == RunCommand.Passed, console.Text);
        Assert.Contains("Building lib/DeepPrep (Release)", console.Text);
        Assert.Contains("1 notebook: 1 passed, 0 failed", console.Text);
        Assert.Contains($"Site: {artifacts["site"]}/index.html", console.Text);
        var executed = JsonNode.Parse(File.ReadAllText(artifacts["notebooks/00-hello-deepprep.ipynb"]))!;
        Assert.Contains(executed["cells"]!.AsArray(), c => c!["outputs"] is JsonArray { Count: > 0 });
        foreach (var file in new[] { "index.html", "00-hello-deepprep.html", "assets/site.css", "assets/plotly.min.js", "assets/katex/katex.min.js" })
            Assert.True(File.Exists(Path.Combine(artifacts["site"], file)), $"site/{file} is missing");
        Assert.Contains("href=\"../notebooks/00-hello-deepprep.ipynb\"", File.ReadAllText(Path.Combine(artifacts["site"], "00-hello-deepprep.html")));
    }

    [Fact]
    public async Task Nothing_to_run_exits_with_2_and_says_why()
    {
        var console = new RecordingConsole();
        int exitCode = await Program.BuildCommandLine(console.Console)
            .Parse(["run", "--filter", "no-such-notebook", "--no-build", "--output", Path.GetTempPath()])
            .InvokeAsync();

        Assert.Equal(RunCommand.CouldNotRun, exitCode);
        Assert.Contains("No notebooks found", console.Text);
        Assert.Contains("matching 'no-such-notebook'", console.Text);
    }

    [Theory]
    [InlineData("07-learning-rate.ipynb", "07", true)]
    [InlineData("07-learning-rate.ipynb", "LEARNING", true)]
    [InlineData("07-learning-rate.ipynb", "0?-*.ipynb", true)]
    [InlineData("07-learning-rate.ipynb", "1*", false)]
    public void Filter_matches_part_of_the_name_or_a_glob(string file, string filter, bool matches) =>
        Assert.Equal(matches, Repository.Matches(file, filter));

    [JupyterFact]
    public async Task Executed_notebooks_with_every_kind_of_error_are_valid_for_jupyter()
    {
        using var folder = new TempFolder();
        var notebooks = new List<string>();
        async Task Executed(string name, params string[] cells)
        {
            var result = await new NotebookRunner { TimeLimit = TimeSpan.FromSeconds(2) }.RunAsync(TestNotebook.Write(folder[name + ".ipynb"], cells));
            var path = folder[name + ".executed.ipynb"];
            result.Executed.Save(path);
            notebooks.Add(path);
        }

        await Executed("outputs", "Console.WriteLine(\"out\"); Console.Error.Write(\"err\"); display(1); display(\"two\"); 3");
        await Executed("compile-error", "var x = ;");
        await Executed("runtime-error", "throw new Exception(\"boom\");");
        await Executed("directive-error", "#!pwsh\nGet-Date");
        await Executed("timeout", "System.Threading.Thread.Sleep(3000);");

        await Jupyter.ValidateAsync([.. notebooks]);
    }
}
