namespace DeepPrep.Charts;

public static partial class Chart
{
    /// <summary>
    /// Where a classifier predicts each class, with the data on top: <paramref name="predict"/>(x₁, x₂) gives the
    /// class of one point, and is evaluated on a <paramref name="resolution"/> × <paramref name="resolution"/> grid
    /// covering the points (plus a margin). Points are [N, 2]; labels are their true classes.
    /// </summary>
    public static Figure DecisionRegions(Func<double, double, int> predict, Tensor points, Values labels, int resolution = 150,
        IReadOnlyList<string>? classNames = null)
    {
        var (xs, ys) = Columns2(points, "DecisionRegions");
        var (gx, gy) = GridAround(xs, ys, resolution);
        var classes = new int[gy.Length, gx.Length];
        for (int i = 0; i < gy.Length; i++)
            for (int j = 0; j < gx.Length; j++) classes[i, j] = predict(gx[j], gy[i]);
        return RegionFigure(gx, gy, classes, xs, ys, labels, classNames);
    }

    /// <summary>
    /// The same, for a model that predicts a whole batch at once (much faster): <paramref name="predictBatch"/>
    /// gets the grid points as a float64 [M, 2] tensor and returns class scores [M, K] (the class is the
    /// largest score), or one column [M] / [M, 1] holding class numbers or a probability of class 1 (≥ 0.5 → 1).
    /// </summary>
    public static Figure DecisionRegions(Func<Tensor, Tensor> predictBatch, Tensor points, Values labels, int resolution = 150,
        IReadOnlyList<string>? classNames = null)
    {
        var (xs, ys) = Columns2(points, "DecisionRegions");
        var (gx, gy) = GridAround(xs, ys, resolution);
        var grid = new double[gx.Length * gy.Length * 2];
        for (int i = 0; i < gy.Length; i++)
            for (int j = 0; j < gx.Length; j++)
                (grid[2 * (i * gx.Length + j)], grid[2 * (i * gx.Length + j) + 1]) = (gx[j], gy[i]);
        var output = predictBatch(Tensor.From(grid, gx.Length * gy.Length, 2));
        var predicted = ClassesFromOutput(output, gx.Length * gy.Length);
        var classes = new int[gy.Length, gx.Length];
        for (int i = 0; i < gy.Length; i++)
            for (int j = 0; j < gx.Length; j++) classes[i, j] = predicted[i * gx.Length + j];
        return RegionFigure(gx, gy, classes, xs, ys, labels, classNames);
    }

    /// <summary>Turns a model's output for M points into M class numbers (argmax of scores, or a 0.5 threshold).</summary>
    internal static int[] ClassesFromOutput(Tensor output, int m)
    {
        var values = output.ToArray();
        if (values.Length == m)
        {
            bool wholeNumbers = values.All(v => v == Math.Round(v));
            return values.Select(v => wholeNumbers ? (int)v : (v >= 0.5 ? 1 : 0)).ToArray();
        }
        if (output.Rank == 2 && output.Shape[0] == m)
        {
            int k = output.Shape[1];
            var result = new int[m];
            for (int i = 0; i < m; i++)
            {
                int best = 0;
                for (int c = 1; c < k; c++) if (values[i * k + c] > values[i * k + best]) best = c;
                result[i] = best;
            }
            return result;
        }
        throw new ArgumentException($"DecisionRegions: the model returned shape [{string.Join(", ", output.Shape)}] for {m} points; expected [{m}], [{m}, 1] or [{m}, K].");
    }

    /// <summary>Grid points covering the data's bounding box plus 10% on each side.</summary>
    private static (double[] Gx, double[] Gy) GridAround(double[] xs, double[] ys, int resolution)
    {
        if (resolution < 2) throw new ArgumentException($"DecisionRegions: resolution must be at least 2, got {resolution}.");
        static (double, double) Range(double[] v)
        {
            var finite = v.Where(double.IsFinite).ToArray();
            if (finite.Length == 0) return (-1, 1);
            double lo = finite.Min(), hi = finite.Max(), pad = hi > lo ? (hi - lo) * 0.1 : 1;
            return (lo - pad, hi + pad);
        }
        var (x0, x1) = Range(xs);
        var (y0, y1) = Range(ys);
        double[] Steps(double a, double b) => Enumerable.Range(0, resolution).Select(i => a + (b - a) * i / (resolution - 1)).ToArray();
        return (Steps(x0, x1), Steps(y0, y1));
    }

    private static Figure RegionFigure(double[] gx, double[] gy, int[,] classes, double[] xs, double[] ys, Values labels, IReadOnlyList<string>? classNames)
    {
        int k = Math.Max(classes.Cast<int>().DefaultIfEmpty(0).Max() + 1, labels.Count == 0 ? 0 : (int)labels.Items.Max() + 1);
        var figure = new Figure().Add(new RegionTrace(gx, gy, classes, k));
        foreach (var trace in ClassMarkers(xs, ys, labels, classNames, k)) figure.Add(trace);
        figure.Main.X.Title = "x₁";
        figure.Main.Y.Title = "x₂";
        return figure;
    }
}
