using System.Collections;
using DeepPrep.Charts;

namespace DeepPrep.Formatting;

/// <summary>
/// Tells a notebook host how to show a <see cref="Figure"/> (see <see cref="TypeFormatterSourceAttribute"/>).
/// Three MIME types in one bundle, and the host shows the richest it supports:
/// text/html (SVG + upgrade to interactive plotly.js), image/svg+xml (the plain SVG, for viewers that drop
/// HTML), text/plain (a one-line description, for terminals and logs).
/// </summary>
/// <remarks>Public because hosts create it by reflection; learners don't need it.</remarks>
public sealed class FigureFormatterSource
{
    public IEnumerable CreateTypeFormatters() => new[]
    {
        new FigureFormatter("text/html", f => f.ToHtml()),
        new FigureFormatter("image/svg+xml", f => f.ToSvg()),
        new FigureFormatter("text/plain", f => f.ToString()),
    };
}

/// <summary>Renders a <see cref="Figure"/> as one MIME type, in the shape notebook hosts look for.</summary>
public sealed class FigureFormatter
{
    private readonly Func<Figure, string> render;

    internal FigureFormatter(string mimeType, Func<Figure, string> render) => (MimeType, this.render) = (mimeType, render);

    public string MimeType { get; }

    public Type Type => typeof(Figure);

    /// <summary>Writes the figure; returns false for anything that isn't a figure, so the host falls back to its default.</summary>
    public bool Format(object instance, TextWriter writer)
    {
        if (instance is not Figure figure) return false;
        writer.Write(render(figure));
        return true;
    }
}
