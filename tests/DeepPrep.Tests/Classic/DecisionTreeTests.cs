using DeepPrep.Classic;

namespace DeepPrep.Tests.Classic;

public class DecisionTreeTests
{
    // XOR on the four corners (±1, ±1): label 1 where x₁·x₂ > 0.
    private static Tensor XorCorners() => Tensor.From([1.0, 1, -1, 1, -1, -1, 1, -1], 4, 2);
    private static readonly int[] XorLabels = [1, 0, 1, 0];

    [Fact]
    public void StumpFindsTheExactThresholdIn1D()
    {
        var x = Tensor.From(Enumerable.Range(0, 10).Select(i => (double)i).ToArray(), 10, 1);
        int[] labels = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
        var tree = DecisionTree.Fit(x, labels, depth: 1, thresholds: 9);
        Assert.Equal(0, tree.Feature);
        Assert.Equal(4.0, tree.Threshold);          // cuts are the values at quantiles k/10: 0..8; 4 separates
        Assert.Equal(0, tree.Errors);
        Assert.Equal(1.0, tree.Accuracy(x, labels));
    }

    [Fact]
    public void NoSingleSplitHelpsOnXorButDepthTwoSolvesIt()
    {
        // Every stump leaves 2 of the 4 corners wrong, so a stump keeps the leaf (2 errors, no split).
        var stump = DecisionTree.Fit(XorCorners(), XorLabels, depth: 1);
        Assert.Equal(2, stump.Errors);
        Assert.True(stump.IsLeaf);
        // The exhaustive depth-2 search considers the useless root split with the splits below it: 0 errors.
        var tree = DecisionTree.Fit(XorCorners(), XorLabels, depth: 2);
        Assert.Equal(0, tree.Errors);
        Assert.Equal(2, tree.Depth);
        Assert.Equal([1.0, 0, 1, 0], tree.Predict(XorCorners()).ToArray());
        // Cuts sit at training values (here −1 and 1), so points are routed by x ≤ −1, not by the sign.
        Assert.Equal(1, tree.Predict([1.5, 0.7]));
        Assert.Equal(0, tree.Predict([1.5, -1.5]));
    }

    [Fact]
    public void ErrorsCountMisclassifiedTrainingExamples()
    {
        var rng = new Rng(3);
        int n = 300;
        var values = new double[n * 3];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < 3; j++) values[i * 3 + j] = rng.Normal();
            labels[i] = values[i * 3] + values[i * 3 + 1] > 0 ? 1 : 0;
        }
        var x = Tensor.From(values, n, 3);
        var tree = DecisionTree.Fit(x, labels, depth: 2);
        Assert.Equal(1.0 - (double)tree.Errors / n, tree.Accuracy(x, labels), 12);
        // More depth never makes the best training error worse: depth 0 ≥ depth 1 ≥ depth 2.
        int e0 = DecisionTree.Fit(x, labels, depth: 0).Errors, e1 = DecisionTree.Fit(x, labels, depth: 1).Errors;
        Assert.True(e0 >= e1 && e1 >= tree.Errors, $"errors by depth: {e0}, {e1}, {tree.Errors}");
        Assert.True(tree.Errors < e1);
    }

    [Fact]
    public void ThreeClassesAndBadArguments()
    {
        var x = Tensor.From([0.0, 1, 2, 3, 4, 5], 6, 1);
        var tree = DecisionTree.Fit(x, [0, 0, 1, 1, 2, 2], depth: 2, thresholds: 5);
        Assert.Equal(0, tree.Errors);
        Assert.Throws<ArgumentException>(() => DecisionTree.Fit(x, [0, 1], depth: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => DecisionTree.Fit(x, [0, 0, 1, 1, 2, 2], depth: -1));
    }
}
