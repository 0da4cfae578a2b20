namespace DeepPrep.Charts.Rendering;

/// <summary>
/// The figure title: how it breaks into lines and where it is centred. One rule for both renderings, so the
/// SVG and the plotly chart that replaces it show the same lines in the same place.
/// </summary>
/// <remarks>
/// The title is bold (<see cref="TextMetrics.BoldFactor"/>) and centred over the plot area. It must stay
/// inside the figure and, in plotly, out of the mode bar (the zoom/pan/download buttons plotly puts at the
/// top right, over where a long title would run). So every line fits the band from <see cref="Edge"/> to the
/// mode bar's left end; a longer title breaks at spaces into more lines, and the layout moves the plot
/// down by one <see cref="LineHeight"/> per extra line. The SVG has no mode bar but keeps the same band, so
/// the title does not re-wrap when plotly takes over.
/// </remarks>
internal static class TitleLayout
{
    /// <summary>Baseline of the first title line, in pixels from the top of the figure.</summary>
    public const double FirstBaseline = 28;

    /// <summary>Distance between title lines: plotly sets multi-line text 1.3 em apart, and the SVG copies it.</summary>
    public const double LineHeight = 1.3 * LayoutEngine.TitleSize;

    /// <summary>Room left of the figure's edge.</summary>
    public const double Edge = 10;

    /// <summary>
    /// Width of plotly's mode bar with the buttons <see cref="PlotlyWriter"/> leaves (download, zoom, pan,
    /// zoom in/out, autoscale, reset: 7 buttons in 3 groups), plus a small gap. Measured in Chromium with
    /// plotly.js 4.1.2: the bar spans 192 px, ending 2 px from the right edge; the browser test
    /// A_long_title_wraps_beside_the_mode_bar_and_lands_where_the_svg_put_it re-measures it.
    /// </summary>
    public const double ModeBarWidth = 198;

    /// <summary>
    /// The horizontal band the title lines must fit in: from <see cref="Edge"/> to the mode bar. On a figure so
    /// narrow that this band would be under 60% of the width, the title may use the full width instead (better
    /// a mode bar over the end of a title while the mouse is on the chart than a title in five lines).
    /// </summary>
    public static (double Left, double Right) Band(double figureWidth)
    {
        double right = figureWidth - ModeBarWidth;
        if (right - Edge < 0.6 * (figureWidth - 2 * Edge)) right = figureWidth - Edge;
        return (Edge, right);
    }

    /// <summary>The title broken at spaces into lines that fit <see cref="Band"/> (a single word too long for it is cut with "…").</summary>
    public static List<string> Lines(string title, double figureWidth)
    {
        var (left, right) = Band(figureWidth);
        double room = (right - left) / TextMetrics.BoldFactor;   // Wrap measures regular text
        return LayoutEngine.Wrap(title, room, LayoutEngine.TitleSize)
            .Select(line => LayoutEngine.Shorten(line, room, LayoutEngine.TitleSize)).ToList();
    }

    /// <summary>
    /// The x (pixels) at which the title lines are centred: over the plot area, moved inwards where the widest
    /// line would leave the band (a wide legend shifts the plot area, and its centre, to the left).
    /// </summary>
    public static double CenterX(IReadOnlyList<string> lines, double figureWidth, double plotCenter)
    {
        var (left, right) = Band(figureWidth);
        double half = lines.Select(l => TextMetrics.BoldWidth(l, LayoutEngine.TitleSize)).DefaultIfEmpty(0).Max() / 2;
        return Math.Max(Math.Min(plotCenter, right - half), left + half);
    }

    /// <summary>How far the plot moves down for a title of this many lines (0 lines: no title).</summary>
    public static double ExtraHeight(int lines) => Math.Max(0, lines - 1) * LineHeight;
}
