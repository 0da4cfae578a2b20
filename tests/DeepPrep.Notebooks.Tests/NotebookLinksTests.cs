using DeepPrep.Notebooks.Site;
using Markdig;

namespace DeepPrep.Notebooks.Tests;

/// <summary>Links between notebooks are relative .ipynb names in the notebooks and .html pages on the site.</summary>
public class NotebookLinksTests
{
    private static string Render(string markdown) =>
        NotebookLinks.ToSitePages(Markdown.ToHtml(markdown, new MarkdownPipelineBuilder().UseAdvancedExtensions().Build()));

    [Fact]
    public void Markdown_links_to_sibling_notebooks_point_at_their_pages()
    {
        var html = Render("See [notebook 07](07-learning-rate.ipynb) and [the chart](13-bias-variance.ipynb#cell-5).");
        Assert.Contains("href=\"07-learning-rate.html\"", html);
        Assert.Contains("href=\"13-bias-variance.html#cell-5\"", html);
        Assert.DoesNotContain(".ipynb", html);
    }

    [Fact]
    public void Links_inside_details_answers_are_rewritten_too()
    {
        // The answer form the notebooks use: markdown between blank lines inside <details>, or a raw <a> tag.
        var html = Render("<details><summary>Answer</summary>\n\nShown in [notebook 22](22-ensembles-bagging-boosting.ipynb).\n\n</details>\n\n" +
                          "<details><summary>Answer</summary>See <a href=\"10-vanishing-exploding-gradients.ipynb\">notebook 10</a>.</details>");
        Assert.Contains("href=\"22-ensembles-bagging-boosting.html\"", html);
        Assert.Contains("href=\"10-vanishing-exploding-gradients.html\"", html);
    }

    [Theory]
    [InlineData("[remote](https://github.com/x/y/blob/main/notebooks/07-learning-rate.ipynb)")]
    [InlineData("[other folder](../other/07-learning-rate.ipynb)")]
    [InlineData("[executed copy](../notebooks/07-learning-rate.ipynb)")]
    [InlineData("[a page](07-learning-rate.html)")]
    public void Other_links_are_left_alone(string markdown)
    {
        var plain = Markdown.ToHtml(markdown, new MarkdownPipelineBuilder().UseAdvancedExtensions().Build());
        Assert.Equal(plain, Render(markdown));
    }
}
