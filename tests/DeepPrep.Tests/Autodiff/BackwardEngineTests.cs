namespace DeepPrep.Tests.Autodiff;

// The backward pass keeps in-flight gradients on the nodes and marks visited nodes with a per-pass number
// (no dictionaries). These tests pin down what that bookkeeping must not change.
public class BackwardEngineTests
{
    [Fact]
    public void AFailingBackwardLeavesNothingBehindForTheNextPass()
    {
        var w = Tensor.From([2.0]).RequireGrad();
        var h = w * 3.0; // a node that will hold a pending gradient when the failure happens
        var bad = DeepPrep.Autodiff.Record(Tensor.From([1.0]), "bad", [h], _ => throw new InvalidOperationException("boom"));
        var loss = (bad + h).Sum();
        Assert.Throws<InvalidOperationException>(() => loss.Backward());
        Assert.Null(h.PendingGrad);
        // A fresh pass through h sees only its own gradient: ∂(3w)²/∂w = 18w = 36.
        w.ZeroGrad();
        h.Square().Sum().Backward();
        Assert.Equal(36.0, w.Grad!.Item());
    }

    [Fact]
    public void SharedSubgraphsAreVisitedOnceAndGetEveryContribution()
    {
        // Diamond: y = a·b, z = y + y·y + exp(y); every path into y must arrive before y is pushed further.
        var a = Tensor.From([0.5, -1.5]).RequireGrad();
        var b = Tensor.From([2.0, 0.25]).RequireGrad();
        var y = a * b;
        (y + y * y + y.Exp()).Sum().Backward();
        for (int i = 0; i < 2; i++)
        {
            double yi = a[i] * b[i], dy = 1 + 2 * yi + Math.Exp(yi);
            Assert.Equal(dy * b[i], a.Grad![i], 12);
            Assert.Equal(dy * a[i], b.Grad![i], 12);
        }
    }

    [Fact]
    public void BackwardTwiceOverTheSameGraphAccumulates()
    {
        var w = Tensor.From([1.0, -2.0]).RequireGrad();
        var loss = (w * w).Sum();
        loss.Backward();
        loss.Backward();
        Assert.Equal(new[] { 4.0, -8.0 }, w.Grad!.ToArray());
    }

    [Fact]
    public void ADeepChainDoesNotOverflowTheStack()
    {
        var x = Tensor.From([1.0]).RequireGrad();
        var h = x;
        for (int i = 0; i < 20_000; i++) h = h * 1.0;
        h.Sum().Backward();
        Assert.Equal(1.0, x.Grad!.Item());
    }
}
