using DeepPrep.Charts.Rendering;
using static DeepPrep.Charts.Rendering.NumberFormat;

namespace DeepPrep.Charts;

/// <summary>
/// One bar per category (parameter counts per layer, accuracy per method). Several bar traces in one
/// plot stand side by side within each category. Optional error bars (e.g. ± sd over seeds).
/// </summary>
public sealed class BarTrace : Trace
{
    public BarTrace(IReadOnlyList<string> categories, Values heights, Values? errors = null)
    {
        if (categories.Count != heights.Count)
            throw new ArgumentException($"Bar: {categories.Count} categories but {heights.Count} heights.");
        if (errors is Values e && e.Count != heights.Count)
            throw new ArgumentException($"Bar: {heights.Count} heights but {e.Count} error values.");
        Categories = categories.ToArray();
        Heights = heights.Items;
        Errors = errors?.Items;
    }

    public string[] Categories { get; }
    public double[] Heights { get; }
    /// <summary>Half-length of each error bar (drawn from height − e to height + e), or null.</summary>
    public double[]? Errors { get; }

    internal override string Kind => "bar";
    internal override LegendSymbol Symbol => LegendSymbol.Box;

    /// <summary>Position among the bar traces of its subplot, and how many there are; set while laying out.</summary>
    internal (int Index, int Count) Slot { get; set; } = (0, 1);

    internal override bool HasData => Heights.Any(double.IsFinite);

    internal override void AddExtent(Extent x, Extent y)
    {
        if (!y.Log) y.Add(0); // bars grow from zero
        for (int i = 0; i < Heights.Length; i++)
        {
            y.Add(Heights[i]);
            if (Errors is not null) { y.Add(Heights[i] - Errors[i]); y.Add(Heights[i] + Errors[i]); }
        }
        y.RequestPadding(0.05);
    }

    internal override int CountSkipped(bool logX, bool logY) => Heights.Count(h => !Extent.Drawable(h, logY));

    internal override void DrawSvg(SvgTraceContext ctx)
    {
        var categories = ctx.X.Categories ?? Categories;
        double band = ctx.X.PixelsPerUnit;             // one category is one unit wide
        double groupWidth = band * 0.8, barWidth = groupWidth / Slot.Count;
        double baseline = ctx.Y.Log ? ctx.Y.Start : ctx.Y.Map(0);
        for (int i = 0; i < Heights.Length; i++)
        {
            int position = IndexOf(categories, Categories[i]);
            double top = ctx.Y.Map(Heights[i]);
            if (position < 0 || double.IsNaN(top)) continue;
            double left = ctx.X.Map(position) - groupWidth / 2 + Slot.Index * barWidth;
            ctx.Svg.Rect(left, Math.Min(top, baseline), barWidth * 0.94, Math.Abs(baseline - top), ctx.Color.Hex, cls: "bar");
            if (Errors is not null && double.IsFinite(Errors[i]))
            {
                double center = left + barWidth * 0.47;
                double lo = ctx.Y.Map(Heights[i] - Errors[i]), hi = ctx.Y.Map(Heights[i] + Errors[i]);
                if (double.IsNaN(lo)) lo = baseline;
                if (double.IsNaN(hi)) continue;
                ctx.Svg.Line(center, lo, center, hi, Palette.Ink, 1.2, cls: "error");
                ctx.Svg.Line(center - 4, hi, center + 4, hi, Palette.Ink, 1.2);
                ctx.Svg.Line(center - 4, lo, center + 4, lo, Palette.Ink, 1.2);
            }
        }
    }

    private static int IndexOf(IReadOnlyList<string> list, string item)
    {
        for (int i = 0; i < list.Count; i++) if (list[i] == item) return i;
        return -1;
    }

    internal override void WritePlotly(PlotlyTraceContext ctx)
    {
        var w = ctx.W;
        ctx.Begin("bar", Name);
        w.Strings("x", Categories);
        w.Numbers("y", Heights);
        w.WriteStartObject("marker");
        w.WriteString("color", ctx.Color.Hex);
        w.WriteEndObject();
        if (Errors is not null)
        {
            w.WriteStartObject("error_y");
            w.WriteString("type", "data");
            w.Numbers("array", Errors);
            w.WriteBoolean("visible", true);
            w.WriteString("color", Palette.Ink.Hex);
            w.WriteEndObject();
        }
        ctx.End();
    }
}
