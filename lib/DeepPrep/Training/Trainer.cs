using DeepPrep.Data;
using DeepPrep.Nn;
using DeepPrep.Optim;

namespace DeepPrep.Training;

/// <summary>
/// The training loop, written out once so notebooks don't have to:
/// for each epoch, for each shuffled mini-batch: forward → loss → ZeroGrad → Backward → (clip) → Step.
/// </summary>
/// <remarks>
/// A loss that turns NaN or infinite stops training at once; the history up to that step is returned
/// with <see cref="History.Divergence"/> saying where and what, instead of an exception or silent NaNs.
/// <para>With <c>reuseBuffers: true</c> each step runs in a <see cref="BufferPool"/> step that reuses arrays and tensor
/// objects (<c>reuseTensors</c>), and the batches reuse their index and label arrays, so steady-state training allocates
/// nothing. The loss function and hooks then see tensors and batches that the next step overwrites: read what you need
/// during the step. The numbers are the same as without it, bit for bit.</para>
/// </remarks>
public static class Trainer
{
    /// <summary>
    /// Trains on a data set: classification (cross-entropy) if it has labels, regression (MSE) if it has targets,
    /// unless another loss is given. The test set, if any, is evaluated after every epoch.
    /// </summary>
    public static History Fit(Module model, Optimizer optimizer, Dataset train, int epochs, int batchSize = 32, Dataset? test = null,
                              Func<Tensor, Batch, Tensor>? loss = null, LearningRateSchedule? schedule = null, double? clipNorm = null,
                              IEnumerable<ITrainingHook>? hooks = null, Rng? shuffle = null, bool evaluate = true,
                              Action<EpochRecord>? onEpoch = null, bool reuseBuffers = false)
    {
        if (train.Labels != null)
            return Fit(model, optimizer, train.X, train.Labels, epochs, batchSize, test?.X, test?.Labels, loss, schedule, clipNorm, hooks, shuffle, evaluate, onEpoch, reuseBuffers);
        if (train.Targets != null)
            return Fit(model, optimizer, train.X, train.Targets, epochs, batchSize, test?.X, test?.Targets, loss, schedule, clipNorm, hooks, shuffle, evaluate, onEpoch, reuseBuffers);
        throw new ArgumentException($"Fit: data set '{train.Name}' has neither labels nor targets to learn.");
    }

    /// <summary>Trains a classifier on (x, labels) with softmax cross-entropy unless another loss is given.</summary>
    public static History Fit(Module model, Optimizer optimizer, Tensor x, int[] labels, int epochs, int batchSize = 32,
                              Tensor? testX = null, int[]? testLabels = null, Func<Tensor, Batch, Tensor>? loss = null,
                              LearningRateSchedule? schedule = null, double? clipNorm = null,
                              IEnumerable<ITrainingHook>? hooks = null, Rng? shuffle = null, bool evaluate = true,
                              Action<EpochRecord>? onEpoch = null, bool reuseBuffers = false)
    {
        if (labels.Length != x.Dim(0)) throw new ArgumentException($"Fit: x has {x.Dim(0)} rows (shape {Shapes.Format(x.Shape)}) but there are {labels.Length} labels.");
        if ((testX == null) != (testLabels == null)) throw new ArgumentException("Fit: give both testX and testLabels, or neither.");
        return Run(model, optimizer, x, labels, null, epochs, batchSize, testX, testLabels, null,
                   loss ?? ((output, batch) => Loss.CrossEntropy(output, batch.Labels!)), schedule, clipNorm, hooks, shuffle, evaluate, onEpoch, reuseBuffers);
    }

    /// <summary>Trains a regressor (or any model with tensor targets) with mean squared error unless another loss is given.</summary>
    public static History Fit(Module model, Optimizer optimizer, Tensor x, Tensor targets, int epochs, int batchSize = 32,
                              Tensor? testX = null, Tensor? testTargets = null, Func<Tensor, Batch, Tensor>? loss = null,
                              LearningRateSchedule? schedule = null, double? clipNorm = null,
                              IEnumerable<ITrainingHook>? hooks = null, Rng? shuffle = null, bool evaluate = true,
                              Action<EpochRecord>? onEpoch = null, bool reuseBuffers = false)
    {
        if (targets.Dim(0) != x.Dim(0)) throw new ArgumentException($"Fit: x has {x.Dim(0)} rows (shape {Shapes.Format(x.Shape)}) but targets have {targets.Dim(0)} (shape {Shapes.Format(targets.Shape)}).");
        if ((testX == null) != (testTargets == null)) throw new ArgumentException("Fit: give both testX and testTargets, or neither.");
        return Run(model, optimizer, x, null, targets, epochs, batchSize, testX, null, testTargets,
                   loss ?? ((output, batch) => Loss.Mse(output, batch.Targets!)), schedule, clipNorm, hooks, shuffle, evaluate, onEpoch, reuseBuffers);
    }

    private static History Run(Module model, Optimizer optimizer, Tensor x, int[]? labels, Tensor? targets, int epochs, int batchSize,
                               Tensor? testX, int[]? testLabels, Tensor? testTargets, Func<Tensor, Batch, Tensor> lossFn,
                               LearningRateSchedule? schedule, double? clipNorm, IEnumerable<ITrainingHook>? hooks, Rng? shuffle,
                               bool evaluate, Action<EpochRecord>? onEpoch, bool reuseBuffers)
    {
        if (epochs < 0) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "epochs must be non-negative.");
        shuffle ??= Seed.Global.Shuffle;
        var hookList = hooks?.ToList() ?? [];
        var history = new History();
        // Two pools with reuseBuffers: the last batch of an epoch is usually smaller, and a pool of its own keeps both
        // sequences of shapes steady (one pool would see the shapes change twice an epoch and make new tensors).
        var pool = reuseBuffers ? new BufferPool(reuseTensors: true) : null;
        var lastBatchPool = reuseBuffers ? new BufferPool(reuseTensors: true) : null;
        var batchBuffers = reuseBuffers ? new BatchBuffers() : null;
        int n = x.Dim(0);
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Batch size must be positive.");
        // Room for every step's loss up front (so the list never grows mid-training), up to a million steps' worth.
        history.StepLosses.EnsureCapacity((int)Math.Min((long)epochs * Batching.StepsPerEpoch(n, batchSize), 1 << 20));
        var order = new int[n];
        int step = 0;
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            if (schedule != null) optimizer.LearningRate = schedule.Rate(epoch - 1);
            model.Train();
            double lossSum = 0;
            int batches = 0;
            Batching.Order(order, shuffle);
            for (int start = 0; start < n; start += batchSize)
            {
                // With reuseBuffers, the batch and every tensor of this step live in the pool's step (see BufferPool).
                int count = Math.Min(n, start + batchSize) - start;
                using var _ = (count == batchSize ? pool : lastBatchPool)?.Step() ?? default;
                var rows = order.AsSpan(start, count);
                var batch = batchBuffers != null ? batchBuffers.Cut(x, labels, targets, rows) : Batching.Cut(x, labels, targets, rows.ToArray());
                step++;
                var loss = lossFn(model.Forward(batch.X), batch);
                double value = loss.Item();
                if (!double.IsFinite(value))
                {
                    history.Divergence = new Divergence(step, epoch, value);
                    Console.WriteLine(history.Divergence);
                    model.Train();
                    return history;
                }
                history.StepLosses.Add(value);
                lossSum += value;
                batches++;
                optimizer.ZeroGrad();
                loss.Backward();
                foreach (var hook in hookList) hook.AfterBackward(new TrainingStep(step, epoch, value, model));
                if (clipNorm is double max) Clip.GradNorm(optimizer.Parameters, max);
                optimizer.Step();
            }

            double meanStep = batches == 0 ? double.NaN : lossSum / batches;
            EpochRecord record;
            if (evaluate)
            {
                var (trainLoss, trainAcc) = Evaluate(model, x, labels, targets, lossFn);
                (double? testLoss, double? testAcc) = (null, null);
                if (testX != null) (testLoss, testAcc) = Evaluate(model, testX, testLabels, testTargets, lossFn);
                record = new EpochRecord(epoch, step, optimizer.LearningRate, meanStep, trainLoss, trainAcc, testLoss, testAcc);
            }
            else record = new EpochRecord(epoch, step, optimizer.LearningRate, meanStep, meanStep, null, null, null);
            history.Epochs.Add(record);
            onEpoch?.Invoke(record);
            if (!double.IsFinite(record.TrainLoss))
            {
                history.Divergence = new Divergence(step, epoch, record.TrainLoss);
                Console.WriteLine(history.Divergence);
                break;
            }
        }
        model.Train();
        return history;
    }

    private static (double Loss, double? Accuracy) Evaluate(Module model, Tensor x, int[]? labels, Tensor? targets, Func<Tensor, Batch, Tensor> lossFn)
    {
        bool wasTraining = model.Training;
        model.Eval();
        try
        {
            using var _ = Autodiff.NoGrad();
            var output = model.Forward(x);
            var batch = new Batch(x, labels, targets, Enumerable.Range(0, x.Dim(0)).ToArray());
            double loss = lossFn(output, batch).Item();
            double? accuracy = labels != null ? Metrics.Accuracy(output, labels) : null;
            return (loss, accuracy);
        }
        finally
        {
            if (wasTraining) model.Train();
        }
    }

    /// <summary>Classification loss (cross-entropy) and accuracy of a model on a data set, in evaluation mode.</summary>
    public static (double Loss, double Accuracy) Evaluate(Module model, Tensor x, int[] labels)
    {
        var (loss, acc) = Evaluate(model, x, labels, null, (o, b) => Loss.CrossEntropy(o, b.Labels!));
        return (loss, acc!.Value);
    }

    /// <summary>The model's outputs for x, in evaluation mode, without recording a graph.</summary>
    public static Tensor Predict(Module model, Tensor x)
    {
        bool wasTraining = model.Training;
        model.Eval();
        try
        {
            using var _ = Autodiff.NoGrad();
            return model.Forward(x);
        }
        finally
        {
            if (wasTraining) model.Train();
        }
    }
}
