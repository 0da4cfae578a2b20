namespace DeepPrep.Charts.Tests;

/// <summary>
/// One figure of every kind the notebooks need, with data shaped like theirs. The SVG, JSON and browser
/// tests run over all of them, and the browser test saves a screenshot of each (artifacts/chart-screenshots).
/// </summary>
public static class SampleFigures
{
    public static readonly IReadOnlyDictionary<string, Func<Figure>> All = new Dictionary<string, Func<Figure>>
    {
        ["line-learning-curves"] = LearningCurves,
        ["scatter-classes"] = ScatterClasses,
        ["band-seeds"] = BandOverSeeds,
        ["bar-grouped"] = GroupedBars,
        ["histogram-overlay"] = Histograms,
        ["heatmap-weights"] = WeightHeatmap,
        ["heatmap-large"] = LargeHeatmap,
        ["decision-regions"] = DecisionRegions,
        ["contour-gd-path"] = ContourWithPath,
        ["images-digits"] = DigitGrid,
        ["images-28x28"] = FashionLikeGrid,
        ["log-log-u-curve"] = LearningRateUCurve,
        ["grid-shared-log"] = GradientGrid,
        ["sweep-slider"] = LearningRateSweep,
        ["phase-portrait"] = PhasePortrait,
        ["nan-values"] = WithNaN,
        ["bar-crowded-names"] = CrowdedBars,
        ["long-title-dashed"] = LongTitleDashed,
        ["grid-three-panels"] = ThreePanels,
        ["sweep-grid"] = SweepOverGrid,
        ["empty"] = Empty,
    };

    public static Figure LearningCurves()
    {
        var epochs = Enumerable.Range(1, 30).ToArray();
        var train = epochs.Select(e => 2.3 * Math.Exp(-e / 6.0) + 0.02).ToArray();
        var val = epochs.Select(e => 2.3 * Math.Exp(-e / 6.0) + 0.08 + 0.004 * e).ToArray();
        return Chart.Line(epochs, train, "train").AddLine(epochs, val, "validation")
            .Title("Learning curves").XAxis("epoch").YAxis("cross-entropy loss", log: true)
            .HLine(2.3026, "ln 10 (chance)").Caption(new { seed = 0, lr = 0.1, batch = 32 });
    }

    public static Figure ScatterClasses()
    {
        var rng = new Random(1);
        var pts = new double[400 * 2];
        var labels = new int[400];
        for (int i = 0; i < 400; i++)
        {
            labels[i] = i % 2;
            double angle = rng.NextDouble() * Math.PI, r = 1 + rng.NextDouble() * 0.2;
            pts[2 * i] = labels[i] == 0 ? r * Math.Cos(angle) : 1 - r * Math.Cos(angle);
            pts[2 * i + 1] = labels[i] == 0 ? r * Math.Sin(angle) : 0.5 - r * Math.Sin(angle);
        }
        return Chart.Points(Tensor.From(pts, 400, 2), labels).Title("Two moons").XAxis("x₁").YAxis("x₂").Caption("n = 400, noise 0.2, seed 1");
    }

    public static Figure BandOverSeeds()
    {
        var steps = Enumerable.Range(0, 50).Select(i => i * 10.0).ToArray();
        List<double[]> Runs(double rate, int seedBase) => Enumerable.Range(0, 5).Select(s =>
        {
            var rng = new Random(seedBase + s);
            return steps.Select(t => Math.Exp(-rate * t) * (1 + 0.25 * (rng.NextDouble() - 0.5)) + 0.05).ToArray();
        }).ToList();
        return Chart.Band(steps, Runs(0.01, 0), "SGD").AddBand(steps, Runs(0.02, 10), "Adam")
            .Title("Training loss, mean ± sd over 5 seeds").XAxis("step").YAxis("loss").Caption("seeds 0–4, batch 32");
    }

    public static Figure GroupedBars()
    {
        string[] methods = ["scratch", "transfer", "transfer, η = 1", "random labels"];
        return Chart.Bar(methods, new[] { 0.76, 0.84, 0.5, 0.7 }, "even/odd, 20 labels", errors: new[] { 0.02, 0.04, 0.01, 0.05 })
            .AddBar(methods, new[] { 0.87, 0.83, 0.52, 0.8 }, "0–4 → 5–9, 25 labels", errors: new[] { 0.02, 0.02, 0.02, 0.03 })
            .Title("Transfer learning: test accuracy").YAxis("accuracy", min: 0, max: 1).HLine(0.5, "chance").Caption("5 seeds, error bars ± 1 sd");
    }

    public static Figure Histograms()
    {
        var rng = new Random(3);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var data = Enumerable.Range(0, 2000).Select(_ => 3 + 0.5 * Normal()).ToArray();
        var generated = Enumerable.Range(0, 2000).Select(_ => 2.6 + 0.8 * Normal()).ToArray();
        return Chart.Histogram(data, 40, "data N(3, 0.5²)", density: true)
            .AddHistogram(generated, "generator G(z)", 40, density: true)
            .Title("Generator samples vs data").XAxis("x").YAxis("density").Caption("step 2000, batch 128");
    }

    public static Figure WeightHeatmap()
    {
        var rng = new Random(4);
        var w = new double[16, 10];
        for (int i = 0; i < 16; i++) for (int j = 0; j < 10; j++) w[i, j] = (rng.NextDouble() - 0.5) * 0.8 * (1 + i / 8.0);
        return Chart.Heatmap(w, "weight").Title("Hidden layer weights after 30 epochs").XAxis("input unit").YAxis("hidden unit")
            .Caption("Glorot init, seed 0");
    }

    public static Figure LargeHeatmap()
    {
        var xs = Enumerable.Range(0, 120).Select(i => -3 + 6.0 * i / 119).ToArray();
        var ys = Enumerable.Range(0, 100).Select(i => -2 + 4.0 * i / 99).ToArray();
        var z = new double[ys.Length, xs.Length];
        for (int i = 0; i < ys.Length; i++) for (int j = 0; j < xs.Length; j++) z[i, j] = Math.Pow(xs[j] * xs[j] - 1, 2) + ys[i] * ys[i];
        return Chart.Heatmap(xs, ys, z, "loss").Title("Loss surface (double well)").XAxis("w₁").YAxis("w₂");
    }

    public static Figure DecisionRegions()
    {
        var rng = new Random(5);
        var pts = new double[200 * 2];
        var labels = new int[200];
        for (int i = 0; i < 200; i++)
        {
            double cx = i % 4 < 2 ? -1 : 1, cy = i % 2 == 0 ? -1 : 1;
            pts[2 * i] = cx + 0.3 * (rng.NextDouble() * 2 - 1) * 1.5;
            pts[2 * i + 1] = cy + 0.3 * (rng.NextDouble() * 2 - 1) * 1.5;
            labels[i] = cx * cy > 0 ? 1 : 0;
        }
        // A smooth XOR classifier, standing in for a trained 2-8-2 MLP.
        return Chart.DecisionRegions((x, y) => Math.Tanh(2 * x) * Math.Tanh(2 * y) > 0 ? 1 : 0, Tensor.From(pts, 200, 2), labels)
            .Title("XOR: decision regions of a 2-8-2 tanh MLP").Caption("seed 0, 200 epochs, η = 0.5, accuracy 0.98");
    }

    public static Figure ContourWithPath()
    {
        var xs = Enumerable.Range(0, 81).Select(i => -4 + 8.0 * i / 80).ToArray();
        var ys = Enumerable.Range(0, 61).Select(i => -3 + 6.0 * i / 60).ToArray();
        Func<double, double, double> f = (x, y) => 0.5 * x * x + 4 * y * y;
        var path = new List<(double X, double Y)> { (-3.5, 2.5) };
        for (int k = 0; k < 12; k++) { var (x, y) = path[^1]; path.Add((x - 0.22 * x, y - 0.22 * 8 * y)); }
        return Chart.Contour(xs, ys, f, 12)
            .AddLineMarkers(path.Select(p => p.X).ToArray(), path.Select(p => p.Y).ToArray(), "gradient descent", color: "#d55e00")
            .EqualAspect().Title("GD on an ill-conditioned quadratic").XAxis("w₁").YAxis("w₂").Caption("η = 0.22, κ = 8");
    }

    private static double[,] DigitLike(int k, int size, Random rng)
    {
        var image = new double[size, size];
        double angle = k * 0.6, cx = (size - 1) / 2.0;
        for (int r = 0; r < size; r++)
            for (int c = 0; c < size; c++)
            {
                double dx = c - cx, dy = r - cx, radius = Math.Sqrt(dx * dx + dy * dy) / cx;
                double ring = Math.Exp(-Math.Pow((radius - 0.6 - 0.03 * k) * 4, 2));
                double stroke = Math.Exp(-Math.Pow((dx * Math.Cos(angle) + dy * Math.Sin(angle)) / cx * 4, 2)) * (radius < 0.9 ? 1 : 0);
                image[r, c] = Math.Round(16 * Math.Min(1, (k % 2 == 0 ? ring : stroke) + 0.1 * rng.NextDouble()));
            }
        return image;
    }

    public static Figure DigitGrid()
    {
        var rng = new Random(6);
        var images = Enumerable.Range(0, 20).Select(k => DigitLike(k % 10, 8, rng)).ToList();
        var labels = Enumerable.Range(0, 20).Select(k => $"{k % 10}").ToList();
        return Chart.Images(images, 10, labels).Title("Digits (8×8)").Caption("first 20 test images");
    }

    public static Figure FashionLikeGrid()
    {
        var rng = new Random(7);
        var images = Enumerable.Range(0, 16).Select(k => DigitLike(k, 28, rng)).ToList();
        var labels = Enumerable.Range(0, 16).Select(k => k % 2 == 0 ? $"in {k}" : $"out {k}").ToList();
        return Chart.Images(images, 8, labels).Title("Reconstructions (28×28)");
    }

    public static Figure LearningRateUCurve()
    {
        var rates = Enumerable.Range(0, 13).Select(i => Math.Pow(10, -4 + i * 0.5)).ToArray();
        var loss = rates.Select(r => r > 20 ? double.NaN : 0.02 + 2 / (1 + 300 * r) + (r > 3 ? 5 * (r - 3) : 0)).ToArray();
        return Chart.LineMarkers(rates, loss, "final loss").LogX().LogY()
            .VLine(20, "η = 2/L").Note(1e-3, 0.03, "update/data = 1e-3")
            .Title("Final loss vs learning rate").XAxis("learning rate η").YAxis("loss after 20 epochs")
            .Caption(new { seed = 0, epochs = 20, batch = 32 });
    }

    public static Figure GradientGrid()
    {
        var layers = Enumerable.Range(1, 10).ToArray();
        Figure Panel(string title, double ratio) =>
            Chart.LineMarkers(layers, layers.Select(l => 1e-3 * Math.Pow(ratio, (l - 1) / 9.0)).ToArray(), "mean |∂L/∂W|").Title(title).XAxis("layer").LogY();
        return Chart.Grid([Panel("sigmoid + Glorot", 3e5), Panel("ReLU + He", 1.2), Panel("tanh + Glorot", 1.1), Panel("tanh + N(0, 1)", 0.01)],
                columns: 2, shareX: true, shareY: true)
            .Title("Gradient magnitude per layer at initialisation").Caption("digits, batch 256, 10 seeds (median)");
    }

    public static Figure LearningRateSweep()
    {
        double[] rates = [0.5, 5, 10, 15, 19, 21];
        return Chart.Sweep("learning rate η", rates, lr =>
        {
            var steps = Enumerable.Range(0, 21).ToArray();
            var w = steps.Select(k => 4 * Math.Pow(1 - lr * 0.1, k)).ToArray();
            return Chart.LineMarkers(steps, w, "w_k").Title($"GD on f(w) = 0.05 w², η = {lr}").XAxis("step k").YAxis("w_k", min: -8, max: 8)
                .HLine(0, "minimum").Caption("w₀ = 4, L = 0.1: stable iff η < 2/L = 20");
        });
    }

    public static Figure PhasePortrait()
    {
        List<(double, double)> Run(bool alternating)
        {
            var p = new List<(double, double)> { (1, 0) };
            for (int k = 0; k < 60; k++)
            {
                var (x, y) = p[^1];
                double nx = x - 0.1 * y, ny = alternating ? y + 0.1 * nx : y + 0.1 * x;
                p.Add((nx, ny));
            }
            return p;
        }
        var sim = Run(false);
        var alt = Run(true);
        return Chart.Line(sim.Select(p => p.Item1).ToArray(), sim.Select(p => p.Item2).ToArray(), "simultaneous")
            .AddLine(alt.Select(p => p.Item1).ToArray(), alt.Select(p => p.Item2).ToArray(), "alternating")
            .AddScatter([1.0], [0.0], "start", "#4d4d4d", 9)
            .EqualAspect().Title("min_x max_y xy: gradient play").XAxis("x (generator)").YAxis("y (discriminator)").Caption("η = 0.1, 60 steps");
    }

    public static Figure WithNaN()
    {
        var steps = Enumerable.Range(0, 40).ToArray();
        var clipped = steps.Select(k => 1.0 / (1 + 0.3 * k)).ToArray();
        var unclipped = steps.Select(k => k < 25 ? Math.Exp(0.3 * k) * 0.1 : k == 25 ? double.PositiveInfinity : double.NaN).ToArray();
        return Chart.Line(steps, clipped, "clip-norm 1.0").AddLine(steps, unclipped, "no clipping").LogY()
            .Title("RNN training loss: clipping vs none").XAxis("step").YAxis("loss").Caption("η = 0.5, spectral radius 2, seed 1");
    }

    /// <summary>Notebook 11's test-MSE chart at the default size: nine names too long to stand side by side.</summary>
    public static Figure CrowdedBars()
    {
        var labels = new List<string>();
        foreach (var (rho, clip) in new[] { (2, false), (2, true), (1, true) })
            for (int seed = 0; seed < 3; seed++) labels.Add($"ρ{rho} s{seed} {(clip ? "clip" : "none")}{(clip ? "" : " NaN")}");
        double[] mse = [0, 0, 0, 0.0176, 0.033, 0.0041, 0.0008, 0.0003, 0.0017];
        return Chart.Bar(labels, mse, "test MSE").Title("Test MSE after 200 steps (no bar = diverged to NaN/inf)")
            .XAxis("run").YAxis("test MSE").HLine(0.1, "0.1").Caption(new { eta = 0.5, clipNorm = 1.0, seeds = "0,1,2", steps = 200 });
    }

    /// <summary>A title longer than the room beside plotly's mode bar, and a dashed series (its legend swatch must be dashed too).</summary>
    public static Figure LongTitleDashed()
    {
        var steps = Enumerable.Range(0, 60).ToArray();
        return Chart.Line(steps, steps.Select(k => Math.Exp(-k / 15.0)).ToArray(), "no clipping")
            .AddLine(steps, steps.Select(k => Math.Exp(-k / 12.0) + 0.02).ToArray(), "clip-norm 1.0", dashed: true)
            .Title("Training loss per step of a tanh RNN with and without gradient clipping, ρ = 2, η = 0.1")
            .XAxis("step").YAxis("loss", log: true).Caption("seed 0, batch 32");
    }

    /// <summary>Three panels in a row at the default size: it must fit the site's column.</summary>
    public static Figure ThreePanels()
    {
        var x = Enumerable.Range(0, 50).Select(i => i / 10.0).ToArray();
        Figure Panel(string name, Func<double, double> f) => Chart.Line(x, x.Select(f).ToArray(), "activation").Title(name).XAxis("x");
        return Chart.Grid(Panel("sigmoid", v => 1 / (1 + Math.Exp(-v))), Panel("tanh", Math.Tanh), Panel("ReLU", v => Math.Max(0, v - 2)))
            .Title("Three activations").Caption("x from 0 to 5");
    }

    /// <summary>A slider over a grid whose panel titles name the slider value: they must change with it.</summary>
    public static Figure SweepOverGrid()
    {
        double[] rates = [0.1, 0.5, 1.9];
        return Chart.Sweep("η", rates, lr =>
        {
            var steps = Enumerable.Range(0, 15).ToArray();
            Figure Panel(string name, double curvature) => Chart.Line(steps, steps.Select(k => Math.Pow(1 - lr * curvature, k)).ToArray())
                .Title($"{name}, η = {lr}").XAxis("step").YAxis("w", min: -1.5, max: 1.5);
            return Chart.Grid(Panel("flat", 0.2), Panel("curved", 1)).Title($"GD on two quadratics, η = {lr}");
        });
    }

    public static Figure Empty() => Chart.Line(Array.Empty<double>(), Array.Empty<double>(), "loss").Title("No data yet").XAxis("epoch").YAxis("loss");
}
