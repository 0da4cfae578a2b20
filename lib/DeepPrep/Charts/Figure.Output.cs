using System.Security.Cryptography;
using System.Text;
using DeepPrep.Charts.Rendering;

namespace DeepPrep.Charts;

// The renderings of a figure: SVG, plotly.js JSON, the notebook's HTML, and files.
public sealed partial class Figure
{
    private static int counter;

    /// <summary>
    /// Values that could not be drawn (NaN, ±∞, ≤ 0 on a log axis): they are skipped, not fatal, and each
    /// trace with any is reported here and in small print under the chart.
    /// </summary>
    public IReadOnlyList<string> Warnings
    {
        get
        {
            var warnings = new List<string>();
            for (int i = 0; i < Subplots.Count; i++)
            {
                var subplot = Subplots[i];
                var sets = Frames.Count == 0
                    ? [("", (IReadOnlyList<Trace>)subplot.Traces)]
                    : Frames.Select(f => ($" ({SliderName} = {f.Label})", (IReadOnlyList<Trace>)f.Traces[i]));
                foreach (var (where, traces) in sets)
                    foreach (var trace in traces)
                    {
                        int n = trace.CountSkipped(subplot.X.Log, subplot.Y.Log);
                        if (n == 0) continue;
                        string why = subplot.X.Log || subplot.Y.Log ? "NaN, ±∞ or ≤ 0 on a log axis" : "NaN or ±∞";
                        warnings.Add($"Not drawn: {n} value{(n == 1 ? "" : "s")} of {(trace.Name is null ? "a " + trace.Kind : $"\"{trace.Name}\"")}{where} ({why}).");
                    }
            }
            return warnings;
        }
    }

    /// <summary>
    /// The chart as a standalone SVG document (no scripts, no external resources). For a sweep: the frame
    /// at <paramref name="frame"/>, with a line under the chart saying the slider exists.
    /// </summary>
    public string ToSvg(int frame = 0)
    {
        if (Frames.Count > 0 && (frame < 0 || frame >= Frames.Count))
            throw new ArgumentOutOfRangeException(nameof(frame), $"This sweep has frames 0..{Frames.Count - 1}.");
        var geometry = LayoutEngine.Compute(this, noteFrame: Frames.Count > 1 ? frame : -1);
        return SvgRenderer.Render(this, geometry, NewId(), Frames.Count > 0 ? frame : -1);
    }

    /// <summary>The chart as plotly.js JSON: {"data", "layout", "frames", "config"}, ready for Plotly.newPlot(element, json).</summary>
    public string ToPlotlyJson(bool indented = false) => PlotlyWriter.Write(this, LayoutEngine.Compute(this), indented);

    /// <summary>
    /// The HTML a notebook shows: the SVG, upgraded in place to an interactive plotly.js chart when plotly.js
    /// loads. <paramref name="plotlySrc"/> overrides where plotly.js comes from (default: a pinned CDN build,
    /// unless the page sets window.DeepPrepPlotlySrc).
    /// </summary>
    public string ToHtml(string? plotlySrc = null) => HtmlFragment.Render(this, NewId(), plotlySrc);

    /// <summary>Writes <see cref="ToSvg"/> to a file.</summary>
    public void SaveSvg(string path) => File.WriteAllText(path, ToSvg(), new UTF8Encoding(false));

    /// <summary>
    /// Writes a standalone web page with the chart. <paramref name="plotlySrc"/>: where the page loads plotly.js
    /// from (e.g. a local "plotly.min.js"); null uses the CDN when online; "" never loads it (SVG only).
    /// </summary>
    public void SaveHtml(string path, string? plotlySrc = null)
    {
        string title = SvgBuilder.Escape(Layout.Title ?? "DeepPrep chart");
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        page.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        page.Append($"<title>{title}</title>\n");
        if (plotlySrc is not null)
            page.Append($"<script>window.DeepPrepPlotlySrc = {System.Text.Json.JsonSerializer.Serialize(plotlySrc)};</script>\n");
        page.Append("</head>\n<body style=\"margin:16px\">\n");
        page.Append(ToHtml());
        page.Append("\n</body>\n</html>\n");
        File.WriteAllText(path, page.ToString(), new UTF8Encoding(false));
    }

    /// <summary>
    /// An element id unique on the page: a hash of the figure's content (so outputs from different kernel
    /// sessions don't collide) plus a counter (so the same figure shown twice doesn't either).
    /// </summary>
    private string NewId()
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(ToString() + Layout.Width + Layout.Height + Subplots.Sum(s => s.Traces.Count)));
        return $"dp-{Convert.ToHexString(hash, 0, 4).ToLowerInvariant()}-{Interlocked.Increment(ref counter)}";
    }
}
