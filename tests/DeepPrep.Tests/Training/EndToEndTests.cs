using DeepPrep.Data;
using DeepPrep.Nn;
using DeepPrep.Optim;
using DeepPrep.Training;

namespace DeepPrep.Tests.Training;

/// <summary>Real data, real training, float32: the library learns what it should.</summary>
public class EndToEndTests
{
    [Fact]
    public void MlpOnDigitsReaches95PercentWithin20Epochs()
    {
        var (train, test) = Datasets.DigitsSplit(dtype: DType.Float32);
        var model = Sequential.Mlp([64, 64, 10], Activation.Relu, Init.HeNormal, DType.Float32, new Rng(0));
        var history = Trainer.Fit(model, new Sgd(model.Parameters(), 0.1, momentum: 0.9), train, epochs: 20, batchSize: 32,
                                  test: test, shuffle: new Rng(1));
        Assert.False(history.Diverged);
        double best = history.TestAccuracy.Max();
        Assert.True(best >= 0.95, $"best test accuracy {best:F3}");
        Assert.True(history.Last!.TestAccuracy >= 0.95, $"final test accuracy {history.Last.TestAccuracy:F3}");
    }

    [Fact]
    public void MlpOnFashionSubsetReaches80Percent()
    {
        var (train, test) = Datasets.FashionMnist(dtype: DType.Float32);
        var model = Sequential.Mlp([784, 128, 10], Activation.Relu, Init.HeNormal, DType.Float32, new Rng(0));
        var history = Trainer.Fit(model, new Sgd(model.Parameters(), 0.05, momentum: 0.9), train, epochs: 8, batchSize: 64,
                                  test: test, shuffle: new Rng(1));
        Assert.False(history.Diverged);
        Assert.True(history.Last!.TestAccuracy >= 0.80, $"final test accuracy {history.Last.TestAccuracy:F3}");
    }

    [Fact]
    public void TooHighLearningRateOnDigitsIsReportedNotNaN()
    {
        // Least-squares regression of the digit's value on its pixels. Above η = 2/λmax of the input
        // covariance, gradient descent grows geometrically until the loss overflows to infinity.
        // (Cross-entropy with ReLU rarely reaches inf: the units die and the loss plateaus instead.)
        var (train, _) = Datasets.DigitsSplit(dtype: DType.Float32);
        var targets = Tensor.From(train.Labels!.Select(l => (float)l).ToArray(), train.Count, 1);
        var model = new Linear(64, 1, dtype: DType.Float32, rng: new Rng(0));
        var previous = Console.Out;
        var log = new StringWriter();
        Console.SetOut(log);
        History history;
        try { history = Trainer.Fit(model, new Sgd(model.Parameters(), 5.0), train.X, targets, epochs: 20, shuffle: new Rng(1)); }
        finally { Console.SetOut(previous); }
        Assert.True(history.Diverged, history.ToString());
        Assert.False(double.IsFinite(history.Divergence!.Loss));
        Assert.Equal(1, history.Divergence.Epoch);                       // geometric growth: it blows up within an epoch
        Assert.All(history.StepLosses, l => Assert.True(double.IsFinite(l)));
        Assert.Contains($"diverged at step {history.Divergence.Step}", log.ToString());
    }
}
