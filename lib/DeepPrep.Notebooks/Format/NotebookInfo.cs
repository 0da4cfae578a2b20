using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DeepPrep.Notebooks.Format;

/// <summary>An interview question a notebook answers: its ID in the curriculum (F6, E8, …) if any, and its words (markdown).</summary>
internal sealed record InterviewQuestion(string? Id, string Markdown);

/// <summary>
/// What the site's index shows for a notebook, read from its opening markdown (lesson-template.md §1):
/// the title is the first "# " heading; the questions are the list items of the introduction (the markdown
/// before the first code cell) that carry a curriculum ID (F6, E8, M3, S14) or sit under a heading that
/// mentions "question".
/// </summary>
internal sealed partial record NotebookInfo(string Title, IReadOnlyList<InterviewQuestion> Questions)
{
    public static NotebookInfo From(Notebook notebook, string fallbackTitle)
    {
        string? title = null;
        var questions = new List<InterviewQuestion>();
        var pipeline = new MarkdownPipelineBuilder().UsePreciseSourceLocation().Build();

        foreach (var cell in notebook.Cells.TakeWhile(c => !c.IsCode).Where(c => c.IsMarkdown))
        {
            var document = Markdown.Parse(cell.Source, pipeline);
            bool underQuestionsHeading = false;
            foreach (var block in document.Descendants<Block>())
            {
                if (block is HeadingBlock heading)
                {
                    var text = InlineText(heading.Inline);
                    if (heading.Level == 1 && title == null) title = text;
                    underQuestionsHeading = heading.Level > 1 && text.Contains("question", StringComparison.OrdinalIgnoreCase);
                }
                else if (block is ListItemBlock item && item.Parent is ListBlock { Parent: MarkdownDocument })
                {
                    var markdown = cell.Source.Substring(item.Span.Start, item.Span.Length).Trim();
                    markdown = ListMarker().Replace(markdown, "");
                    var id = QuestionId().Match(markdown);
                    if (id.Success || underQuestionsHeading)
                        questions.Add(new InterviewQuestion(id.Success ? id.Groups[1].Value : null, markdown));
                }
            }
        }
        return new NotebookInfo(title ?? fallbackTitle, questions);
    }

    private static string InlineText(ContainerInline? inline)
    {
        if (inline == null) return "";
        var text = new System.Text.StringBuilder();
        foreach (var leaf in inline.Descendants<Inline>())
        {
            if (leaf is LiteralInline literal) text.Append(literal.Content.ToString());
            else if (leaf is CodeInline code) text.Append(code.Content);
        }
        return text.ToString().Trim();
    }

    // A curriculum question ID such as F6, E10, M3 or S23, as a whole word (bold or not).
    [GeneratedRegex(@"(?<![A-Za-z0-9])([FEMS]\d{1,2})(?![A-Za-z0-9])")]
    private static partial Regex QuestionId();

    [GeneratedRegex(@"^([-*+]|\d+[.)])\s+")]
    private static partial Regex ListMarker();
}
