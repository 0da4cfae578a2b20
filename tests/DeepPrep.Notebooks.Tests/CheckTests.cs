using System.Text.Json.Nodes;
using DeepPrep.Notebooks.Checking;

namespace DeepPrep.Notebooks.Tests;

/// <summary>`check` accepts the committed notebooks and explains what is wrong with broken ones.</summary>
public class CheckTests
{
    public static TheoryData<string> Notebooks() => [.. NotebookTests.CommittedNotebooks()];

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Every_committed_notebook_passes_check(string name)
    {
        var problems = NotebookChecker.Check(Path.Combine(TestRepository.Repo.Notebooks, name), TestRepository.Repo.LibraryDll);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    // Breaks a copy of the sample notebook in one way and returns what check says about it.
    private static List<string> CheckBroken(Action<JsonObject> breakIt)
    {
        var sample = Path.Combine(TestRepository.Repo.Notebooks, "00-hello-deepprep.ipynb");
        var json = JsonNode.Parse(File.ReadAllText(sample))!.AsObject();
        breakIt(json);
        // Same folder as the original, so the relative #r still resolves.
        var path = Path.Combine(TestRepository.Repo.Notebooks, $".check-test-{Guid.NewGuid():N}.ipynb");
        try
        {
            File.WriteAllText(path, json.ToJsonString());
            return NotebookChecker.Check(path, TestRepository.Repo.LibraryDll);
        }
        finally { File.Delete(path); }
    }

    private static JsonObject FirstCode(JsonObject notebook) => notebook["cells"]!.AsArray().Select(c => c!.AsObject()).First(c => (string?)c["cell_type"] == "code");

    [Fact]
    public void Saved_outputs_are_reported()
    {
        var problems = CheckBroken(nb =>
        {
            var cell = FirstCode(nb);
            cell["execution_count"] = 1;
            cell["outputs"] = new JsonArray(new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = "hi" });
        });
        Assert.Contains(problems, p => p.Contains("has saved outputs"));
        Assert.Contains(problems, p => p.Contains("has an execution count"));
    }

    [Fact]
    public void Wrong_format_version_and_metadata_are_reported()
    {
        var problems = CheckBroken(nb =>
        {
            nb["nbformat_minor"] = 4;
            nb["metadata"]!["kernelspec"]!["name"] = "python3";
            nb["metadata"]!.AsObject().Remove("polyglot_notebook");
            FirstCode(nb)["metadata"] = new JsonObject();
        });
        Assert.Contains(problems, p => p.StartsWith("nbformat must be 4.5"));
        Assert.Contains(problems, p => p.StartsWith("metadata.kernelspec"));
        Assert.Contains(problems, p => p.StartsWith("metadata.polyglot_notebook.kernelInfo"));
        Assert.Contains(problems, p => p.Contains("code cell metadata needs"));
    }

    [Fact]
    public void Missing_or_duplicate_cell_ids_are_reported()
    {
        var problems = CheckBroken(nb =>
        {
            var cells = nb["cells"]!.AsArray();
            cells[0]!.AsObject().Remove("id");
            cells[2]!["id"] = (string?)cells[1]!["id"];
        });
        Assert.Contains(problems, p => p.Contains("has no \"id\""));
        Assert.Contains(problems, p => p.Contains("is used twice"));
    }

    [Theory]
    [InlineData("using DeepPrep;", "the first code cell must start by loading the library")]
    [InlineData("#r \"/abs/lib/DeepPrep/bin/DeepPrep.dll\"", "must be relative")]
    [InlineData("#r \"../lib/DeepPrep/bin/Release/net8.0/DeepPrep.dll\"", "stable build path")]
    [InlineData("#r \"../../lib/DeepPrep/bin/DeepPrep.dll\"", "does not lead to the repository's")]
    public void The_first_cell_must_load_the_library_by_its_stable_relative_path(string firstLine, string message)
    {
        var problems = CheckBroken(nb => FirstCode(nb)["source"] = firstLine + "\nusing DeepPrep;");
        Assert.Contains(problems, p => p.Contains(message));
    }

    [Fact]
    public void A_notebook_without_a_claim_is_reported()
    {
        var problems = CheckBroken(nb =>
        {
            foreach (var cell in nb["cells"]!.AsArray().Select(c => c!.AsObject()).Where(c => (string?)c["cell_type"] == "code"))
                cell["source"] = string.Concat(cell["source"]!.AsArray().Select(l => (string?)l))
                    .Replace("Claim.", "// Claim.");
        });
        Assert.Contains(problems, p => p.StartsWith("no claim"));
    }

    [Fact]
    public void Rejected_directives_are_reported_without_running()
    {
        var problems = CheckBroken(nb => nb["cells"]!.AsArray().Add(new JsonObject
        {
            ["cell_type"] = "code", ["id"] = "pkg", ["execution_count"] = null, ["outputs"] = new JsonArray(),
            ["metadata"] = JsonNode.Parse("""{"dotnet_interactive":{"language":"csharp"},"polyglot_notebook":{"kernelName":"csharp"}}"""),
            ["source"] = "#r \"nuget: Plotly.NET, 5.0.0\"",
        }));
        Assert.Contains(problems, p => p.Contains("asks for a NuGet package"));
    }

    [Fact]
    public void Check_command_exits_zero_for_the_committed_notebooks()
    {
        var console = new RecordingConsole();
        int exitCode = CheckCommand.Execute(console.Console, [TestRepository.Repo.Notebooks], null);
        Assert.True(exitCode == 0, console.Text);
    }
}
