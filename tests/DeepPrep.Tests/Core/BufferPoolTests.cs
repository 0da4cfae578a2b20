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
        Assert.Contains("Call Backward inside the step", Assert.Throws<InvalidOperationException>(() => loss.Backward()).Message);
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
    public void ReusedTensorsAreZeroedWhenAskedAndZeroSizedOnesWork()
    {
        var pool = new BufferPool(reuseTensors: true);
        var x = Tensor.From([1f, 2f, 3f], 3);
        using (pool.Step())
        {
            var empty = Tensor.Zeros([0, 4], DType.Float32);   // position 0: a zero-size tensor
            Assert.Equal(0, empty.Sum([0]).Sum().Item());
            var _ = x * 5.0;
        }
        for (int step = 0; step < 2; step++)
            using (pool.Step())
            {
                var z = Tensor.Zeros([3], DType.Float32);      // position 0 now wants 3 floats: a new tensor, then reused
                Assert.Equal(new double[] { 0, 0, 0 }, z.ToArray());
                z.FillInPlace(7);                               // dirty it: the next step's Zeros must clear it again
                Assert.Equal(new[] { 5.0, 10.0, 15.0 }, (x * 5.0).ToArray());
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

    // ---- reuseTensors: the tensor objects (and the dense layer's and BCE's backward nodes) come back too ----

    private static double BceStep(Sequential model, Sgd opt, Tensor x, Tensor y)
    {
        opt.ZeroGrad();
        var loss = Loss.BinaryCrossEntropyWithLogits(model.Forward(x), y);
        loss.Backward();
        opt.Step();
        return loss.Item();
    }

    [Theory]
    [InlineData(DType.Float32, 0.0)]
    [InlineData(DType.Float64, 0.9)]
    public void ReusingTensorsIsBitIdenticalAndAStepAllocatesNothing(DType dtype, double momentum)
    {
        var (plainModel, plainOpt, x, y) = TinyNet(dtype, momentum);
        var (pooledModel, pooledOpt, _, _) = TinyNet(dtype, momentum);
        var pool = new BufferPool(reuseTensors: true);
        Assert.True(pool.ReusesTensors);
        for (int step = 0; step < 30; step++)
        {
            double plain = BceStep(plainModel, plainOpt, x, y);
            double pooled;
            using (pool.Step()) pooled = BceStep(pooledModel, pooledOpt, x, y);
            Assert.Equal(plain, pooled); // exact
        }
        // Steady state: no new arrays, and no objects of any kind (tensors, shapes, graph nodes, gradient lists).
        int arrays = pool.ArraysAllocated;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int step = 0; step < 50; step++)
            using (pool.Step()) BceStep(pooledModel, pooledOpt, x, y);
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, bytes);
        Assert.Equal(arrays, pool.ArraysAllocated);
        for (int step = 0; step < 50; step++) BceStep(plainModel, plainOpt, x, y);
        foreach (var (p, q) in plainModel.Parameters().Zip(pooledModel.Parameters()))
        {
            Assert.Equal(p.ToArray(), q.ToArray());
            Assert.Equal(p.Grad!.ToArray(), q.Grad!.ToArray());
        }
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void ReusingTensorsWithClosureOpsViewsAndChangingShapesGivesTheSameNumbers(DType dtype)
    {
        // TrainStep mixes closure-based ops (sigmoid, sub, square, mean, add) with the fused ones, and the batch size
        // changes every third step, so positions stop matching and new tensors take their places.
        var (plainModel, plainOpt, x, y) = TinyNet(dtype, 0.9);
        var (pooledModel, pooledOpt, _, _) = TinyNet(dtype, 0.9);
        var xSmall = x.Slice(0, 0, 20).Detach(); var ySmall = y.Slice(0, 0, 20).Detach();
        var pool = new BufferPool(reuseTensors: true);
        for (int step = 0; step < 24; step++)
        {
            var (xb, yb) = step % 3 == 2 ? (xSmall, ySmall) : (x, y);
            double plain = TrainStep(plainModel, plainOpt, xb, yb);
            double pooled;
            using (pool.Step())
            {
                pooled = TrainStep(pooledModel, pooledOpt, xb, yb);
                var flat = pooledModel.Forward(xb).Reshape(-1); // a view of a reused tensor's array
                Assert.Equal(xb.Dim(0), flat.Size);
            }
            Assert.Equal(plain, pooled); // exact
        }
        foreach (var (p, q) in plainModel.Parameters().Zip(pooledModel.Parameters()))
            Assert.Equal(p.ToArray(), q.ToArray());
    }

    [Fact]
    public void AReusedTensorIsReleasedBetweenStepsAndComesBackAsTheSameObject()
    {
        var w = Tensor.From([0.5, -1.0, 2.0, 1.0], 2, 2).RequireGrad();
        var data = Tensor.From([1.0, 2.0, 3.0, 4.0], 2, 2);
        var other = Tensor.From([2.0, 4.0, 6.0, 8.0], 2, 2);
        var pool = new BufferPool(reuseTensors: true);
        Tensor first, firstView;
        using (pool.Step())
        {
            first = Tensor.Linear(data, w, null);
            firstView = first.Reshape(4);
            Assert.Equal(new[] { 4.5, 1.0, 9.5, 1.0 }, first.ToArray()); // X·W
        }
        // Between steps the release rule holds as with a plain pool: reading throws and says why.
        Assert.True(first.IsReleased);
        Assert.Contains("BufferPool", Assert.Throws<InvalidOperationException>(() => first.ToArray()).Message);
        Assert.Throws<InvalidOperationException>(() => firstView.ToArray());
        using (pool.Step())
        {
            var second = Tensor.Linear(other, w, null);
            // The same position and shape: the same object, with this step's numbers and graph. This is the documented
            // price of reuseTensors: a reference held from the last step now shows this step's numbers.
            Assert.Same(first, second);
            Assert.Equal(new[] { 9.0, 2.0, 19.0, 2.0 }, first.ToArray());
            Assert.Equal("linear", second.Op);
            Assert.True(firstView.IsReleased); // views are released, not reused
            second.Sum().Backward();
        }
        // ∂ΣY/∂W[i, j] = Σ_r X[r, i] for the second step's X only: the first step's graph left nothing behind.
        Assert.Equal(new[] { 8.0, 8.0, 12.0, 12.0 }, w.Grad!.ToArray());
        using (pool.Step())
        {
            var scalar = Tensor.Scalar(3.0);            // takes position 0: a different shape, so a new tensor
            var third = Tensor.Linear(data, w, null);   // position 1: new as well
            Assert.NotSame(first, scalar);
            Assert.NotSame(first, third);
            Assert.Equal(new[] { 4.5, 1.0, 9.5, 1.0 }, third.ToArray());
        }
        Assert.True(first.IsReleased); // dropped from the pool, still released: reading it keeps throwing
    }

    [Fact]
    public void TrainerWithReuseBuffersAllocatesNothingPerStepOnceWarm()
    {
        // 100 rows in batches of 32: three full batches and a ragged one of 4 per epoch, so both of the trainer's pools
        // are exercised. Four more epochs (16 steps) may cost only per-epoch records, not per-step objects: without
        // reuse a step of this network allocates kilobytes.
        long BytesFor(int epochs)
        {
            var rng = new Rng(3);
            var x = Tensor.Randn([100, 6], rng, dtype: DType.Float32);
            var labels = Enumerable.Range(0, 100).Select(i => x[i, 0] > 0 ? 1 : 0).ToArray();
            var model = new Sequential(new Linear(6, 12, rng: rng), Activation.Relu(), new Linear(12, 2, rng: rng));
            var opt = new Sgd(model.Parameters(), 0.1, momentum: 0.9);
            Trainer.Fit(model, opt, x, labels, epochs: 2, batchSize: 32, shuffle: new Rng(5), evaluate: false, reuseBuffers: true); // warm the JIT
            long before = GC.GetAllocatedBytesForCurrentThread();
            Trainer.Fit(model, opt, x, labels, epochs, batchSize: 32, shuffle: new Rng(5), evaluate: false, reuseBuffers: true);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        long two = BytesFor(2), six = BytesFor(6);
        Assert.True(six - two < 16 * 64, $"four more epochs (16 steps) allocated {six - two} bytes");
    }
}
