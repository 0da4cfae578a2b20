using DeepPrep.Notebooks.Format;
using DeepPrep.Notebooks.Kernel;
using DeepPrep.Notebooks.Running;

namespace DeepPrep.Notebooks.Tests;

/// <summary>
/// The runner behaves like .NET Interactive's C# kernel (shared/notebook-format.md §2–§3), one behaviour
/// per test, each on a small notebook written in the test. Cell 1 of every test notebook is a markdown
/// title, so code cell k is "cell k+1" in messages.
/// </summary>
public class KernelSemanticsTests
{
    private static List<Output> Outputs(NotebookResult result, int cellNumber) => result.Executed.Cells[cellNumber - 1].Outputs;

    private static string ResultText(NotebookResult result, int cellNumber, string mime = "text/html") =>
        Outputs(result, cellNumber).OfType<DisplayOutput>().Single(o => o.IsResult).Get(mime)
        ?? throw new Xunit.Sdk.XunitException($"cell {cellNumber} has no {mime} result");

    [Fact]
    public async Task Later_cells_may_redeclare_variables_and_types()
    {
        var result = await TestNotebook.RunAsync(
            "var x = 1;\nclass Box { public int Value => 1; }",
            "var x = \"two\";\nclass Box { public int Value => 2; }",
            "$\"{x} {new Box().Value}\"");

        Assert.True(result.Passed, string.Join("\n", result.Failures));
        Assert.Equal("two 2", ResultText(result, 4, "text/plain"));
    }

    [Fact]
    public async Task A_runtime_exception_keeps_what_was_assigned_before_it()
    {
        var outputs = new CellOutputs(new NotebookSession());
        var kernel = new CSharpKernel(Path.GetTempPath());
        var timeout = TimeSpan.FromMinutes(1);

        var thrown = await kernel.SubmitAsync("var a = 1;\nvar b = 2;\nthrow new InvalidOperationException(\"boom\");\nvar c = 3;", "t#cell1", outputs, timeout);
        var after = await kernel.SubmitAsync("a + b", "t#cell2", outputs, timeout);

        Assert.Equal(SubmissionStatus.RuntimeError, thrown.Status);
        Assert.Equal("boom", thrown.Exception!.Message);
        Assert.Equal(SubmissionStatus.Completed, after.Status);
        Assert.Equal(3, after.Value);
    }

    [Fact]
    public async Task A_compile_error_keeps_the_previous_state()
    {
        var outputs = new CellOutputs(new NotebookSession());
        var kernel = new CSharpKernel(Path.GetTempPath());
        var timeout = TimeSpan.FromMinutes(1);

        await kernel.SubmitAsync("var k = 5;", "t#cell1", outputs, timeout);
        var broken = await kernel.SubmitAsync("var k = \"shadow\";\nk +;", "t#cell2", outputs, timeout);
        var after = await kernel.SubmitAsync("k * 2", "t#cell3", outputs, timeout);

        Assert.Equal(SubmissionStatus.CompileError, broken.Status);
        Assert.Equal(10, after.Value);
    }

    [Fact]
    public async Task A_runtime_exception_fails_the_run_at_its_cell_and_line_and_later_cells_do_not_run()
    {
        var result = await TestNotebook.RunAsync(
            "var numbers = new List<int>();",
            "// an empty list has no first element\nvar first = numbers.First();",
            "Console.WriteLine(\"never\");");

        Assert.False(result.Passed);
        Assert.Equal(CellStatus.Failed, result.Cells[1].Status);
        Assert.Equal(CellStatus.NotRun, result.Cells[2].Status);
        Assert.StartsWith("cell 3 (id: c2), line 2: System.InvalidOperationException: Sequence contains no elements", result.Failures[0]);
        Assert.Contains("  2 | var first = numbers.First();", result.Failures[0]);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(Outputs(result, 3)));
        Assert.Equal("System.InvalidOperationException", error.Name);
        Assert.Empty(Outputs(result, 4));
    }

    [Fact]
    public async Task A_compile_error_is_reported_with_its_cell_line_and_column()
    {
        var result = await TestNotebook.RunAsync(
            "var ok = 1;",
            "var y = ok + 1;\n\nvar z = missing * 2;");

        Assert.False(result.Passed);
        Assert.StartsWith("cell 3 (id: c2), line 3: error CS0103: The name 'missing' does not exist in the current context", result.Failures[0]);
        Assert.Contains("  3 | var z = missing * 2;", result.Failures[0]);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(Outputs(result, 3)));
        Assert.Equal("CompilationError", error.Name);
        Assert.Equal("(3,9): error CS0103: The name 'missing' does not exist in the current context", error.Value);
    }

    [Fact]
    public async Task Outputs_keep_the_order_in_which_the_cell_produced_them()
    {
        var result = await TestNotebook.RunAsync(
            "Console.WriteLine(\"first\");\ndisplay(2);\nConsole.Error.WriteLine(\"third\");\nConsole.Write(\"fou\");\nConsole.Write(\"rth\");\n\"fifth\".Display();\n6");

        var outputs = Outputs(result, 2);
        Assert.Collection(outputs,
            o => Assert.Equal(("stdout", "first\n"), (((StreamOutput)o).Name, ((StreamOutput)o).Text)),
            o => Assert.Equal("<div class=\"dni-plaintext\"><pre>2</pre></div>", ((DisplayOutput)o).Get("text/html")),
            o => Assert.Equal(("stderr", "third\n"), (((StreamOutput)o).Name, ((StreamOutput)o).Text)),
            o => Assert.Equal(("stdout", "fourth"), (((StreamOutput)o).Name, ((StreamOutput)o).Text)),
            o => Assert.Equal("fifth", ((DisplayOutput)o).Get("text/plain")),
            o => Assert.True(((DisplayOutput)o).IsResult));
        Assert.False(((DisplayOutput)outputs[1]).IsResult);
    }

    [Fact]
    public async Task A_displayed_value_can_be_updated_in_place()
    {
        var result = await TestNotebook.RunAsync("var progress = display(\"epoch 1\");\nprogress.Update(\"epoch 2\");\nprogress.Update(\"done\");");

        var shown = Assert.IsType<DisplayOutput>(Assert.Single(Outputs(result, 2)));
        Assert.Equal("done", shown.Get("text/plain"));
    }

    [Fact]
    public async Task A_trailing_display_call_without_semicolon_shows_its_value_once()
    {
        var result = await TestNotebook.RunAsync("display(\"once\")");

        var shown = Assert.IsType<DisplayOutput>(Assert.Single(Outputs(result, 2)));
        Assert.Equal("once", shown.Get("text/plain"));
    }

    [Fact]
    public async Task A_cell_shows_its_trailing_expression_or_return_value_and_null_as_null()
    {
        var result = await TestNotebook.RunAsync(
            "1 + 1",                                  // cell 2: a value
            "string nothing = null;\nnothing",        // cell 3: null
            "Console.WriteLine(\"void call\")",       // cell 4: a void call has no value
            "var assigned = 3;",                      // cell 5: a statement has no value
            "if (assigned > 0) return assigned * 2;\nreturn 0;",   // cell 6: return
            "\"a string\"");                           // cell 7: strings are text/plain

        Assert.True(result.Passed, string.Join("\n", result.Failures));
        Assert.Equal("<div class=\"dni-plaintext\"><pre>2</pre></div>", ResultText(result, 2));
        Assert.Equal("<div class=\"dni-plaintext\"><pre>&lt;null&gt;</pre></div>", ResultText(result, 3));
        Assert.DoesNotContain(Outputs(result, 4), o => o is DisplayOutput);
        Assert.Empty(Outputs(result, 5));
        Assert.Equal("<div class=\"dni-plaintext\"><pre>6</pre></div>", ResultText(result, 6));
        Assert.Equal("a string", ResultText(result, 7, "text/plain"));
        var value = Outputs(result, 2).OfType<DisplayOutput>().Single();
        Assert.Equal(1, value.ExecutionCount);
    }

    // The formatter convention declared inside the notebook, as a library would declare it.
    private const string ConventionTypes = """
        using System.IO;
        class TypeFormatterSourceAttribute : Attribute
        {
            public TypeFormatterSourceAttribute(Type source) => FormatterSourceType = source;
            public Type FormatterSourceType { get; }
            public string[] PreferredMimeTypes { get; set; }
        }
        class Formatters { public IEnumerable CreateTypeFormatters() => new object[] { new Html(), new Plain() }; }
        class Html
        {
            public string MimeType => "text/html";
            public Type Type => typeof(Temperature);
            // Declines negative temperatures: the default HTML takes over.
            public bool Format(object value, TextWriter writer)
            {
                var t = (Temperature)value;
                if (t.Celsius < 0) return false;
                writer.Write($"<b>{t.Celsius} °C</b>");
                return true;
            }
        }
        class Plain
        {
            public string MimeType => "text/plain";
            public bool Format(object value, TextWriter writer) { writer.Write("plain " + value); return true; }
        }
        [TypeFormatterSource(typeof(Formatters), PreferredMimeTypes = new[] { "text/html", "text/plain" })]
        record Temperature(double Celsius);
        [TypeFormatterSource(typeof(Formatters))]
        record Untyped(int N);
        """;

    [Fact]
    public async Task Convention_formatters_render_preferred_mime_types_and_fall_back_to_the_default()
    {
        var result = await TestNotebook.RunAsync(
            ConventionTypes,
            "new Temperature(21.5)",                          // cell 3: both preferred MIME types, in one bundle
            "new Temperature(-4)",                            // cell 4: the HTML formatter declines → default HTML
            "display(new Temperature(30), \"text/plain\");",  // cell 5: an explicit MIME type
            "new Untyped(7)",                                 // cell 6: no preferred types → text/html only
            "new Uri(\"https://example.org/\")");            // cell 7: no formatter at all → ToString() in <pre>

        Assert.True(result.Passed, string.Join("\n", result.Failures));
        var both = Outputs(result, 3).OfType<DisplayOutput>().Single();
        Assert.Equal(["text/html", "text/plain"], both.Data.Select(d => d.Key));
        Assert.Equal("<b>21.5 °C</b>", both.Get("text/html"));
        Assert.Equal("plain Temperature { Celsius = 21.5 }", both.Get("text/plain"));
        Assert.Equal("<div class=\"dni-plaintext\"><pre>Temperature { Celsius = -4 }</pre></div>", ResultText(result, 4));
        var explicitPlain = Outputs(result, 5).OfType<DisplayOutput>().Single();
        Assert.Equal(["text/plain"], explicitPlain.Data.Select(d => d.Key));
        var untyped = Outputs(result, 6).OfType<DisplayOutput>().Single();
        Assert.Equal(["text/html"], untyped.Data.Select(d => d.Key));
        Assert.Equal("<div class=\"dni-plaintext\"><pre>Untyped { N = 7 }</pre></div>", untyped.Get("text/html"));
        Assert.Equal("<div class=\"dni-plaintext\"><pre>https://example.org/</pre></div>", ResultText(result, 7));
    }

    [Fact]
    public async Task A_formatter_that_throws_fails_the_cell_with_the_reason()
    {
        var result = await TestNotebook.RunAsync(
            ConventionTypes.Replace("if (t.Celsius < 0) return false;", "if (t.Celsius < 0) throw new ArgumentException(\"too cold\");"),
            "new Temperature(-1)");

        Assert.False(result.Passed);
        Assert.Contains("text/html formatter of", result.Failures[0]);
        Assert.Contains("threw ArgumentException: too cold", result.Failures[0]);
    }

    [Fact]
    public async Task Time_directive_reports_wall_time_and_csharp_directive_is_a_no_op()
    {
        var result = await TestNotebook.RunAsync("#!time\nSystem.Threading.Thread.Sleep(50);", "#!csharp\n40 + 2");

        Assert.True(result.Passed, string.Join("\n", result.Failures));
        var time = Outputs(result, 2).OfType<DisplayOutput>().Single().Get("text/plain")!;
        Assert.Matches(@"^Wall time: \d+(\.\d+)?ms$", time);
        Assert.True(double.Parse(time[11..^2], System.Globalization.CultureInfo.InvariantCulture) >= 50);
        Assert.Equal("<div class=\"dni-plaintext\"><pre>42</pre></div>", ResultText(result, 3));
    }

    [Theory]
    [InlineData("#r \"nuget: Newtonsoft.Json, 13.0.3\"", "asks for a NuGet package")]
    [InlineData("#i \"nuget: https://example.org/feed\"", "adds a package source")]
    [InlineData("#!fsharp\nlet x = 1", "The directive '#!fsharp' is not supported")]
    [InlineData("var a = 1;\n#!set --name x --value 1", "The directive '#!set' is not supported")]
    public async Task Package_directives_and_unknown_magic_commands_are_rejected_clearly(string cell, string message)
    {
        var result = await TestNotebook.RunAsync(cell);

        Assert.False(result.Passed);
        Assert.Contains(message, result.Failures[0]);
        Assert.StartsWith("cell 2 (id: c1), line", result.Failures[0]);
        Assert.Equal("DirectiveError", Assert.IsType<ErrorOutput>(Assert.Single(Outputs(result, 2))).Name);
    }

    [Fact]
    public async Task A_cell_still_running_at_the_time_limit_fails_the_notebook()
    {
        using var folder = new TempFolder();
        var path = TestNotebook.Write(folder["slow.ipynb"], "var started = true;", "System.Threading.Thread.Sleep(4000);", "var never = 1;");

        var result = await new NotebookRunner { TimeLimit = TimeSpan.FromSeconds(1.5) }.RunAsync(path);

        Assert.False(result.Passed);
        Assert.Equal(CellStatus.TimedOut, result.Cells[1].Status);
        Assert.Equal(CellStatus.NotRun, result.Cells[2].Status);
        Assert.Contains("cell 3 (id: c2): timed out", result.Failures[0]);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(3.5), $"took {result.Elapsed}");
    }

    [Fact]
    public async Task Library_references_resolve_relative_to_the_notebooks_folder()
    {
        // Fixtures/false-claim.ipynb loads "../../../lib/DeepPrep/bin/DeepPrep.dll": right only from its own folder.
        await TestRepository.PrepareAsync();
        var result = await new NotebookRunner().RunAsync(TestRepository.Fixture("false-claim.ipynb"));

        Assert.Equal(CellStatus.Passed, result.Cells[0].Status);
        Assert.Equal(Environment.CurrentDirectory, Directory.GetCurrentDirectory());   // restored afterwards
    }

    [Fact]
    public async Task Each_notebook_gets_its_own_copy_of_the_library_state()
    {
        await TestRepository.PrepareAsync();
        var first = await TestNotebook.RunAsync(TestNotebook.LoadLibrary, "Tensor.DefaultDType = DType.Float64;\nClaim.That(\"one\", true)");
        var second = await TestNotebook.RunAsync(TestNotebook.LoadLibrary, "Tensor.DefaultDType.ToString()");

        Assert.Single(first.Claims);
        Assert.Empty(second.Claims);
        Assert.Equal("Float32", ResultText(second, 3, "text/plain").Trim());
    }
}
