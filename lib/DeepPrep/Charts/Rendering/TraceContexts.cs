using System.Text.Json;

namespace DeepPrep.Charts.Rendering;

/// <summary>What a trace needs to draw itself into the SVG: the pixel scales of its subplot and its colour.</summary>
internal sealed class SvgTraceContext
{
    public required SvgBuilder Svg { get; init; }
    public required AxisScale X { get; init; }
    public required AxisScale Y { get; init; }
    public required Rgb Color { get; init; }
}

/// <summary>What a trace needs to write itself as plotly.js JSON: axis ids ("x2"), colour, legend state.</summary>
internal sealed class PlotlyTraceContext
{
    public required Utf8JsonWriter W { get; init; }
    public required string XAxis { get; init; }
    public required string YAxis { get; init; }
    public required Rgb Color { get; init; }
    /// <summary>False for the 2nd "train" curve in a grid of panels: one legend entry per name.</summary>
    public required bool ShowInLegend { get; init; }
    public required AxisScale X { get; init; }
    public required AxisScale Y { get; init; }
    /// <summary>The colour bar's position in paper coordinates (0..1 across the plotting area).</summary>
    public (double X, double Y, double Length)? ColorBar { get; init; }

    /// <summary>Opens a trace object with the fields every trace shares.</summary>
    public void Begin(string type, string? name)
    {
        W.WriteStartObject();
        W.WriteString("type", type);
        W.WriteString("xaxis", XAxis);
        W.WriteString("yaxis", YAxis);
        if (name is not null)
        {
            W.WriteString("name", name);
            W.WriteString("legendgroup", name);
        }
        W.WriteBoolean("showlegend", name is not null && ShowInLegend);
    }

    public void End() => W.WriteEndObject();
}

/// <summary>The colour scale a heatmap or contour trace shows beside its subplot.</summary>
internal sealed record ColorBarSpec(ColorMap Map, double Min, double Max, string? Title);

/// <summary>How a trace looks in the legend.</summary>
internal enum LegendSymbol { Line, Marker, LineAndMarker, Box, None }
