using DeepPrep.Notebooks.Kernel;
using DeepPrep.Notebooks.Format;

namespace DeepPrep.Notebooks.Scripting;

/// <summary>
/// What notebook cells can call without a using: the runner's stand-in for .NET Interactive's
/// <c>Microsoft.DotNet.Interactive.Kernel</c>, brought into scope by a hidden first submission
/// (<c>using static DeepPrep.Notebooks.Scripting.NotebookKernel;</c>). Lower-case names on purpose:
/// cells written for VS Code call them exactly so.
/// </summary>
public static class NotebookKernel
{
    /// <summary>
    /// Shows <paramref name="value"/> below the cell now, before the cell ends, with its formatter
    /// (or as the given MIME types). Returns a handle whose Update replaces what was shown.
    /// </summary>
    public static DisplayedValue display(object? value, params string[] mimeTypes)
    {
        var cell = CellOutputs.Current
            ?? throw new InvalidOperationException("display() was called outside a running notebook cell.");
        return new DisplayedValue(cell, cell.Display(value, mimeTypes), mimeTypes);
    }

    /// <summary>Raw HTML to show as is: <c>display(HTML("&lt;b&gt;bold&lt;/b&gt;"))</c>.</summary>
    public static HtmlContent HTML(string html) => new(html);
}

/// <summary>A value shown by display(); <see cref="Update"/> replaces it in place (e.g. a progress line).</summary>
public sealed class DisplayedValue
{
    private readonly CellOutputs cell;
    private readonly DisplayOutput output;
    private readonly string[] mimeTypes;

    internal DisplayedValue(CellOutputs cell, DisplayOutput output, string[] mimeTypes)
    {
        this.cell = cell;
        this.output = output;
        this.mimeTypes = mimeTypes;
    }

    public void Update(object? value) => cell.Replace(output, value, mimeTypes);

    public override string ToString() => "DisplayedValue";
}

/// <summary>A string of HTML that renders as HTML rather than as text.</summary>
public sealed class HtmlContent(string html)
{
    public string Html { get; } = html;
    public override string ToString() => Html;
}
