using DeepPrep.Classic;

namespace DeepPrep.Tests.Classic;

public class PerceptronTests
{
    private static Tensor Corners() => Tensor.From([0.0, 0, 0, 1, 1, 0, 1, 1], 4, 2);

    [Fact]
    public void OneMistakeMovesTheBoundaryTowardThePoint()
    {
        // From w = 0, b = 0 the point (1, 2) with label 1 is predicted 0 (z = 0 is not > 0):
        // w ← 0 + 0.5·(1 − 0)·(1, 2) = (0.5, 1), b ← 0.5.
        var p = new Perceptron(2, learningRate: 0.5);
        int mistakes = p.Epoch(Tensor.From([1.0, 2.0], 1, 2), [1]);
        Assert.Equal(1, mistakes);
        Assert.Equal([0.5, 1.0], p.Weights);
        Assert.Equal(0.5, p.Bias);
        Assert.Equal(0, p.Epoch(Tensor.From([1.0, 2.0], 1, 2), [1]));   // now correct: nothing changes
        Assert.Equal(0.5, p.Bias);
    }

    [Fact]
    public void ConvergesOnSeparableDataAnd()
    {
        var p = new Perceptron(2);
        var mistakes = p.Fit(Corners(), [0, 0, 0, 1], epochs: 100);
        Assert.Equal(0, mistakes[^1]);
        Assert.True(mistakes.Count < 100);
        Assert.Equal([0.0, 0, 0, 1], p.Predict(Corners()).ToArray());
        Assert.Equal(1.0, p.Accuracy(Corners(), [0, 0, 0, 1]));
        Assert.Equal(0.75, p.Accuracy(Corners(), [0, 0, 0, 0]));
    }

    [Fact]
    public void ConvergesOnSeparableDataInShuffledOrder()
    {
        // OR with shuffled passes: the order changes the path, not the guarantee (Novikoff).
        var p = new Perceptron(2);
        var mistakes = p.Fit(Corners(), [0, 1, 1, 1], epochs: 100, shuffle: new Rng(7));
        Assert.Equal(0, mistakes[^1]);
        Assert.Equal([0.0, 1, 1, 1], p.Predict(Corners()).ToArray());
    }

    [Fact]
    public void NeverConvergesOnXor()
    {
        var p = new Perceptron(2);
        var mistakes = p.Fit(Corners(), [0, 1, 1, 0], epochs: 100);
        Assert.Equal(100, mistakes.Count);
        Assert.All(mistakes, m => Assert.True(m >= 1));
        // No line gets all four XOR corners right, so at least one is wrong after training.
        var predicted = p.Predict(Corners()).ToArray();
        Assert.True(predicted.Zip(new[] { 0.0, 1, 1, 0 }).Count(z => z.First != z.Second) >= 1);
    }

    [Fact]
    public void RejectsBadLabelsAndShapes()
    {
        var p = new Perceptron(2);
        Assert.Throws<ArgumentException>(() => p.Epoch(Corners(), [0, 2, 1, 0]));
        Assert.Throws<ArgumentException>(() => p.Epoch(Corners(), [0, 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Perceptron(2, learningRate: 0));
    }
}
