using System.Diagnostics;
using DeepPrep.Data;
using DeepPrep.Nn;
using DeepPrep.Optim;
using DeepPrep.Training;

namespace DeepPrep.Bench;

/// <summary>
/// "mlp784-256-128-10": ReLU MLP on the full Fashion-MNIST training set (Debian's dataset-fashion-mnist),
/// batch 128, SGD momentum 0.9, lr 0.05, 2 epochs, float32. Reports samples/s and test accuracy.
/// </summary>
internal static class MlpCase
{
    public static void Run(bool smoke)
    {
        var (train, test) = smoke ? Datasets.FashionMnist(dtype: DType.Float32) : Datasets.FashionMnistFull(dtype: DType.Float32);
        if (smoke) train = train.Take(1024);
        const int epochs = 2, batch = 128;
        var rng = new Rng(0);
        var model = new Sequential(new Linear(784, 256, rng: rng), Activation.Relu(), new Linear(256, 128, rng: rng), Activation.Relu(), new Linear(128, 10, rng: rng));
        var opt = new Sgd(model.Parameters(), 0.05, momentum: 0.9);
        var shuffle = new Rng(1);
        // The loss function notes the bytes this thread has allocated as each step starts (a lambda made once, writing
        // into an array made before: noting costs nothing). Steady state is the second epoch: the first step of each
        // kind of batch (full and the ragged last one) fills the pools in the first.
        int stepsPerEpoch = Batching.StepsPerEpoch(train.Count, batch);
        var marks = new long[epochs * stepsPerEpoch];
        int stepIndex = 0;
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        var history = Trainer.Fit(model, opt, train, epochs, batch, shuffle: shuffle, evaluate: false, reuseBuffers: true,
                                  loss: (output, b) => { marks[stepIndex++] = GC.GetAllocatedBytesForCurrentThread(); return Loss.CrossEntropy(output, b.Labels!); });
        double seconds = sw.Elapsed.TotalSeconds;
        long totalBytes = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        long bytesPerStep = epochs >= 2 && stepsPerEpoch >= 2
            ? (marks[2 * stepsPerEpoch - 1] - marks[stepsPerEpoch]) / (stepsPerEpoch - 1)
            : totalBytes / Math.Max(1, history.StepLosses.Count);
        double accuracy = Metrics.Accuracy(Trainer.Predict(model, test.X), test.Labels!);
        Json.Line(("case", "mlp784-256-128-10"), ("epochs", epochs), ("batch", batch), ("samples_per_s", Math.Round(epochs * train.Count / seconds)),
                  ("test_acc", Math.Round(accuracy, 4)), ("seconds", Math.Round(seconds, 2)), ("bytes_allocated_per_step", bytesPerStep), ("bytes_allocated_total", totalBytes));
    }
}
