using System.Globalization;

namespace DeepPrep.Charts;

public static partial class Chart
{
    /// <summary>
    /// A figure with a slider: one frame per value of a parameter, each made by <paramref name="frame"/>.
    /// <c>Chart.Sweep("learning rate", new[] { 0.01, 0.1, 1.0 }, lr => Chart.Line(curves[lr]).Title($"η = {lr}"))</c>.
    /// </summary>
    /// <remarks>
    /// Everything is computed in advance, so the slider works on a static page with no kernel behind it.
    /// All frames must have the same panels and the same kinds of traces in the same order (plotly moves
    /// between frames trace by trace). Axis ranges, and heatmap colour ranges, are fixed over all frames,
    /// so what changes on screen is the data and not the scale. Only traces, the figure title and the panel
    /// titles (of a sweep over <see cref="Grid(Figure[])"/>s) vary per frame; axes, reference lines, notes and
    /// caption come from the first frame.
    /// </remarks>
    public static Figure Sweep<T>(string parameter, IEnumerable<T> values, Func<T, Figure> frame)
    {
        var list = values.ToList();
        if (list.Count == 0) throw new ArgumentException("Sweep needs at least one value.");
        var figures = list.Select(frame).ToList();
        var first = figures[0];
        for (int f = 1; f < figures.Count; f++) RequireSameShape(first, figures[f], Label(list[f]));

        var sweep = new Figure();
        sweep.Subplots.Clear();
        foreach (var subplot in first.Subplots)
        {
            var copy = subplot.CloneLayout();
            copy.Traces.AddRange(subplot.Traces);
            sweep.Subplots.Add(copy);
        }
        sweep.Columns = first.Columns;
        sweep.SharedX = first.SharedX;
        sweep.SharedY = first.SharedY;
        (sweep.Layout.Title, sweep.Layout.Caption, sweep.Layout.Width, sweep.Layout.Height, sweep.Layout.ShowLegend) =
            (first.Layout.Title, first.Layout.Caption, first.Layout.Width, first.Layout.Height, first.Layout.ShowLegend);
        sweep.SliderName = parameter;
        for (int f = 0; f < figures.Count; f++)
            sweep.Frames.Add(new Frame(Label(list[f]), figures[f].Layout.Title, figures[f].Subplots.Select(s => s.Traces.ToList()).ToList(),
                figures[f].Subplots.Select(s => s.Title).ToList()));

        ShareColorRanges(sweep);
        return sweep;
    }

    private static string Label<T>(T value) => value switch
    {
        double d => d.ToString("G4", CultureInfo.InvariantCulture),
        float f => f.ToString("G4", CultureInfo.InvariantCulture),
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "null",
    };

    private static void RequireSameShape(Figure a, Figure b, string label)
    {
        string Shape(Figure f) => string.Join(" | ", f.Subplots.Select(s => string.Join(", ", s.Traces.Select(t => t.Kind))));
        if (Shape(a) != Shape(b))
            throw new ArgumentException($"Sweep: the frame for {label} has traces [{Shape(b)}] but the first frame has [{Shape(a)}]; every frame needs the same kinds of traces in the same order.");
    }

    /// <summary>Gives the heatmaps at the same position in every frame one colour range (the widest).</summary>
    private static void ShareColorRanges(Figure sweep)
    {
        for (int s = 0; s < sweep.Subplots.Count; s++)
            for (int t = 0; t < sweep.Frames[0].Traces[s].Count; t++)
            {
                var maps = sweep.Frames.Select(f => f.Traces[s][t]).OfType<HeatmapTrace>().ToList();
                if (maps.Count == 0) continue;
                double lo = maps.Min(m => m.ZMin), hi = maps.Max(m => m.ZMax);
                if (maps[0].ColorMap == ColorMap.Diverging) (lo, hi) = (-Math.Max(-lo, hi), Math.Max(-lo, hi));
                foreach (var m in maps) (m.ZMin, m.ZMax, m.ColorMap) = (lo, hi, maps[0].ColorMap);
            }
    }
}
