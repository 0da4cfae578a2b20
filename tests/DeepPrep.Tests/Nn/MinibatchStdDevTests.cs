using DeepPrep.Nn;

namespace DeepPrep.Tests.Nn;

public class MinibatchStdDevTests
{
    [Fact]
    public void AppendsTheMeanPerFeatureStandardDeviation()
    {
        // Rows (0, 0), (2, 4): per-feature population sd = 1 and 2, mean 1.5, appended to both rows.
        var x = Tensor.From(new double[,] { { 0, 0 }, { 2, 4 } });
        var y = new MinibatchStdDev(epsilon: 1e-12).Forward(x);
        Assert.Equal([2, 3], y.Shape);
        var expected = new double[] { 0, 0, 1.5, 2, 4, 1.5 };
        var actual = y.ToArray();
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-9);
    }

    [Fact]
    public void IdenticalRowsGiveSqrtEpsilonAndAFiniteGradient()
    {
        // A fully collapsed batch: every row the same, spread √ε; the gradient must stay finite (ε inside the root).
        var x = Tensor.Full([4, 2], 0.7, DType.Float64).RequireGrad();
        var layer = new MinibatchStdDev(epsilon: 1e-6);
        var y = layer.Forward(x);
        Assert.Equal(Math.Sqrt(1e-6), y[0, 2], 1e-12);
        y.Sum().Backward();
        Assert.All(x.Grad!.ToArray(), g => Assert.True(double.IsFinite(g)));
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        // float64 central differences through the spread column: every row's gradient depends on the others.
        var rng = new Rng(11);
        var x = Tensor.Randn([5, 3], rng, dtype: DType.Float64).RequireGrad();
        var weights = Tensor.Randn([5, 4], rng, dtype: DType.Float64);        // a fixed random readout, so every output matters
        var layer = new MinibatchStdDev();
        double error = GradCheck.MaxRelativeError(() => (layer.Forward(x) * weights).Sum(), x);
        Assert.True(error < 1e-7, $"relative error {error}");
    }

    [Fact]
    public void SpreadIsInvariantToShiftingTheBatch()
    {
        var rng = new Rng(5);
        var x = Tensor.Randn([6, 2], rng, dtype: DType.Float64);
        var layer = new MinibatchStdDev();
        double spread = layer.Forward(x)[0, 2];
        Assert.Equal(spread, layer.Forward(x + 10.0)[0, 2], 1e-9);
        Assert.Equal(3 * spread, layer.Forward(x * 3.0)[0, 2], 1e-6);     // scales with the data (ε is negligible here)
    }

    [Fact]
    public void RejectsBatchesItCannotMeasure()
    {
        var layer = new MinibatchStdDev();
        Assert.Throws<ArgumentException>(() => layer.Forward(Tensor.Zeros(1, 3)));
        Assert.Throws<ArgumentException>(() => layer.Forward(Tensor.Zeros(2, 3, 4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MinibatchStdDev(epsilon: 0));
        Assert.Equal(0, layer.ParameterCount);
    }
}
