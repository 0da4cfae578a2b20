using System.Text;

namespace DeepPrep.Charts.Rendering;

/// <summary>
/// The HTML a notebook shows for a figure: the static SVG, visible at once, plus a small script that
/// replaces it in place by an interactive plotly.js chart when plotly.js can be had.
/// </summary>
/// <remarks>
/// How the upgrade works (the script below):
/// 1. If <c>window.Plotly</c> exists (the page already loaded plotly.js), use it.
/// 2. Otherwise load plotly.js once per page, shared by all figures through the promise
///    <c>window.DeepPrepPlotly</c>. Its address is <c>window.DeepPrepPlotlySrc</c> if the page set one (the
///    static site points it at its local copy, or sets "" for none), else the figure's
///    <c>data-plotly-src</c> attribute, else the pinned CDN build (same version as package.json) for live
///    notebooks. Offline (<c>navigator.onLine</c> false) a web address is not even tried.
/// 3. On load: <c>Plotly.newPlot</c> into a new element before the SVG, then remove the SVG. On a load error,
///    after a 15 s timeout, or if plotly throws: do nothing more (or remove the half-made plot) and keep the
///    SVG, silently. No require.js: a plain &lt;script&gt; tag, because plotly.js's bundle sets window.Plotly.
/// Where scripts never run (GitHub, nbviewer, untrusted Jupyter notebooks, e-mail) the SVG simply stays.
///
/// A sweep (slider) without plotly.js: all frames' SVGs are in the page, stacked in one place, and a row of
/// radio buttons makes one of them visible with CSS alone (":checked ~"): no script needed, keyboard arrows
/// work. Frames after the first also carry the "hidden" attribute, so where even the style sheet is stripped
/// the first frame shows alone instead of a column of all of them.
/// </remarks>
internal static class HtmlFragment
{
    /// <summary>The plotly.js version loaded from the CDN; keep equal to plotly.js-dist-min in package.json.</summary>
    public const string PlotlyVersion = "4.1.2";

    public static string CdnUrl => $"https://cdn.plot.ly/plotly-{PlotlyVersion}.min.js";

    public static string Render(Figure figure, string id, string? plotlySrc)
    {
        var geometry = LayoutEngine.Compute(figure);
        var html = new StringBuilder();
        // data-deepprep-chart marks a chart for the runner's site (lib/DeepPrep.Notebooks/README.md, "Charts on the site").
        html.Append($"<div class=\"deepprep-figure\" id=\"{id}\" data-deepprep-chart data-plotly-version=\"{PlotlyVersion}\"");
        if (plotlySrc is not null) html.Append($" data-plotly-src=\"{SvgBuilder.Escape(plotlySrc)}\"");
        html.Append(" style=\"max-width:100%;overflow-x:auto\">\n");
        html.Append("<div class=\"dp-static\">\n");
        if (figure.Frames.Count == 0) html.Append(SvgRenderer.Render(figure, geometry, id));
        else AppendFrames(html, figure, geometry, id);
        html.Append("</div>\n");
        html.Append("<script type=\"application/json\" class=\"dp-data\">");
        html.Append(PlotlyWriter.Write(figure, geometry));
        html.Append("</script>\n");
        html.Append("<script>").Append(UpgradeScript.Replace("__ID__", id).Replace("__CDN__", CdnUrl)).Append("</script>\n");
        html.Append("</div>");
        return html.ToString();
    }

    private static void AppendFrames(StringBuilder html, Figure figure, FigureGeometry geometry, string id)
    {
        int n = figure.Frames.Count;
        var css = new StringBuilder();
        css.Append($"#{id} .dp-radio{{position:absolute;opacity:0;width:1px;height:1px;margin:0}}");
        // All frames share one grid cell and only the chosen one is visible: hidden frames keep their size, so the
        // box does not jump when the slider moves, and every SVG on the page has a size (the site's check).
        css.Append($"#{id} .dp-frames{{display:grid}}");
        css.Append($"#{id} .dp-frame{{grid-area:1/1;display:block;visibility:hidden}}");
        css.Append(string.Join(",", Enumerable.Range(0, n).Select(k => $"#{id}-f{k}:checked~.dp-frames .dp-f{k}"))).Append("{visibility:visible}");
        css.Append($"#{id} .dp-steps{{display:flex;flex-wrap:wrap;gap:4px;align-items:center;margin:2px 0 6px 10px;font:13px {TextMetrics.FontFamily};color:#333}}");
        css.Append($"#{id} .dp-steps label{{cursor:pointer;padding:1px 8px;border:1px solid #bbb;border-radius:10px;background:#fff}}");
        css.Append(string.Join(",", Enumerable.Range(0, n).Select(k => $"#{id}-f{k}:checked~.dp-steps label[for=\"{id}-f{k}\"]")))
            .Append("{background:#0072b2;border-color:#0072b2;color:#fff}");
        css.Append(string.Join(",", Enumerable.Range(0, n).Select(k => $"#{id}-f{k}:focus-visible~.dp-steps label[for=\"{id}-f{k}\"]")))
            .Append("{outline:2px solid #e69f00}");
        html.Append("<style>").Append(css).Append("</style>\n");

        for (int k = 0; k < n; k++)
            html.Append($"<input type=\"radio\" class=\"dp-radio\" name=\"{id}\" id=\"{id}-f{k}\"{(k == 0 ? " checked" : "")} aria-label=\"{SvgBuilder.Escape(figure.SliderName ?? "")} = {SvgBuilder.Escape(figure.Frames[k].Label)}\">\n");
        html.Append("<div class=\"dp-frames\">\n");
        for (int k = 0; k < n; k++)
        {
            html.Append($"<div class=\"dp-frame dp-f{k}\"{(k == 0 ? "" : " hidden")}>");
            html.Append(SvgRenderer.Render(figure, geometry, $"{id}-{k}", k));
            html.Append("</div>\n");
        }
        html.Append("</div>\n");
        html.Append($"<div class=\"dp-steps\"><span>{SvgBuilder.Escape(figure.SliderName ?? "")}:</span>");
        for (int k = 0; k < n; k++) html.Append($"<label for=\"{id}-f{k}\">{SvgBuilder.Escape(figure.Frames[k].Label)}</label>");
        html.Append("</div>\n");
    }

    /// <summary>The upgrade script (ES5, no dependencies); __ID__ and __CDN__ are filled in per figure.</summary>
    private const string UpgradeScript = """
(function () {
  var root = document.getElementById("__ID__");
  if (!root || root.getAttribute("data-dp-state")) return;
  root.setAttribute("data-dp-state", "loading");
  var staticPart = root.querySelector(".dp-static");
  function plotlySource() {
    if (typeof window.DeepPrepPlotlySrc === "string") return window.DeepPrepPlotlySrc;
    var own = root.getAttribute("data-plotly-src");
    return own !== null ? own : "__CDN__";
  }
  function loadPlotly() {
    if (window.Plotly && window.Plotly.newPlot) return Promise.resolve(window.Plotly);
    if (window.DeepPrepPlotly) return window.DeepPrepPlotly;
    var src = plotlySource();
    if (!src || (navigator.onLine === false && /^https?:/i.test(src))) return Promise.resolve(null);
    window.DeepPrepPlotly = new Promise(function (resolve) {
      var settled = false;
      function settle(plotly) { if (!settled) { settled = true; resolve(plotly); } }
      var tag = document.createElement("script");
      tag.src = src;
      tag.async = true;
      tag.onload = function () { settle(window.Plotly && window.Plotly.newPlot ? window.Plotly : null); };
      tag.onerror = function () { settle(null); };
      setTimeout(function () { settle(null); }, 15000);
      (document.head || document.documentElement).appendChild(tag);
    });
    return window.DeepPrepPlotly;
  }
  function keepStatic() {
    var host = root.querySelector(".dp-plotly");
    if (host) host.parentNode.removeChild(host);
    root.setAttribute("data-dp-state", "static");
  }
  loadPlotly().then(function (Plotly) {
    if (!Plotly) { keepStatic(); return; }
    var spec = JSON.parse(root.querySelector("script.dp-data").textContent);
    var host = document.createElement("div");
    host.className = "dp-plotly";
    root.insertBefore(host, staticPart);
    return Plotly.newPlot(host, spec).then(function () {
      staticPart.parentNode.removeChild(staticPart);
      root.setAttribute("data-dp-state", "interactive");
    });
  }).catch(keepStatic);
})();
""";
}
