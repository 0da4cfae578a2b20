using DeepPrep.EnergyModels;

namespace DeepPrep.Tests.EnergyModels;

// The RBM's closed forms against brute-force sums over every state: free energy (sum over h), log Z (sum over v and h),
// normalisation, the factorised conditionals; plus CD-1 learning on a tiny problem and bad input.
public sealed class RbmTests
{
    // A small RBM with non-trivial random parameters (weights of order 1, so the checks are not near-trivial).
    private static Rbm RandomRbm(int visible, int hidden, ulong seed)
    {
        var rng = new Rng(seed);
        var rbm = new Rbm(visible, hidden, weightSd: 1.0, rng: rng);
        for (int i = 0; i < visible; i++) rbm.VisibleBias[i] = rng.Normal(0, 0.7);
        for (int j = 0; j < hidden; j++) rbm.HiddenBias[j] = rng.Normal(0, 0.7);
        return rbm;
    }

    private static double[] State(long index, int length) =>
        Enumerable.Range(0, length).Select(b => (double)((index >> b) & 1)).ToArray();

    private static double LogSumExp(IEnumerable<double> xs)
    {
        var a = xs.ToArray();
        double max = a.Max();
        return max + Math.Log(a.Sum(x => Math.Exp(x - max)));
    }

    [Theory]
    [InlineData(5, 4, 1UL)]
    [InlineData(3, 6, 2UL)]
    [InlineData(1, 1, 3UL)]
    public void FreeEnergy_EqualsTheBruteForceSumOverHiddenStates(int visible, int hidden, ulong seed)
    {
        var rbm = RandomRbm(visible, hidden, seed);
        for (long vs = 0; vs < 1L << visible; vs++)
        {
            var v = State(vs, visible);
            // F(v) = −log Σ_h exp(−E(v, h))
            double brute = -LogSumExp(Enumerable.Range(0, 1 << hidden).Select(hs => -rbm.Energy(v, State(hs, hidden))));
            Assert.Equal(brute, rbm.FreeEnergy(v), 1e-12);
        }
        // The tensor overload row by row.
        var rows = Tensor.From(new[] { 1.0, 0, 1, 1, 0 }.Take(visible).Concat(new double[visible]).ToArray(), 2, visible);
        var f = rbm.FreeEnergy(rows);
        Assert.Equal(rbm.FreeEnergy(new[] { 1.0, 0, 1, 1, 0 }.Take(visible).ToArray()), f[0], 1e-14);
        Assert.Equal(rbm.FreeEnergy(new double[visible]), f[1], 1e-14);
    }

    [Theory]
    [InlineData(4, 3, 4UL)]
    [InlineData(6, 2, 5UL)]
    [InlineData(2, 7, 6UL)]
    public void LogPartition_EqualsTheBruteForceSumOverAllVisibleAndHiddenStates(int visible, int hidden, ulong seed)
    {
        var rbm = RandomRbm(visible, hidden, seed);
        var terms = new List<double>();
        for (long vs = 0; vs < 1L << visible; vs++)
            for (long hs = 0; hs < 1L << hidden; hs++)
                terms.Add(-rbm.Energy(State(vs, visible), State(hs, hidden)));
        Assert.Equal(LogSumExp(terms), rbm.LogPartition(), 1e-12);
    }

    [Fact]
    public void Probabilities_SumToOne_OverEveryVisibleVector()
    {
        var rbm = RandomRbm(5, 4, 7);
        double logZ = rbm.LogPartition();
        double total = 0;
        for (long vs = 0; vs < 32; vs++)
        {
            var row = Tensor.From(State(vs, 5), 1, 5);
            total += Math.Exp(rbm.MeanLogLikelihood(row, logZ));
        }
        Assert.Equal(1, total, 1e-12);
    }

    [Fact]
    public void HiddenPosterior_FactorisesIntoSigmoids()
    {
        var rbm = RandomRbm(6, 5, 8);
        var v = new double[] { 1, 0, 0, 1, 1, 0 };
        var posterior = rbm.HiddenPosteriorByEnumeration(v);
        var p = rbm.HiddenProbabilities(Tensor.From(v, 1, 6)).ToArray();   // σ(b + vW)
        Assert.Equal(1, posterior.Sum(), 1e-13);
        for (int s = 0; s < posterior.Length; s++)
        {
            double product = 1;
            for (int j = 0; j < 5; j++) product *= ((s >> j) & 1) == 1 ? p[j] : 1 - p[j];
            Assert.Equal(product, posterior[s], 1e-14);
        }
    }

    [Fact]
    public void VisibleConditional_MatchesTheJointByEnumeration()
    {
        // p(vᵢ = 1 | h) from the joint over all v, for one h, against σ(a + Wh).
        var rbm = RandomRbm(4, 3, 9);
        var h = new double[] { 1, 0, 1 };
        var weights = Enumerable.Range(0, 16).Select(vs => Math.Exp(-rbm.Energy(State(vs, 4), h))).ToArray();
        double total = weights.Sum();
        var p = rbm.VisibleProbabilities(Tensor.From(h, 1, 3)).ToArray();
        for (int i = 0; i < 4; i++)
        {
            double marginal = Enumerable.Range(0, 16).Where(vs => ((vs >> i) & 1) == 1).Sum(vs => weights[vs]) / total;
            Assert.Equal(marginal, p[i], 1e-13);
        }
    }

    [Fact]
    public void ZeroWeights_WithDataBiases_AreTheIndependentPixelModel()
    {
        var data = Tensor.From(new double[] { 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 0, 0 }, 4, 3);
        var rbm = new Rbm(3, 2, weightSd: 0).InitVisibleBiasFromData(data);
        double[] p = { 0.75, 0.5, 0.5 };                          // column means
        double expected = 0;
        var x = data.ToArray();
        for (int r = 0; r < 4; r++)
            for (int i = 0; i < 3; i++) expected += (x[r * 3 + i] == 1 ? Math.Log(p[i]) : Math.Log(1 - p[i])) / 4;
        Assert.Equal(expected, rbm.MeanLogLikelihood(data), 1e-12);
    }

    [Fact]
    public void ContrastiveDivergence_RaisesTheExactLikelihood_OnATinyDataSet()
    {
        // Two patterns (and their noisy copies) over 6 pixels: an RBM with 3 hidden units should learn them.
        var rng = new Rng(10);
        var rows = new List<double>();
        for (int r = 0; r < 60; r++)
        {
            double[] pattern = r % 2 == 0 ? [1, 1, 1, 0, 0, 0] : [0, 0, 0, 1, 1, 1];
            rows.AddRange(pattern.Select(b => rng.Bernoulli(0.05) ? 1 - b : b));
        }
        var data = Tensor.From(rows.ToArray(), 60, 6);
        var rbm = new Rbm(6, 3, rng: new Rng(11)).InitVisibleBiasFromData(data);
        double before = rbm.MeanLogLikelihood(data);
        var chain = new Rng(12);
        for (int epoch = 0; epoch < 200; epoch++)
            for (int start = 0; start < 60; start += 10)
                rbm.ContrastiveDivergence(data.Rows(start, 10), learningRate: 0.1, k: 1, rng: chain);
        double after = rbm.MeanLogLikelihood(data);
        Assert.True(after > before + 1.0, $"log-likelihood {before:F3} → {after:F3}");
    }

    [Fact]
    public void ContrastiveDivergence_WithZeroLearningRate_ChangesNothing_AndIsSeeded()
    {
        var rbm = RandomRbm(4, 3, 13);
        var w = (double[])rbm.Weight.Clone();
        var batch = Tensor.From(new double[] { 1, 0, 1, 0, 0, 1, 1, 1 }, 2, 4);
        rbm.ContrastiveDivergence(batch, 0, rng: new Rng(1));
        Assert.Equal(w, rbm.Weight);
        var a = RandomRbm(4, 3, 13);
        var b = RandomRbm(4, 3, 13);
        a.ContrastiveDivergence(batch, 0.1, k: 3, rng: new Rng(2));
        b.ContrastiveDivergence(batch, 0.1, k: 3, rng: new Rng(2));
        Assert.Equal(a.Weight, b.Weight);
        Assert.Equal(a.HiddenBias, b.HiddenBias);
        Assert.NotEqual(w, a.Weight);
    }

    [Fact]
    public void Gibbs_ReturnsProbabilities_OfTheRightShape()
    {
        var rbm = RandomRbm(5, 3, 14);
        var samples = rbm.Gibbs(Tensor.Zeros([7, 5], DType.Float64), steps: 20, rng: new Rng(3));
        Assert.Equal(new[] { 7, 5 }, samples.Shape);
        Assert.All(samples.ToArray(), p => Assert.InRange(p, 0, 1));
    }

    [Fact]
    public void BadInput_FailsClearly()
    {
        Assert.Throws<ArgumentException>(() => new Rbm(0, 3));
        Assert.Throws<ArgumentException>(() => new Rbm(3, 2, weightSd: double.NaN));
        var rbm = new Rbm(3, 2);
        Assert.Contains("[n, 3]", Assert.Throws<ArgumentException>(() => rbm.FreeEnergy(Tensor.Zeros([2, 4], DType.Float64))).Message);
        Assert.Contains("[0, 1]", Assert.Throws<ArgumentException>(() => rbm.FreeEnergy(Tensor.Full([1, 3], 2.0, DType.Float64))).Message);
        Assert.Throws<ArgumentException>(() => rbm.Energy(new double[2], new double[2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => rbm.ContrastiveDivergence(Tensor.Zeros([1, 3], DType.Float64), 0.1, k: 0));
        Assert.Throws<InvalidOperationException>(() => new Rbm(2, 25).LogPartition());
    }
}
