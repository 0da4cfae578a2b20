namespace DeepPrep.Tests.Autodiff;

public class EngineTests
{
    [Fact]
    public void HandComputedChainRule()
    {
        // f = (a·b + a)², a = 2, b = 3: f = 64; ∂f/∂a = 2(ab + a)(b + 1) = 64; ∂f/∂b = 2(ab + a)·a = 32.
        var a = Tensor.From([2.0]).RequireGrad();
        var b = Tensor.From([3.0]).RequireGrad();
        var f = (a * b + a).Square().Sum();
        f.Backward();
        Assert.Equal(64.0, f.Item());
        Assert.Equal(64.0, a.Grad!.Item());
        Assert.Equal(32.0, b.Grad!.Item());
    }

    [Fact]
    public void GradientsAccumulateUntilZeroGrad()
    {
        var w = Tensor.From([1.0, 2.0]).RequireGrad();
        (w * 3.0).Sum().Backward();
        (w * 3.0).Sum().Backward();
        Assert.Equal(new double[] { 6, 6 }, w.Grad!.ToArray());
        w.ZeroGrad();
        Assert.Equal(new double[] { 0, 0 }, w.Grad!.ToArray());
    }

    [Fact]
    public void ATensorUsedTwiceGetsBothContributions()
    {
        var x = Tensor.From([3.0]).RequireGrad();
        (x * x + x).Sum().Backward(); // d/dx (x² + x) = 2x + 1 = 7
        Assert.Equal(7.0, x.Grad!.Item());
    }

    [Fact]
    public void NoGradRecordsNothingAndDetachCutsTheGraph()
    {
        var w = Tensor.From([1.0]).RequireGrad();
        using (DeepPrep.Autodiff.NoGrad())
        {
            var y = w * 2.0;
            Assert.False(y.RequiresGrad);
            Assert.Null(y.Op);
        }
        var d = (w * 2.0).Detach();
        Assert.False(d.RequiresGrad);
        Assert.True(d.IsLeaf);
        var z = (w * d).Sum(); // d is a constant here: ∂z/∂w = d = 2
        z.Backward();
        Assert.Equal(2.0, w.Grad!.Item());
    }

    [Fact]
    public void SeedGradientAndRetainGrad()
    {
        var x = Tensor.From([1.0, 2.0]).RequireGrad();
        var h = (x * 3.0).RetainGrad();
        var y = h.Square();
        y.Backward(Tensor.From([1.0, 10.0]));
        Assert.Equal(new double[] { 6, 120 }, h.Grad!.ToArray());   // 2h·seed
        Assert.Equal(new double[] { 18, 360 }, x.Grad!.ToArray());  // ·3
    }

    [Fact]
    public void BackwardErrorsAreClear()
    {
        var v = Tensor.From([1.0, 2.0]).RequireGrad();
        var ex = Assert.Throws<InvalidOperationException>(() => (v * 2.0).Backward());
        Assert.Contains("[2]", ex.Message);
        var c = Tensor.From([1.0]);
        Assert.Throws<InvalidOperationException>(() => (c * 2.0).Sum().Backward());
    }

    [Fact]
    public void DeepGraphsDoNotOverflowTheStack()
    {
        // 20,000 chained ops: a recursive topological sort would overflow.
        var x = Tensor.From([1.0]).RequireGrad();
        var y = x;
        for (int i = 0; i < 20000; i++) y = y * 1.0001;
        y.Sum().Backward();
        Assert.Equal(Math.Pow(1.0001, 20000), x.Grad!.Item(), 1e-6);
    }
}
