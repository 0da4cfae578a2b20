using DeepPrep.Nn;

namespace DeepPrep.Tests.Nn;

public class PackTests
{
    [Fact]
    public void PutsConsecutiveRowsSideBySide()
    {
        var x = Tensor.From(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 }, { 7, 8 } });
        var y = new Pack(2).Forward(x);
        Assert.Equal([2, 4], y.Shape);
        Assert.Equal(new double[] { 1, 2, 3, 4, 5, 6, 7, 8 }, y.ToArray());
        Assert.Equal([1, 8], new Pack(4).Forward(x).Shape);
    }

    [Fact]
    public void GradientFlowsBackToEachSample()
    {
        // Weight each packed output differently; every input element must receive exactly its weight.
        var x = Tensor.Randn([6, 2], new Rng(2), dtype: DType.Float64).RequireGrad();
        var weights = Tensor.From(Enumerable.Range(1, 12).Select(i => (double)i).ToArray(), 3, 4);
        (new Pack(2).Forward(x) * weights).Sum().Backward();
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (double)i).ToArray(), x.Grad!.ToArray());
        double error = GradCheck.MaxRelativeError(() => (new Pack(3).Forward(x) * Tensor.From(weights.ToArray(), 2, 6)).Square().Sum(), x);
        Assert.True(error < 1e-8, $"relative error {error}");
    }

    [Fact]
    public void RejectsBatchesThatDoNotSplit()
    {
        Assert.Throws<ArgumentException>(() => new Pack(2).Forward(Tensor.Zeros(3, 2)));
        Assert.Throws<ArgumentException>(() => new Pack(2).Forward(Tensor.Zeros(4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Pack(1));
        Assert.Equal(0, new Pack(2).ParameterCount);
    }
}
