using System.Text;
using static DeepPrep.Charts.Rendering.NumberFormat;

namespace DeepPrep.Charts.Rendering;

/// <summary>
/// Writes SVG elements as text. Styling goes into presentation attributes (fill, stroke, font-size), not CSS
/// classes or style sheets, because notebook viewers and sanitisers often drop &lt;style&gt;; the class names are
/// only markers (trace kind, for tests and for readers of the SVG).
/// </summary>
internal sealed class SvgBuilder
{
    private readonly StringBuilder sb = new();

    /// <summary>Escapes text for an XML element or attribute value.</summary>
    public static string Escape(string s) =>
        s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");

    public SvgBuilder Raw(string text) { sb.Append(text); return this; }

    /// <summary>Opens an element; attributes are name/value pairs, null values are left out.</summary>
    public SvgBuilder Open(string tag, params (string Name, string? Value)[] attributes)
    {
        sb.Append('<').Append(tag);
        WriteAttributes(attributes);
        sb.Append('>');
        return this;
    }

    public SvgBuilder Close(string tag) { sb.Append("</").Append(tag).Append(">\n"); return this; }

    /// <summary>An element with no content: &lt;tag a="1"/&gt;.</summary>
    public SvgBuilder Empty(string tag, params (string Name, string? Value)[] attributes)
    {
        sb.Append('<').Append(tag);
        WriteAttributes(attributes);
        sb.Append("/>\n");
        return this;
    }

    public SvgBuilder Line(double x1, double y1, double x2, double y2, Rgb stroke, double width = 1, string? dash = null, string? cls = null) =>
        Empty("line", ("class", cls), ("x1", Coord(x1)), ("y1", Coord(y1)), ("x2", Coord(x2)), ("y2", Coord(y2)),
            ("stroke", stroke.Hex), ("stroke-width", Coord(width)), ("stroke-dasharray", dash));

    public SvgBuilder Rect(double x, double y, double w, double h, string fill, string? cls = null, string? stroke = null, double? opacity = null) =>
        Empty("rect", ("class", cls), ("x", Coord(x)), ("y", Coord(y)), ("width", Coord(Math.Max(0, w))), ("height", Coord(Math.Max(0, h))),
            ("fill", fill), ("stroke", stroke), ("fill-opacity", opacity is double o ? Short(o) : null));

    /// <summary>Text at (x, y); anchor is start, middle or end; y is the baseline unless baseline is given.</summary>
    public SvgBuilder Text(double x, double y, string text, double fontSize, Rgb? fill = null, string anchor = "start",
        string? weight = null, double rotate = 0, string? cls = null, string? baseline = null, bool halo = false)
    {
        sb.Append("<text");
        WriteAttributes([("class", cls), ("x", Coord(x)), ("y", Coord(y)), ("font-size", Coord(fontSize)),
            ("fill", (fill ?? Palette.Ink).Hex), ("text-anchor", anchor == "start" ? null : anchor), ("font-weight", weight),
            ("dominant-baseline", baseline),
            // A white outline painted under the glyphs keeps text readable where it crosses lines.
            ("stroke", halo ? "#ffffff" : null), ("stroke-width", halo ? "3" : null), ("paint-order", halo ? "stroke" : null),
            ("transform", rotate == 0 ? null : $"rotate({Coord(rotate)} {Coord(x)} {Coord(y)})")]);
        sb.Append('>').Append(Escape(text)).Append("</text>\n");
        return this;
    }

    /// <summary>
    /// Several lines as one text element (one &lt;tspan&gt; per line, <paramref name="lineHeight"/> apart), so the
    /// lines stay one title for readers and tests; a single line is written as plain text.
    /// </summary>
    public SvgBuilder TextLines(double x, double y, IReadOnlyList<string> lines, double lineHeight, double fontSize,
        string anchor = "start", string? weight = null, string? cls = null)
    {
        if (lines.Count == 1) return Text(x, y, lines[0], fontSize, anchor: anchor, weight: weight, cls: cls);
        sb.Append("<text");
        WriteAttributes([("class", cls), ("x", Coord(x)), ("y", Coord(y)), ("font-size", Coord(fontSize)),
            ("fill", Palette.Ink.Hex), ("text-anchor", anchor == "start" ? null : anchor), ("font-weight", weight)]);
        sb.Append('>');
        for (int k = 0; k < lines.Count; k++)
        {
            sb.Append("<tspan");
            WriteAttributes([("x", Coord(x)), ("dy", k == 0 ? null : Coord(lineHeight))]);
            sb.Append('>').Append(Escape(lines[k])).Append("</tspan>");
        }
        sb.Append("</text>\n");
        return this;
    }

    private void WriteAttributes((string Name, string? Value)[] attributes)
    {
        foreach (var (name, value) in attributes)
            if (value is not null) sb.Append(' ').Append(name).Append("=\"").Append(Escape(value)).Append('"');
    }

    public override string ToString() => sb.ToString();
}
