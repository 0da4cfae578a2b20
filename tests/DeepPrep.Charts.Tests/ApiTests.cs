namespace DeepPrep.Charts.Tests;

/// <summary>The one-liners a learner writes compile, pick the intended overload, and give the same chart.</summary>
public class ApiTests
{
    private static double[] Ys(Figure f) => ((LineTrace)f.Subplots[0].Traces[0]).Y;
    private static double[] Xs(Figure f) => ((LineTrace)f.Subplots[0].Traces[0]).X;

    [Fact]
    public void Line_takes_every_kind_of_sequence()
    {
        double[] expected = [1, 2, 3];
        Assert.Equal(expected, Ys(Chart.Line(new[] { 1.0, 2, 3 })));
        Assert.Equal(expected, Ys(Chart.Line(new[] { 1f, 2f, 3f })));
        Assert.Equal(expected, Ys(Chart.Line(new[] { 1, 2, 3 })));
        Assert.Equal(expected, Ys(Chart.Line(new List<double> { 1, 2, 3 })));
        Assert.Equal(expected, Ys(Chart.Line(Tensor.From([1.0, 2, 3]))));
        Assert.Equal(expected, Ys(Chart.Line([1, 2, 3])));
        Assert.Equal(expected, Ys(Chart.Line(Enumerable.Range(1, 3).ToArray())));
        Assert.Equal(expected, Ys(Chart.Line(Values.From(Enumerable.Range(1, 3)))));
        Assert.Equal(expected, Ys(Chart.Line(Enumerable.Range(1, 3).Select(i => (double)i), "loss")));
        Assert.Equal([0.0, 1, 2], Xs(Chart.Line([1, 2, 3])));

        var xs = Enumerable.Range(1, 3).Select(i => (double)i);
        var f = Chart.Line(xs, xs.Select(x => 1 / x), "train").AddLine(xs.ToArray(), new List<float> { 1, 2, 3 }, "val").AddScatter(xs, xs, "points");
        Assert.Equal([1.0, 2, 3], Xs(f));
        Assert.Equal(3, f.Subplots[0].Traces.Count);
        Assert.Equal([1.0, 0.5, 1.0 / 3], Ys(f));
    }

    [Fact]
    public void Five_one_liners_from_the_notebooks()
    {
        int seed = 0;
        double lr = 0.1;
        var losses = Enumerable.Range(0, 20).Select(e => Math.Exp(-e / 5.0)).ToList();
        var figures = new[]
        {
            Chart.Line(losses).Title("Loss").XAxis("epoch").YAxis("loss", log: true).Caption(new { seed, lr }),
            Chart.Heatmap(Tensor.From(new double[,] { { 1, -1 }, { 0.5, 0 } }), "weight"),
            Chart.Histogram(losses, bins: 10),
            Chart.Images(Tensor.From(new double[4 * 64], 4, 64), columns: 4, labels: ["0", "1", "2", "3"]),
            Chart.Sweep("η", new[] { 0.1, 1.0 }, eta => Chart.Line(losses.Select(l => l * eta)).Title($"η = {eta}")),
        };
        foreach (var f in figures)
        {
            System.Xml.Linq.XDocument.Parse(f.ToSvg());
            System.Text.Json.JsonDocument.Parse(f.ToPlotlyJson()).Dispose();
        }
    }
}
