using DeepPrep.Formatting;

namespace DeepPrep.Tests.Claims;

/// <summary>Claims decide correctly, record their evidence, and render as one ✓/✗ line.</summary>
public class ClaimTests
{
    [Theory]
    [InlineData(1.0, 2.0, true)]
    [InlineData(2.0, 2.0, false)]    // strict
    [InlineData(double.NaN, 2.0, false)]
    public void Less_is_strict_and_false_for_nan(double a, double b, bool holds) =>
        Assert.Equal(holds, Claim.Less("a < b", a, b).Holds);

    [Fact]
    public void Helpers_decide_with_the_documented_comparison()
    {
        Assert.True(Claim.Greater("", 3, 2).Holds);
        Assert.False(Claim.Greater("", 2, 2).Holds);
        Assert.True(Claim.AtMost("", 2, 2).Holds);
        Assert.False(Claim.AtMost("", 2.0001, 2).Holds);
        Assert.True(Claim.AtLeast("", 2, 2).Holds);
        Assert.True(Claim.InRange("", 0.1, 0.1, 10).Holds);
        Assert.True(Claim.InRange("", 10, 0.1, 10).Holds);
        Assert.False(Claim.InRange("", 10.5, 0.1, 10).Holds);
        Assert.True(Claim.Close("", 1.0, 1.0 + 1e-9, 1e-8).Holds);
        Assert.False(Claim.Close("", 1.0, 1.1, 0.05).Holds);
        Assert.False(Claim.Close("", double.NaN, 1, 1e9).Holds);
    }

    [Fact]
    public void Observed_values_are_named_by_the_argument_expressions()
    {
        double lastLoss = 0.125, firstLoss = 2.5;
        var claim = Claim.Less("the loss fell", lastLoss, firstLoss / 10);

        Assert.Equal([("lastLoss", (object?)0.125), ("firstLoss / 10", 0.25)], claim.Observed);
        Assert.Equal("lastLoss = 0.125, firstLoss / 10 = 0.25", claim.ObservedText());
    }

    [Fact]
    public void Literal_arguments_are_shown_once_and_numbers_compactly()
    {
        double accuracy = 0.97123456, gradient = 3.2e-9;
        Assert.Equal("accuracy = 0.9712, at least = 0.95", Claim.AtLeast("", accuracy, 0.95).ObservedText());
        Assert.Equal("gradient = 3.2e-9, 1e-6", Claim.Less("", gradient, 1e-6).ObservedText());
        Assert.Equal("n = 3, runs = 5", Claim.That("", true, ("n", 3), ("runs", 5)).ObservedText());
    }

    [Fact]
    public void Names_that_look_like_numbers_are_kept_when_they_label_another_value()
    {
        // A depth-10 accuracy labelled "10": the label is a name, not the literal 10.
        Assert.Equal("10 = 0.93, 20 = 0.1", Claim.That("", true, ("10", 0.93), ("20", 0.1)).ObservedText());
        // A float literal is still recognised as its own value (0.1f widens to 0.100000001490116).
        float limit = 0.1f;
        Assert.Equal("limit = 0.1, 0.1", Claim.Less("", limit, 0.1f).ObservedText());
        Assert.Equal("gradient = 0.5, 1e-6", Claim.Greater("", 0.5, 1e-6, "gradient", "1e-6").ObservedText());
    }

    [Fact]
    public void Plain_text_is_one_line_with_a_mark_the_description_and_the_evidence()
    {
        double loss = 0.5;
        Assert.Equal("✓ small (loss = 0.5, 1)", Claim.Less("small", loss, 1).ToString());
        Assert.Equal("✗ FALSE: tiny (loss = 0.5, 0.1)", Claim.Less("tiny", loss, 0.1).ToString());
    }

    [Fact]
    public void Html_is_green_for_a_claim_that_holds_and_red_for_one_that_does_not()
    {
        static string Html(Claim claim)
        {
            var writer = new StringWriter();
            Assert.True(new ClaimFormatterSource.HtmlFormatter().Format(claim, writer));
            return writer.ToString();
        }
        var pass = Html(Claim.That("a <b> & c", true, ("x", 1)));
        var fail = Html(Claim.That("d", false));

        Assert.Contains("data-claim=\"pass\"", pass);
        Assert.Contains("#1a7f37", pass);
        Assert.Contains("a &lt;b&gt; &amp; c", pass);   // descriptions are HTML-encoded
        Assert.Contains("x = 1", pass);
        Assert.Contains("data-claim=\"fail\"", fail);
        Assert.Contains("#cf222e", fail);
        Assert.Contains("✗ FALSE:", fail);
    }

    [Fact]
    public void The_type_carries_the_formatter_convention_a_notebook_host_looks_for()
    {
        var attribute = typeof(Claim).GetCustomAttributes(false).Single(a => a.GetType().Name == "TypeFormatterSourceAttribute");
        var source = (Type)attribute.GetType().GetProperty("FormatterSourceType")!.GetValue(attribute)!;
        var preferred = (string[])attribute.GetType().GetProperty("PreferredMimeTypes")!.GetValue(attribute)!;
        var formatters = ((System.Collections.IEnumerable)source.GetMethod("CreateTypeFormatters")!.Invoke(Activator.CreateInstance(source), null)!).Cast<object>();

        Assert.Equal(["text/html", "text/plain"], preferred);
        Assert.Equal(["text/html", "text/plain"], formatters.Select(f => (string)f.GetType().GetProperty("MimeType")!.GetValue(f)!));
    }

    [Fact]
    public void Every_claim_is_recorded_in_history_with_where_it_was_made()
    {
        var claim = Claim.That("recorded", true);

        Assert.Contains(claim, Claim.History);
        Assert.EndsWith("ClaimTests.cs", claim.SourceFile);
        Assert.True(claim.SourceLine > 0);
    }
}
