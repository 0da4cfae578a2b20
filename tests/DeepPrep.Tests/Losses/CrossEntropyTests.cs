namespace DeepPrep.Tests.Losses;

// The fused softmax cross-entropy against the formula written out in double: loss = −mean log softmax(z)[y],
// ∂loss/∂z = (softmax(z) − onehot(y))/N. Tolerance 1e-14 relative in float64 (a few roundings of an exp and a sum).
public class CrossEntropyTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 4)]
    [InlineData(17, 10)]
    public void LossAndGradientAreSoftmaxMinusOneHotOverN(int n, int c)
    {
        var rng = new Rng(11);
        var logits = Tensor.Randn([n, c], rng, sd: 3, dtype: DType.Float64).RequireGrad();
        var labels = Enumerable.Range(0, n).Select(i => (i * 7) % c).ToArray();
        var loss = Loss.CrossEntropy(logits, labels);
        loss.Backward();

        double expected = 0;
        var grad = logits.Grad!.ToArray();
        for (int i = 0; i < n; i++)
        {
            double max = Enumerable.Range(0, c).Max(j => logits[i, j]);
            double sum = Enumerable.Range(0, c).Sum(j => Math.Exp(logits[i, j] - max));
            expected -= (logits[i, labels[i]] - max - Math.Log(sum)) / n;
            for (int j = 0; j < c; j++)
            {
                double p = Math.Exp(logits[i, j] - max) / sum;
                double want = (p - (j == labels[i] ? 1 : 0)) / n;
                Assert.Equal(want, grad[i * c + j], 1e-14 * Math.Max(1, Math.Abs(want)) + 1e-16);
            }
        }
        Assert.Equal(expected, loss.Item(), 1e-14 * Math.Max(1, Math.Abs(expected)));
        Assert.Equal("cross_entropy", loss.Op);
    }

    [Fact]
    public void APerfectFitHasLossPlusZeroNotMinusZero()
    {
        // e^(−1000) underflows, so log softmax of the label is exactly 0: the loss must print as 0, not −0.
        var loss = Loss.CrossEntropy(Tensor.From([1000.0, 0.0, 0.0, 1000.0], 2, 2), [0, 1]);
        Assert.Equal(0.0, loss.Item());
        Assert.False(double.IsNegative(loss.Item()));
    }
}
