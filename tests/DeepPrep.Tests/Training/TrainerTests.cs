using DeepPrep.Nn;
using DeepPrep.Optim;
using DeepPrep.Training;

namespace DeepPrep.Tests.Training;

public class TrainerTests
{
    // XOR-style data: label 1 where x₁·x₂ > 0. Not linearly separable, so only a hidden layer solves it.
    private static (Tensor X, int[] Labels) Xor(Rng rng, int n)
    {
        var x = Tensor.Randn([n, 2], rng, dtype: DType.Float32);
        var labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = x[i, 0] * x[i, 1] > 0 ? 1 : 0;
        return (x, labels);
    }

    private static History TrainOnce(ulong seed, double learningRate = 0.1, int epochs = 5)
    {
        Seed.Set(seed);
        var (x, y) = Xor(Seed.Global.Data, 256);
        var model = new Sequential(new Linear(2, 16), Activation.Tanh(), new Dropout(0.1), new Linear(16, 2));
        return Trainer.Fit(model, new Sgd(model.Parameters(), learningRate, momentum: 0.9), x, y, epochs, batchSize: 32);
    }

    [Fact]
    public void SameSeedGivesBitwiseIdenticalHistories()
    {
        var a = TrainOnce(5);
        var b = TrainOnce(5);
        Assert.Equal(a.StepLosses.Count, b.StepLosses.Count);
        for (int i = 0; i < a.StepLosses.Count; i++)
            Assert.Equal(BitConverter.DoubleToInt64Bits(a.StepLosses[i]), BitConverter.DoubleToInt64Bits(b.StepLosses[i]));
        Assert.Equal(a.Epochs, b.Epochs); // records compare every field exactly
        var c = TrainOnce(6);
        Assert.NotEqual(a.StepLosses, c.StepLosses);
    }

    [Fact]
    public void AnMlpLearnsXor()
    {
        Seed.Set(1);
        var (x, y) = Xor(Seed.Global.Data, 512);
        var (tx, ty) = Xor(Seed.Global.Data, 512);
        var model = Sequential.Mlp([2, 16, 2], Activation.Tanh, Init.GlorotNormal);
        var history = Trainer.Fit(model, new Sgd(model.Parameters(), 0.1, momentum: 0.9), x, y, epochs: 40, batchSize: 32, testX: tx, testLabels: ty);
        Assert.False(history.Diverged);
        Assert.True(history.Last!.TestAccuracy >= 0.9, $"test accuracy {history.Last.TestAccuracy}");
        Assert.True(history.TrainLoss[^1] < history.TrainLoss[0] / 2, $"loss {history.TrainLoss[0]} → {history.TrainLoss[^1]}");
        Assert.Equal(40 * Batching.StepsPerEpoch(512, 32), history.StepLosses.Count);
    }

    [Fact]
    public void ADivergingRunStopsAndReportsStepAndValue()
    {
        Seed.Set(2);
        var x = Tensor.Randn([64, 4], Seed.Global.Data, sd: 10, dtype: DType.Float64);
        var targets = x.Sum(1, keepDims: true) * 10.0;
        var model = Sequential.Mlp([4, 8, 1], Activation.Relu, dtype: DType.Float64);
        var output = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(output);
        History history;
        try { history = Trainer.Fit(model, new Sgd(model.Parameters(), 10.0), x, targets, epochs: 50, batchSize: 16); }
        finally { Console.SetOut(previous); }
        Assert.True(history.Diverged);
        var d = history.Divergence!;
        Assert.False(double.IsFinite(d.Loss));
        // Stopped at the first bad step (a mini-batch loss, or the end-of-epoch evaluation after the last step).
        Assert.InRange(d.Step, history.StepLosses.Count, history.StepLosses.Count + 1);
        Assert.All(history.StepLosses, l => Assert.True(double.IsFinite(l))); // the history kept is clean
        Assert.True(d.Step < 50 * 4);
        Assert.Contains($"diverged at step {d.Step}", output.ToString());
        Assert.Contains("diverged at step", history.ToString());
    }

    [Fact]
    public void BatchingCoversEveryRowOncePerEpoch()
    {
        var x = Tensor.Arange(0, 10, 1, DType.Float64).Reshape(10, 1);
        int[] labels = Enumerable.Range(0, 10).ToArray();
        var batches = Batching.Epoch(x, labels, null, batchSize: 4, new Rng(3)).ToList();
        Assert.Equal([4, 4, 2], batches.Select(b => b.Count));                     // ⌈10/4⌉ = 3 iterations
        var seen = batches.SelectMany(b => b.Labels!).OrderBy(i => i).ToArray();
        Assert.Equal(labels, seen);
        foreach (var b in batches)
            for (int i = 0; i < b.Count; i++) Assert.Equal(b.Labels![i], b.X[i, 0]); // rows and labels stay paired
    }

    [Fact]
    public void HooksRecordPerLayerGradientsAndActivations()
    {
        Seed.Set(4);
        var (x, y) = Xor(Seed.Global.Data, 64);
        var model = Sequential.Mlp([2, 8, 8, 2], Activation.Sigmoid);
        var grads = new GradientRecorder(step => step == 1);
        using var acts = new ActivationRecorder(model) { Enabled = false };
        Trainer.Fit(model, new Sgd(model.Parameters(), 0.1), x, y, epochs: 1, batchSize: 64, hooks: [grads], evaluate: false);
        Assert.Equal([1], grads.Steps);
        Assert.Equal(["0.weight", "2.weight", "4.weight"], grads.MeanAbsGrad.Keys);
        Assert.All(grads.MeanAbsGrad.Values, v => Assert.True(v[0] > 0));
        acts.Enabled = true;
        Trainer.Predict(model, x);
        Assert.Single(acts.Passes);
        Assert.Equal(5, acts.Passes[0].Count);
        var sigmoidOut = acts.Passes[0][1];
        Assert.InRange(sigmoidOut.Mean, 0.0, 1.0);
    }

    [Fact]
    public void SchedulesSetTheRateEachEpoch()
    {
        Seed.Set(5);
        var (x, y) = Xor(Seed.Global.Data, 32);
        var model = Sequential.Mlp([2, 4, 2], Activation.Relu);
        var h = Trainer.Fit(model, new Sgd(model.Parameters(), 1.0), x, y, epochs: 3, batchSize: 8,
                            schedule: LearningRateSchedule.StepDecay(0.4, 1, 0.5));
        Assert.Equal([0.4, 0.2, 0.1], h.Epochs.Select(e => e.LearningRate));
    }
}
