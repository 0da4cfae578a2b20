using System.Text.RegularExpressions;

namespace DeepPrep.Notebooks.Site;

/// <summary>
/// Links between notebooks, made to work on the site. A notebook links to a sibling the way VS Code, Jupyter and
/// GitHub resolve it, by its relative file name: <c>[notebook 07](07-learning-rate.ipynb)</c>. On the site that
/// notebook is the page <c>07-learning-rate.html</c> in the same folder (<see cref="SiteWriter.PageName"/>), so
/// every such link in rendered markdown is pointed there, keeping any <c>#fragment</c>.
/// </summary>
/// <remarks>
/// Only plain sibling file names are rewritten: no scheme (<c>https:</c>), no folder, no query. Links to
/// notebooks elsewhere (another folder, GitHub) are left alone. It works on the HTML Markdig produced, so it
/// covers markdown links and raw <c>&lt;a href&gt;</c> tags (e.g. inside <c>&lt;details&gt;</c> answers) alike.
/// </remarks>
internal static partial class NotebookLinks
{
    // href="NAME.ipynb" or href="NAME.ipynb#frag", NAME without '/', '\', ':', '?', '#' or quotes.
    [GeneratedRegex("""href="(?<name>[^"/\\:?#]+)\.ipynb(?<fragment>#[^"]*)?"(?=[\s>/])""", RegexOptions.CultureInvariant)]
    private static partial Regex SiblingNotebookHref();

    /// <summary>Points every link to a sibling .ipynb in <paramref name="html"/> at its site page (.html).</summary>
    public static string ToSitePages(string html) =>
        SiblingNotebookHref().Replace(html, m => $"href=\"{m.Groups["name"].Value}.html{m.Groups["fragment"].Value}\"");
}
