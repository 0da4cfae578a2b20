using DeepPrep.Nn;
using DeepPrep.Optim;
using DeepPrep.Training;

namespace DeepPrep.Tests.Core;

// BufferPool: a training step's tensors reuse the previous step's arrays. The oracle is the same loop without a
// pool: the pool may only change where numbers are stored, never the numbers (so: bit-identical, not "close").
public class BufferPoolTests
{
    private static (Sequential Model, Sgd Opt, Tensor X, Tensor Y) TinyNet(DType dtype, double momentum)
    {
        var rng = new Rng(7);
        var x = Tensor.Randn([37, 3], rng, dtype: dtype); // odd batch: ragged GEMM tiles and vector tails
        var y = Tensor.Zeros([37, 1], dtype);
        for (int i = 0; i < 37; i++) y[i, 0] = x[i, 0] * x[i, 1] > 0 ? 1 : 0;
        var model = new Sequential(new Linear(3, 9, dtype: dtype, rng: rng), Activation.Tanh(), new Linear(9, 5, dtype: dtype, rng: rng), Activation.Relu(), new Linear(5, 1, dtype: dtype, rng: rng));
        return (model, new Sgd(model.Parameters(), 0.3, momentum: momentum), x, y);
    }

    private static double TrainStep(Sequential model, Sgd opt, Tensor x, Tensor y)
    {
        opt.ZeroGrad();
        var loss = Loss.BinaryCrossEntropyWithLogits(model.Forward(x), y) + Loss.Mse(model.Forward(x).Sigmoid(), y);
        loss.Backward();
        opt.Step();
        return loss.Item();
    }

    [Theory]
    [InlineData(DType.Float32, 0.0)]
    [InlineData(DType.Float32, 0.9)]
    [InlineData(DType.Float64, 0.9)]
    public void TrainingWithAPoolIsBitIdenticalToTrainingWithout(DType dtype, double momentum)
    {
        var (plainModel, plainOpt, x, y) = TinyNet(dtype, momentum);
        var (pooledModel, pooledOpt, _, _) = TinyNet(dtype, momentum);
        var pool = new BufferPool();
        int arraysAfterFirstStep = 0;
        for (int step = 0; step < 20; step++)
        {
            double plain = TrainStep(plainModel, plainOpt, x, y);
            double pooled;
            using (pool.Step()) pooled = TrainStep(pooledModel, pooledOpt, x, y);
            Assert.Equal(plain, pooled); // exact
            if (step == 0) arraysAfterFirstStep = pool.ArraysAllocated;
        }
        Assert.True(arraysAfterFirstStep > 0);
        Assert.Equal(arraysAfterFirstStep, pool.ArraysAllocated); // steady state: every array came back from the pool
        foreach (var (p, q) in plainModel.Parameters().Zip(pooledModel.Parameters()))
        {
            Assert.Equal(p.ToArray(), q.ToArray());
            Assert.Equal(p.Grad!.ToArray(), q.Grad!.ToArray());
        }
    }

    [Fact]
    public void TensorsOfAStepAreReleasedWhenItEndsAndSayWhyWhenRead()
    {
        var data = Tensor.From([1.0, 2.0, 3.0, 4.0], 2, 2);
        var w = Tensor.From([0.5, -1.0, 2.0, 1.0], 2, 2).RequireGrad();
        var pool = new BufferPool();
        Tensor product, view, detached, copy, loss;
        using (pool.Step())
        {
            product = data.MatMul(w);
            view = product.Reshape(4);
            detached = product.Detach();
            copy = product.Clone();
            loss = product.Square().Sum();
            loss.Backward();
            Assert.False(product.IsReleased);
            Assert.Equal(product.ToArray(), view.ToArray());
        }
        foreach (var t in new[] { product, view, detached, loss })
        {
            Assert.True(t.IsReleased);
            var e = Assert.Throws<InvalidOperationException>(() => t.ToArray());
            Assert.Contains("BufferPool", e.Message);
            Assert.Throws<InvalidOperationException>(() => t.ToFloatArray());
            Assert.Throws<InvalidOperationException>(() => t.AsSpan<double>());
        }
        Assert.Throws<InvalidOperationException>(() => loss.Item());
        Assert.Throws<InvalidOperationException>(() => product[0, 0]);
        Assert.Throws<InvalidOperationException>(() => product[0, 0] = 1);
        // Kept: the copy, the data and parameters made before the step, and the parameter's gradient.
        Assert.False(copy.IsReleased);
        Assert.Equal(new[] { 4.5, 1.0, 9.5, 1.0 }, copy.ToArray()); // X·W
        Assert.False(data.IsReleased);
        Assert.False(w.IsReleased);
        Assert.False(w.Grad!.IsReleased);
        // ∂Σ(XW)²/∂W = 2·Xᵀ·XW
        Assert.Equal(new[] { 2 * (1 * 4.5 + 3 * 9.5), 2 * (1 * 1.0 + 3 * 1.0), 2 * (2 * 4.5 + 4 * 9.5), 2 * (2 * 1.0 + 4 * 1.0) }, w.Grad!.ToArray());
    }

    [Fact]
    public void ReusedArraysAreZeroedAndZeroSizedTensorsWork()
    {
        var pool = new BufferPool();
        var x = Tensor.From([1f, 2f, 3f], 3);
        using (pool.Step()) { var _ = x * 5.0; }
        using (pool.Step())
        {
            // Gather's backward scatter-adds into a fresh ZerosLike: a dirty reused array would corrupt it.
            var z = Tensor.Zeros([3], DType.Float32);
            Assert.Equal(new double[] { 0, 0, 0 }, z.ToArray());
            var empty = Tensor.Zeros([0, 4], DType.Float32);
            Assert.Equal(0, empty.Sum([0]).Sum().Item());
        }
    }

    [Fact]
    public void StepsMustNestProperly()
    {
        var a = new BufferPool();
        var b = new BufferPool();
        var outer = a.Step();
        Assert.Throws<InvalidOperationException>(() => a.Step()); // already open
        var inner = b.Step();
        Assert.Throws<InvalidOperationException>(() => outer.Dispose()); // a ends before b
        inner.Dispose();
        outer.Dispose();
        outer.Dispose(); // a second Dispose is harmless
        default(BufferPool.StepScope).Dispose(); // "no pool" scope: nothing to do
        using (a.Step()) { }
    }

    [Fact]
    public void AStepOnOneThreadDoesNotLendArraysToAnother()
    {
        var pool = new BufferPool();
        Tensor? fromOtherThread = null;
        using (pool.Step())
        {
            var thread = new Thread(() => fromOtherThread = Tensor.From([1.0, 2.0]) * 3.0);
            thread.Start();
            thread.Join();
        }
        Assert.NotNull(fromOtherThread);
        Assert.False(fromOtherThread.IsReleased);
        Assert.Equal(new[] { 3.0, 6.0 }, fromOtherThread.ToArray());
    }

    [Fact]
    public void TrainerWithReuseBuffersGivesTheSameHistory()
    {
        History Run(bool reuse)
        {
            var rng = new Rng(3);
            var x = Tensor.Randn([50, 4], rng, dtype: DType.Float32);
            var labels = Enumerable.Range(0, 50).Select(i => (int)(x[i, 0] > 0 ? 1 : 0) + (x[i, 1] > 0 ? 1 : 0)).ToArray();
            var model = Sequential.Mlp([4, 8, 3], Activation.Relu, rng: rng, dtype: DType.Float32);
            var opt = new Sgd(model.Parameters(), 0.1, momentum: 0.9);
            var history = Trainer.Fit(model, opt, x, labels, epochs: 3, batchSize: 16, testX: x, testLabels: labels,
                                      shuffle: new Rng(5), clipNorm: 1.0, reuseBuffers: reuse);
            Assert.All(model.Parameters(), p => Assert.False(p.IsReleased));
            return history;
        }
        var plain = Run(false);
        var pooled = Run(true);
        Assert.Equal(plain.StepLosses, pooled.StepLosses);
        Assert.Equal(plain.Epochs.Select(e => (e.TrainLoss, e.TestLoss, e.TestAccuracy)), pooled.Epochs.Select(e => (e.TrainLoss, e.TestLoss, e.TestAccuracy)));
    }
}
