using DeepPrep.Classic;

namespace DeepPrep.Tests.Classic;

public class DecisionStumpTests
{
    // Weighted error of "class `polarity` where x[feature] > threshold, the other class elsewhere".
    private static double WeightedError(double[,] x, int[] labels, double[] w, int feature, double threshold, int polarity)
    {
        double wrong = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            int predicted = x[i, feature] > threshold ? polarity : 1 - polarity;
            if (predicted != labels[i]) wrong += w[i];
        }
        return wrong / w.Sum();
    }

    // Brute force: every feature, every threshold at a training value or below the smallest one, both polarities.
    private static double BruteForceBest(double[,] x, int[] labels, double[] w)
    {
        double best = double.PositiveInfinity;
        for (int j = 0; j < x.GetLength(1); j++)
        {
            var candidates = Enumerable.Range(0, labels.Length).Select(i => x[i, j]).Append(double.NegativeInfinity);
            foreach (double t in candidates)
                for (int polarity = 0; polarity <= 1; polarity++)
                    best = Math.Min(best, WeightedError(x, labels, w, j, t, polarity));
        }
        return best;
    }

    [Fact]
    public void SplitsASeparable1DSetExactly()
    {
        double[,] x = { { 0 }, { 1 }, { 2 }, { 3 }, { 4 }, { 5 } };
        int[] labels = [1, 1, 1, 0, 0, 0];
        var stump = DecisionStump.Fit(x, labels);
        Assert.Equal(0, stump.Feature);
        Assert.Equal(2.5, stump.Threshold);          // halfway between the last 1 and the first 0
        Assert.Equal(0, stump.Polarity);             // class 0 above the threshold
        Assert.Equal(0.0, stump.WeightedError);
        Assert.Equal(labels, stump.Predict(x));
    }

    [Fact]
    public void WeightsMoveTheSplit()
    {
        // Unweighted, the best split of 0 0 1 0 1 1 is at 3.5 (one error, the 0 at x = 3)... or at 1.5 (one
        // error, the 1 at x = 2). Weighting the point at x = 3 heavily leaves only the split at 3.5.
        double[,] x = { { 0 }, { 1 }, { 2 }, { 3 }, { 4 }, { 5 } };
        int[] labels = [0, 0, 1, 0, 1, 1];
        var weighted = DecisionStump.Fit(x, labels, [1, 1, 1, 10, 1, 1]);
        Assert.Equal(3.5, weighted.Threshold);
        Assert.Equal(1, weighted.Polarity);
        Assert.Equal(1.0 / 15, weighted.WeightedError, 12);   // only x = 2 (weight 1 of 15) is wrong
        var heavyTwo = DecisionStump.Fit(x, labels, [1, 1, 10, 1, 1, 1]);
        Assert.Equal(1.5, heavyTwo.Threshold);
        Assert.Equal(1.0 / 15, heavyTwo.WeightedError, 12);
    }

    [Fact]
    public void MatchesBruteForceOnRandomWeightedData()
    {
        var rng = new Rng(11);
        for (int trial = 0; trial < 200; trial++)
        {
            int n = 1 + rng.NextInt(12), d = 1 + rng.NextInt(3);
            var x = new double[n, d];
            var labels = new int[n];
            var w = new double[n];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < d; j++) x[i, j] = rng.NextInt(5);    // small integers: many ties
                labels[i] = rng.NextInt(2);
                w[i] = rng.NextDouble();
            }
            var stump = DecisionStump.Fit(x, labels, w);
            double expected = BruteForceBest(x, labels, w);
            Assert.Equal(expected, stump.WeightedError, 12);
            // The reported error is the error of the split it returns.
            Assert.Equal(WeightedError(x, labels, w, stump.Feature, stump.Threshold, stump.Polarity),
                         stump.WeightedError, 12);
            Assert.True(stump.WeightedError <= 0.5 + 1e-12);
        }
    }

    [Fact]
    public void PicksTheInformativeFeature()
    {
        double[,] x = { { 5, 0.1 }, { 3, 0.9 }, { 1, 0.2 }, { 4, 0.8 } };
        int[] labels = [0, 1, 0, 1];
        var stump = DecisionStump.Fit(x, labels);
        Assert.Equal(1, stump.Feature);   // sorted by feature 0 the classes read 0 1 1 0: one error at best; feature 1 splits at 0.5
        Assert.Equal(0.5, stump.Threshold, 12);
        Assert.Equal(0.0, stump.WeightedError);
    }

    [Fact]
    public void RejectsBadInput()
    {
        double[,] x = { { 0 }, { 1 } };
        Assert.Throws<ArgumentException>(() => DecisionStump.Fit(x, [0, 2]));
        Assert.Throws<ArgumentException>(() => DecisionStump.Fit(x, [0, 1], [0, 0]));
        Assert.Throws<ArgumentException>(() => DecisionStump.Fit(x, [0, 1], [1, -1]));
        Assert.Throws<ArgumentException>(() => DecisionStump.Fit(x, [0]));
    }
}
