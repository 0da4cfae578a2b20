using DeepPrep.Classic;
using DeepPrep.Data;

namespace DeepPrep.Tests.Classic;

public class AdaBoostTests
{
    [Fact]
    public void ReweightMatchesHandComputedValues()
    {
        // Four examples, equal weights ¼; the weak learner gets example 3 wrong: ε = ¼.
        // α = ½ ln(0.75/0.25) = ½ ln 3. Wrong example: ¼·e^{α} = ¼√3; right ones: ¼·e^{−α} = ¼/√3.
        // Z = 3·¼/√3 + ¼√3 = √3/2 = 2√(¼·¾). New weights: right 1/6 each, wrong ½ (the misclassified half).
        var (alpha, error, weights) = AdaBoost.Reweight([0.25, 0.25, 0.25, 0.25], [0, 1, 1, 0], [0, 1, 1, 1]);
        Assert.Equal(0.25, error, 15);
        Assert.Equal(0.5 * Math.Log(3), alpha, 15);
        Assert.Equal([1.0 / 6, 1.0 / 6, 1.0 / 6, 0.5], weights, (a, b) => Math.Abs(a - b) < 1e-15);
    }

    [Fact]
    public void AfterReweightingTheLastLearnerIsACoinFlip()
    {
        // The defining property of AdaBoost's update: under the new weights the learner just added has error ½.
        var rng = new Rng(5);
        int n = 50;
        var w = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
        var labels = Enumerable.Range(0, n).Select(_ => rng.NextInt(2)).ToArray();
        var predicted = labels.Select(l => rng.Bernoulli(0.3) ? 1 - l : l).ToArray();
        var (_, _, next) = AdaBoost.Reweight(w, labels, predicted);
        Assert.Equal(1.0, next.Sum(), 12);
        double wrong = Enumerable.Range(0, n).Where(i => predicted[i] != labels[i]).Sum(i => next[i]);
        Assert.Equal(0.5, wrong, 12);
    }

    [Fact]
    public void TinyExampleRoundByRound()
    {
        // 1-D: 0 1 0 on x = 0, 1, 2. No stump is perfect; the best first stump errs on one point (ε = ⅓).
        double[,] x = { { 0 }, { 1 }, { 2 } };
        int[] labels = [0, 1, 0];
        var model = AdaBoost.Fit(x, labels, rounds: 3);
        Assert.Equal(1.0 / 3, model.WeightedErrors[0], 12);
        Assert.Equal(0.5 * Math.Log(2), model.Alphas[0], 12);
        // Round 2: the weights are ½ on the point just missed and ¼ on the other two; the next best stump errs
        // on one of the ¼ points: ε₂ = ¼, α₂ = ½ ln 3.
        Assert.Equal(0.25, model.WeightedErrors[1], 12);
        Assert.Equal(0.5 * Math.Log(3), model.Alphas[1], 12);
        Assert.Equal(2 * Math.Sqrt(2.0 / 9) * 2 * Math.Sqrt(3.0 / 16), model.Bound[1], 12);
        // Three stumps vote the pattern 0 1 0 exactly.
        Assert.Equal(0.0, model.StagedErrors(x, labels)[^1]);
        Assert.Equal([0.0, 1, 0], model.Predict(Tensor.From(new double[] { 0, 1, 2 }, 3, 1)).ToArray());
    }

    [Fact]
    public void TrainingErrorStaysBelowTheBoundEveryRound()
    {
        var data = Datasets.Circles(200, noise: 0.15, rng: new Rng(2));
        var x = data.X.ToArray2D();
        var model = AdaBoost.Fit(x, data.Labels!, rounds: 100);
        Assert.Equal(100, model.Rounds);
        var staged = model.StagedErrors(x, data.Labels!);
        for (int t = 0; t < model.Rounds; t++)
        {
            Assert.True(staged[t] <= model.Bound[t] + 1e-12, $"round {t + 1}: error {staged[t]} > bound {model.Bound[t]}");
            Assert.InRange(model.WeightedErrors[t], 0, 0.5);
        }
        Assert.True(staged[^1] < staged[0], $"boosting did not lower the training error: {staged[0]} → {staged[^1]}");
        Assert.True(staged[^1] < 0.1, $"final training error {staged[^1]}");
        Assert.Equal(1.0, model.Weights.Sum(), 12);
    }

    [Fact]
    public void StopsWhenNoStumpBeatsACoinFlip()
    {
        // XOR corners with equal weights: every stump errs on exactly half the weight.
        double[,] x = { { 1, 1 }, { -1, 1 }, { -1, -1 }, { 1, -1 } };
        var model = AdaBoost.Fit(x, [1, 0, 1, 0], rounds: 5);
        Assert.Equal(0, model.Rounds);
    }
}
