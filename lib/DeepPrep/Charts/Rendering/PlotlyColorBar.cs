using System.Text.Json;

namespace DeepPrep.Charts.Rendering;

/// <summary>plotly's colorbar object, placed where the SVG layout put the colour bar (paper coordinates).</summary>
internal static class PlotlyColorBar
{
    public static void Write(Utf8JsonWriter w, double x, double y, double length, string? title)
    {
        w.WriteStartObject("colorbar");
        w.Number("x", x);
        w.WriteString("xanchor", "left");
        w.Number("y", y);
        w.WriteString("yanchor", "middle");
        w.Number("len", length);
        w.WriteString("lenmode", "fraction");
        w.Number("thickness", 14);
        w.Number("outlinewidth", 0);
        if (title is not null)
        {
            w.WriteStartObject("title");
            w.WriteString("text", title);
            w.WriteString("side", "top"); // above the bar, where it cannot collide with the tick labels
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }
}
