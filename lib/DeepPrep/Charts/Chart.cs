using System.Globalization;

namespace DeepPrep.Charts;

/// <summary>
/// Starting points for every kind of chart, each usable in one line:
/// <c>Chart.Line(losses)</c>, <c>Chart.Scatter(xs, ys)</c>, <c>Chart.Heatmap(weights)</c>,
/// <c>Chart.Images(digits, labels: names)</c>, <c>Chart.Sweep("η", rates, lr => Chart.Line(curves[lr]))</c>.
/// Each returns a <see cref="Figure"/> to refine with its fluent methods (titles, log axes, caption, …)
/// and to combine with <see cref="Figure.Add(Figure)"/> or <see cref="Grid(Figure[])"/>.
/// </summary>
public static partial class Chart
{
    /// <summary>A line through y values at x = 0, 1, 2, … (one value per epoch or step).</summary>
    public static Figure Line(Values ys, string? name = null) => new Figure().AddLine(ys, name);

    /// <summary>A line through (x, y) pairs, in order.</summary>
    public static Figure Line(Values xs, Values ys, string? name = null) => new Figure().AddLine(xs, ys, name);

    /// <summary>A line with a marker at each point: for a few measured points, like final loss per learning rate.</summary>
    public static Figure LineMarkers(Values xs, Values ys, string? name = null) => new Figure().AddLineMarkers(xs, ys, name);

    /// <summary>Unconnected markers at (x, y) pairs.</summary>
    public static Figure Scatter(Values xs, Values ys, string? name = null, double size = 6) => new Figure().AddScatter(xs, ys, name, size: size);

    /// <summary>
    /// A 2-D data set as points, one colour per class: <paramref name="points"/> is [N, 2],
    /// <paramref name="labels"/> (optional) holds N class numbers 0, 1, …
    /// </summary>
    public static Figure Points(Tensor points, Values? labels = null, IReadOnlyList<string>? classNames = null)
    {
        var (xs, ys) = Columns2(points, "Points");
        var figure = new Figure();
        foreach (var trace in ClassMarkers(xs, ys, labels, classNames)) figure.Add(trace);
        return figure;
    }

    /// <summary>A mean line with a shaded band of ± <paramref name="sd"/> around it.</summary>
    public static Figure Band(Values xs, Values mean, Values sd, string? name = null) => new Figure().AddBand(xs, mean, sd, name);

    /// <summary>Mean ± standard deviation over runs (one array per seed, all the same length), as a line with a band.</summary>
    public static Figure Band(Values xs, IReadOnlyList<double[]> runs, string? name = null) => new Figure().AddBand(xs, runs, name);

    /// <summary>Mean ± standard deviation over the rows of a [runs, points] tensor.</summary>
    public static Figure Band(Values xs, Tensor runs, string? name = null)
    {
        if (runs.Rank != 2) throw new ArgumentException($"Band: runs must be a [runs, points] tensor, got rank {runs.Rank}.");
        var rows = Enumerable.Range(0, runs.Shape[0]).Select(r => runs.ToArray().Skip(r * runs.Shape[1]).Take(runs.Shape[1]).ToArray()).ToList();
        return Band(xs, rows, name);
    }

    /// <summary>Bars, one per category.</summary>
    public static Figure Bar(IReadOnlyList<string> categories, Values heights, string? name = null, Values? errors = null) =>
        new Figure().AddBar(categories, heights, name, errors);

    /// <summary>Bars for values 0, 1, 2, … labelled by their index.</summary>
    public static Figure Bar(Values heights, string? name = null) =>
        Bar(Enumerable.Range(0, heights.Count).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray(), heights, name);

    /// <summary>A histogram with <paramref name="bins"/> equal-width bins; <paramref name="density"/> scales the area to 1.</summary>
    public static Figure Histogram(Values values, int bins = 30, string? name = null, bool density = false) =>
        new Figure().AddHistogram(values, name, bins, density);

    /// <summary>A matrix as a heatmap, row 0 at the top (like printed matrices): weights, confusion matrices.</summary>
    public static Figure Heatmap(double[,] matrix, string? colorBarTitle = null)
    {
        var figure = new Figure().Add(new HeatmapTrace(matrix) { ColorBarTitle = colorBarTitle });
        figure.Main.Y.Reversed = true;
        figure.Main.X.Title = "column";
        figure.Main.Y.Title = "row";
        return figure;
    }

    /// <summary>A 2-D tensor (e.g. a layer's weight matrix [out, in]) as a heatmap, row 0 at the top.</summary>
    public static Figure Heatmap(Tensor matrix, string? colorBarTitle = null)
    {
        if (matrix.Rank != 2) throw new ArgumentException($"Heatmap needs a 2-D tensor, got shape [{string.Join(", ", matrix.Shape)}].");
        return Heatmap(matrix.ToArray2D(), colorBarTitle);
    }

    /// <summary>A function sampled on a grid as a heatmap: z[i, j] at (xs[j], ys[i]), y growing upward.</summary>
    public static Figure Heatmap(Values xs, Values ys, double[,] z, string? colorBarTitle = null) =>
        new Figure().Add(new HeatmapTrace(z, xs, ys) { ColorBarTitle = colorBarTitle });

    /// <summary>Contour lines of z[i, j] = f(xs[j], ys[i]), about <paramref name="levels"/> of them, labelled.</summary>
    public static Figure Contour(Values xs, Values ys, double[,] z, int levels = 10) =>
        new Figure().Add(new ContourTrace(xs, ys, z, levels));

    /// <summary>Contour lines of f(x, y), evaluated on the grid xs × ys: <c>Chart.Contour(ws, bs, (w, b) => Loss(w, b))</c>.</summary>
    public static Figure Contour(Values xs, Values ys, Func<double, double, double> f, int levels = 10) =>
        Contour(xs, ys, Evaluate(xs, ys, f), levels);

    /// <summary>z[i, j] = f(xs[j], ys[i]).</summary>
    internal static double[,] Evaluate(Values xs, Values ys, Func<double, double, double> f)
    {
        var z = new double[ys.Count, xs.Count];
        for (int i = 0; i < ys.Count; i++)
            for (int j = 0; j < xs.Count; j++) z[i, j] = f(xs[j], ys[i]);
        return z;
    }

    /// <summary>Puts several figures side by side, up to 3 per row.</summary>
    public static Figure Grid(params Figure[] panels) => Grid(panels, 0);

    /// <summary>Puts several figures in a grid, <paramref name="columns"/> per row.</summary>
    public static Figure Grid(int columns, params Figure[] panels) => Grid(panels, columns);

    /// <summary>
    /// Puts several figures in a grid. Each panel keeps its own traces, axes, lines and notes; its title
    /// becomes the panel title. Shared axes use one range for all panels, so they compare at a glance.
    /// </summary>
    public static Figure Grid(IEnumerable<Figure> panels, int columns = 0, bool shareX = false, bool shareY = false)
    {
        var list = panels.ToList();
        if (list.Count == 0) throw new ArgumentException("Grid needs at least one figure.");
        if (list.Any(p => p.Frames.Count > 0)) throw new ArgumentException("Grid: panels with sliders cannot be combined; make a Sweep of grids instead.");
        var grid = new Figure();
        grid.Subplots.Clear();
        foreach (var panel in list)
            foreach (var subplot in panel.Subplots)
            {
                var copy = subplot.CloneLayout();
                copy.Title ??= panel.Layout.Title;
                copy.Traces.AddRange(subplot.Traces);
                grid.Subplots.Add(copy);
            }
        grid.Columns = columns > 0 ? columns : Math.Min(grid.Subplots.Count, 3);
        grid.SharedX = shareX;
        grid.SharedY = shareY;
        int rows = (grid.Subplots.Count + grid.Columns - 1) / grid.Columns;
        // Two panels get a little more than one figure's width; three or more share the page column.
        grid.Layout.Width = grid.Columns <= 2 ? 720 : Math.Min(FigureLayout.ColumnWidth, 330 * grid.Columns);
        grid.Layout.Height = Math.Min(1400, 290 * rows + 70);
        var captions = list.Select(p => p.Layout.Caption).Where(c => c is not null).Distinct().ToList();
        if (captions.Count > 0) grid.Layout.Caption = string.Join(" | ", captions);
        if (list.Any(p => p.Layout.ShowLegend == false) && list.All(p => p.Layout.ShowLegend != true)) grid.Layout.ShowLegend = false;
        return grid;
    }

    // ---- helpers shared by several chart kinds ----

    internal static BandTrace MakeBand(Values xs, Values mean, Values sd, string? name, Rgb? color)
    {
        if (mean.Count != sd.Count) throw new ArgumentException($"Band: {mean.Count} means but {sd.Count} standard deviations.");
        var lower = mean.Items.Zip(sd.Items, (m, s) => m - s).ToArray();
        var upper = mean.Items.Zip(sd.Items, (m, s) => m + s).ToArray();
        return new BandTrace(xs, mean, lower, upper) { Name = name, Color = color };
    }

    internal static BandTrace MakeBand(Values xs, IReadOnlyList<double[]> runs, string? name, Rgb? color)
    {
        if (runs.Count == 0) throw new ArgumentException("Band: no runs given.");
        int n = runs[0].Length;
        if (runs.Any(r => r.Length != n)) throw new ArgumentException("Band: all runs must have the same number of points.");
        var mean = new double[n];
        var sd = new double[n];
        for (int i = 0; i < n; i++)
        {
            double m = runs.Average(r => r[i]);
            mean[i] = m;
            // Sample standard deviation (n − 1): the runs are a sample of the seeds one could have used.
            sd[i] = runs.Count > 1 ? Math.Sqrt(runs.Sum(r => (r[i] - m) * (r[i] - m)) / (runs.Count - 1)) : 0;
        }
        return MakeBand(xs, mean, sd, name, color);
    }

    internal static (double[] Xs, double[] Ys) Columns2(Tensor points, string what)
    {
        if (points.Rank != 2 || points.Shape[1] != 2)
            throw new ArgumentException($"{what}: points must be an [N, 2] tensor, got shape [{string.Join(", ", points.Shape)}].");
        var flat = points.ToArray();
        int n = points.Shape[0];
        var xs = new double[n];
        var ys = new double[n];
        for (int i = 0; i < n; i++) (xs[i], ys[i]) = (flat[2 * i], flat[2 * i + 1]);
        return (xs, ys);
    }

    /// <summary>One marker trace per class, coloured Palette.Color(class), named by classNames or "class k".</summary>
    internal static IEnumerable<LineTrace> ClassMarkers(double[] xs, double[] ys, Values? labels, IReadOnlyList<string>? classNames, int classCount = 0)
    {
        if (labels is not Values l)
        {
            yield return new LineTrace(xs, ys, LineMode.Markers) { MarkerSize = 7 };
            yield break;
        }
        if (l.Count != xs.Length) throw new ArgumentException($"{xs.Length} points but {l.Count} labels.");
        var classes = l.Items.Select(v => (int)Math.Round(v)).ToArray();
        int k = Math.Max(classCount, classes.Length == 0 ? 0 : classes.Max() + 1);
        for (int c = 0; c < k; c++)
        {
            var idx = Enumerable.Range(0, classes.Length).Where(i => classes[i] == c).ToArray();
            if (idx.Length == 0) continue;
            yield return new LineTrace(idx.Select(i => xs[i]).ToArray(), idx.Select(i => ys[i]).ToArray(), LineMode.Markers)
            {
                Name = classNames is not null && c < classNames.Count ? classNames[c] : $"class {c}",
                Color = Palette.Color(c),
                MarkerSize = 7,
            };
        }
    }
}
