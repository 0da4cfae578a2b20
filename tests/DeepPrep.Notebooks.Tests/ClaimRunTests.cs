using DeepPrep.Notebooks.Format;
using DeepPrep.Notebooks.Running;

namespace DeepPrep.Notebooks.Tests;

/// <summary>How claims made in cells reach the runner: visible ✓/✗ outputs, and a failed run when one is false or hidden.</summary>
public class ClaimRunTests
{
    [Fact]
    public async Task A_false_claim_fails_the_notebook_naming_the_claim_cell_line_and_observed_values()
    {
        await TestRepository.PrepareAsync();
        var result = await new NotebookRunner().RunAsync(TestRepository.Fixture("false-claim.ipynb"));

        Assert.False(result.Passed);
        Assert.Equal([true, false], result.Claims.Select(c => c.Holds));
        var failure = Assert.Single(result.Failures);
        Assert.Equal("cell 4, line 2: false claim \"the loss fell below 0.1\" — observed loss = 0.25, 0.1\n"
            + "      2 | Claim.Less(\"the loss fell below 0.1\", loss, 0.1)", failure);
        // A false claim is a result, not a crash: later cells still run.
        Assert.All(result.Cells, c => Assert.Equal(CellStatus.Passed, c.Status));

        var shown = result.Executed.Cells[3].Outputs.OfType<DisplayOutput>().Single();
        Assert.Contains("data-claim=\"fail\"", shown.Get("text/html"));
        Assert.Contains("✗ FALSE:", shown.Get("text/html"));
        Assert.Equal("✗ FALSE: the loss fell below 0.1 (loss = 0.25, 0.1)", shown.Get("text/plain"));
    }

    [Fact]
    public async Task Claims_are_seen_when_the_library_loads_while_the_first_cell_compiles()
    {
        // A top-level variable of a library type (var f64 = DType.Float64;) becomes a field of the cell's
        // submission class, so the library assembly loads when that class is loaded, on the compiling thread,
        // before the cell runs. The runner once lost track of the library then and passed the notebook with no claims.
        await TestRepository.PrepareAsync();
        var result = await new NotebookRunner().RunAsync(TestRepository.Fixture("typed-first-cell.ipynb"));

        Assert.False(result.Passed);
        var claim = Assert.Single(result.Claims);
        Assert.False(claim.Holds);
        Assert.Equal("the loss fell below 0.1", claim.Description);
    }

    [Fact]
    public async Task Run_exits_non_zero_and_prints_the_failed_claim()
    {
        await TestRepository.PrepareAsync();
        using var folder = new TempFolder();
        var console = new RecordingConsole();

        int exitCode = await Program.BuildCommandLine(console.Console)
            .Parse(["run", TestRepository.Fixture("false-claim.ipynb"), "--no-build", "--output", folder.Path])
            .InvokeAsync();

        Assert.Equal(RunCommand.NotebookFailed, exitCode);
        Assert.Contains("✗ false-claim.ipynb", console.Text);
        Assert.Contains("cell 4, line 2: false claim \"the loss fell below 0.1\" — observed loss = 0.25, 0.1", console.Text);
        Assert.Contains("1 notebook: 0 passed, 1 failed", console.Text);
        Assert.True(File.Exists(Path.Combine(folder.Path, "notebooks", "false-claim.ipynb")));
        Assert.True(File.Exists(Path.Combine(folder.Path, "site", "false-claim.html")));
    }

    [Fact]
    public async Task A_claim_that_is_never_shown_fails_the_notebook_even_when_it_holds()
    {
        await TestRepository.PrepareAsync();
        var result = await TestNotebook.RunAsync(
            TestNotebook.LoadLibrary,
            "Claim.That(\"hidden but true\", true);\nClaim.AtLeast(\"shown\", 3, 2)",
            "var kept = Claim.InRange(\"kept for later\", 0.5, 0, 1);",
            "kept");

        var failure = Assert.Single(result.Failures);
        Assert.StartsWith("cell 3, line 1: the claim \"hidden but true\" was made but never shown.", failure);
        Assert.Equal(3, result.Claims.Count);
        Assert.Equal([false, true, true], result.Claims.Select(c => c.Shown));
        Assert.Equal(4, result.Claims[2].CellNumber);
    }

    [Fact]
    public async Task Claims_made_through_display_and_helpers_all_count()
    {
        await TestRepository.PrepareAsync();
        var result = await TestNotebook.RunAsync(
            TestNotebook.LoadLibrary,
            "display(Claim.Close(\"pi is about 3.14\", Math.PI, 3.14, 0.01));\nClaim.Greater(\"e is more than 2\", Math.E, 2).Display();",
            "Claim Check(double v) => Claim.AtMost(\"small\", v, 1);\ndisplay(Check(0.5));\nCheck(2)");

        Assert.Equal(["pi is about 3.14", "e is more than 2", "small", "small"], result.Claims.Select(c => c.Description));
        Assert.Equal([true, true, true, false], result.Claims.Select(c => c.Holds));
        Assert.All(result.Claims, c => Assert.True(c.Shown));
        // A claim made in a helper is located where the helper was written.
        Assert.Equal("cell 4, line 1", result.Claims[3].Where);
        Assert.Single(result.Failures);
    }
}
