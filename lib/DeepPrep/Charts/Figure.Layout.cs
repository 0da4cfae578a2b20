using System.Globalization;
using System.Reflection;

namespace DeepPrep.Charts;

// Fluent methods for titles, axes, reference lines and notes. On a figure with several panels
// (Chart.Grid) the axis, line and note methods apply to every panel; to change one panel, change
// its figure before putting it in the grid, or use Subplots[i] directly.
public sealed partial class Figure
{
    /// <summary>The title above the plot.</summary>
    public Figure Title(string title)
    {
        Layout.Title = title;
        return this;
    }

    /// <summary>The caption under the plot: how the data was made, e.g. "seed 0, η = 0.1, 20 epochs".</summary>
    public Figure Caption(string caption)
    {
        Layout.Caption = caption;
        return this;
    }

    /// <summary>
    /// The caption from named settings, e.g. <c>.Caption(new { seed, lr, epochs })</c> gives
    /// "seed = 0 · lr = 0.1 · epochs = 20": the names come from your variables, so the caption stays true.
    /// </summary>
    public Figure Caption(object settings)
    {
        if (settings is string s) return Caption(s);
        var parts = settings.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => $"{p.Name} = {FormatSetting(p.GetValue(settings))}");
        return Caption(string.Join(" · ", parts));
    }

    private static string FormatSetting(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("G4", CultureInfo.InvariantCulture),
        float f => f.ToString("G4", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>The x axis: title, log scale, range. Arguments left out keep their current value.</summary>
    public Figure XAxis(string? title = null, bool? log = null, double? min = null, double? max = null) =>
        EachAxis(s => s.X, title, log, min, max);

    /// <summary>The y axis: title, log scale, range. Arguments left out keep their current value.</summary>
    public Figure YAxis(string? title = null, bool? log = null, double? min = null, double? max = null) =>
        EachAxis(s => s.Y, title, log, min, max);

    /// <summary>Log scale on x (learning rates, sizes that double).</summary>
    public Figure LogX() => XAxis(log: true);

    /// <summary>Log scale on y (losses over many orders of magnitude, gradient norms).</summary>
    public Figure LogY() => YAxis(log: true);

    private Figure EachAxis(Func<Subplot, Axis> axis, string? title, bool? log, double? min, double? max)
    {
        foreach (var subplot in Subplots)
        {
            var a = axis(subplot);
            if (title is not null) a.Title = title;
            if (log is bool l) a.Log = l;
            if (min is double lo) a.Min = lo;
            if (max is double hi) a.Max = hi;
        }
        return this;
    }

    /// <summary>Size in pixels (default 640 × 400).</summary>
    public Figure Size(int width, int height)
    {
        if (width < 100 || height < 80) throw new ArgumentException($"Figure size {width}×{height} is too small to draw axes in.");
        Layout.Width = width;
        Layout.Height = height;
        return this;
    }

    /// <summary>Show or hide the legend (by default it shows when any trace has a name).</summary>
    public Figure Legend(bool show = true)
    {
        Layout.ShowLegend = show;
        return this;
    }

    /// <summary>A horizontal reference line at y, e.g. chance accuracy or a target loss.</summary>
    public Figure HLine(double y, string? label = null, Rgb? color = null, bool dashed = true)
    {
        foreach (var s in Subplots) s.Lines.Add(new ReferenceLine(true, y, label, color, dashed));
        return this;
    }

    /// <summary>A vertical reference line at x, e.g. the stability limit η = 2/L or the early-stopping epoch.</summary>
    public Figure VLine(double x, string? label = null, Rgb? color = null, bool dashed = true)
    {
        foreach (var s in Subplots) s.Lines.Add(new ReferenceLine(false, x, label, color, dashed));
        return this;
    }

    /// <summary>Text centred at (x, y) in data units, e.g. "update/data = 1e-3".</summary>
    public Figure Note(double x, double y, string text, Rgb? color = null)
    {
        foreach (var s in Subplots) s.Notes.Add(new TextNote(x, y, text, color));
        return this;
    }

    /// <summary>One unit on x as long as one on y: circles look round (phase portraits, contour plots).</summary>
    public Figure EqualAspect(bool equal = true)
    {
        foreach (var s in Subplots) s.EqualAspect = equal;
        return this;
    }
}
