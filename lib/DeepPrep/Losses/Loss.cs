namespace DeepPrep;

/// <summary>
/// Loss functions: how wrong a prediction is, as one number to minimise. Every loss here is the
/// mean over the batch, so the learning rate does not have to change with the batch size.
/// </summary>
/// <remarks>
/// A loss is not a metric: cross-entropy keeps falling while accuracy is flat, and accuracy has no
/// useful gradient. Train on the loss, report the metric (notebook 05).
/// </remarks>
public static partial class Loss
{
    /// <summary>Mean squared error: mean((prediction − target)²). Shapes must match.</summary>
    public static Tensor Mse(Tensor prediction, Tensor target)
    {
        RequireSameShape("mse", prediction, target);
        return (prediction - target).Square().Mean();
    }

    /// <summary>
    /// Binary cross-entropy on logits z with targets y in [0, 1]: mean(softplus(z) − y·z).
    /// Equal to −[y log σ(z) + (1−y) log(1−σ(z))] but never takes log(0); its gradient is (σ(z) − y)/n.
    /// </summary>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor logits, Tensor target)
    {
        RequireSameShape("binary_cross_entropy_with_logits", logits, target);
        if (target.RequiresGrad || !Autodiff.IsEnabled) return BinaryCrossEntropyWithLogitsComposed(logits, target);
        if (logits.DType != target.DType)
            throw new ArgumentException($"binary_cross_entropy_with_logits: dtypes differ (logits {logits.DType.Name()}, target {target.DType.Name()}).");
        // Fused: one graph node instead of five (softplus, mul, sub, sum, mul), and the kernels called directly on
        // the arrays instead of through tensor ops, so a small network's step builds ~10 fewer tensors. The kernels
        // and their order are those of the composed version below, so the numbers are the same bit for bit
        // (tests/…/Losses/FusedBceTests compares them).
        return logits.DType == DType.Float32 ? FusedBce<float>(logits, target) : FusedBce<double>(logits, target);
    }

    private static Tensor FusedBce<T>(Tensor logits, Tensor target) where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        int n = logits.Size;
        if (n == 0) throw new InvalidOperationException($"binary_cross_entropy_with_logits of an empty tensor (shape {Shapes.Format(logits.shape)}): the mean is undefined.");
        ReadOnlySpan<int> flat = [n], contiguous = StrideOne;
        // Per element: softplus(z) − y·z.
        var softplus = Tensor.Uninitialized(logits.shape, logits.DType);
        Backends.Kernels.Unary(Backends.UnaryOp.Softplus, logits.Span<T>(), softplus.Span<T>(), T.Zero, T.Zero);
        var perElement = Tensor.Uninitialized(logits.shape, logits.DType);
        Backends.Kernels.Binary(Backends.BinaryOp.Mul, target.Span<T>(), contiguous, logits.Span<T>(), contiguous, perElement.Span<T>(), flat);
        Backends.Kernels.Binary(Backends.BinaryOp.Sub, softplus.Span<T>(), contiguous, perElement.Span<T>(), contiguous, perElement.Span<T>(), flat);
        // Their mean: the sum in Sum()'s order, times 1/n (Mean multiplies by the reciprocal).
        var sum = Tensor.SumAllAxes(perElement);
        T scale = T.CreateTruncating(1.0 / n);
        var loss = Tensor.Uninitialized([], logits.DType);
        loss.Span<T>()[0] = sum.Span<T>()[0] * scale;
        if (!logits.RequiresGrad) return loss;
        var node = loss.ReuseNode<BceBackward<T>>() ?? new BceBackward<T>();
        node.Save(logits, target, softplus, scale);
        return Autodiff.Record(loss, "binary_cross_entropy_with_logits", node.Inputs, node.Backward);
    }

    /// <summary>
    /// The fused BCE's backward pass and what it keeps: the logits z, the targets y, softplus(z) and 1/n. A class rather
    /// than a closure so that a <see cref="BufferPool"/> reusing tensors can reuse it too (see Ops/Linear.cs).
    /// </summary>
    private sealed class BceBackward<T> where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        private Tensor logits = null!, target = null!, softplus = null!;
        private T scale;
        private readonly Tensor?[] grads = new Tensor?[2];

        public readonly Tensor[] Inputs = new Tensor[2];
        public readonly Func<Tensor, Tensor?[]> Backward;

        public BceBackward() => Backward = Run;

        public void Save(Tensor logits, Tensor target, Tensor softplus, T scale)
        {
            (this.logits, this.target, this.softplus, this.scale) = (logits, target, softplus, scale);
            (Inputs[0], Inputs[1]) = (logits, target);
        }

        private Tensor?[] Run(Tensor g)
        {
            // ∂loss/∂z = σ(z)·(g/n) − y·(g/n), as the composed graph computes it: its two paths into z, in its order.
            int n = logits.Size;
            T perElementGrad = g.Span<T>()[0] * scale;
            ReadOnlySpan<int> all = [n], step1 = StrideOne, step0 = StrideZero;
            var dy = Tensor.Uninitialized(logits.shape, logits.DType);
            dy.Span<T>().Fill(perElementGrad);
            var dz = Tensor.Uninitialized(logits.shape, logits.DType);
            Backends.Kernels.UnaryBackward(Backends.UnaryOp.Softplus, logits.Span<T>(), softplus.Span<T>(), dy.Span<T>(), dz.Span<T>(), T.Zero, T.Zero);
            Span<T> minusGrad = stackalloc T[1]; // a one-element "tensor" broadcast by stride 0
            minusGrad[0] = -perElementGrad;
            Backends.Kernels.Binary(Backends.BinaryOp.Mul, minusGrad, step0, target.Span<T>(), step1, dy.Span<T>(), all);  // −(g/n)·y
            Backends.Kernels.Binary(Backends.BinaryOp.Add, dy.Span<T>(), step1, dz.Span<T>(), step1, dz.Span<T>(), all);     // + σ(z)·(g/n)
            (grads[0], grads[1]) = (dz, null);
            return grads;
        }
    }

    // 1-D strides: contiguous, and "the same element every time" (a broadcast scalar). Arrays made once rather than
    // constant spans: unoptimised (Debug) code makes a small object each time it reads a constant int span.
    private static readonly int[] StrideOne = [1], StrideZero = [0];

    /// <summary>The composed definition, mean(softplus(z) − y·z): the reference the fused version is tested against.</summary>
    internal static Tensor BinaryCrossEntropyWithLogitsComposed(Tensor logits, Tensor target) =>
        (logits.Softplus() - target * logits).Mean();

    /// <summary>
    /// Negative log-likelihood: −mean over rows of logProbabilities[i, labels[i]].
    /// Takes log-probabilities [N, C] (e.g. from LogSoftmax) and class indices.
    /// </summary>
    public static Tensor Nll(Tensor logProbabilities, int[] labels)
    {
        CheckLabels("nll", logProbabilities, labels);
        int n = labels.Length, c = logProbabilities.Dim(1);
        var y = Tensor.Scalar(-MeanPicked(logProbabilities, labels), logProbabilities.DType);
        return Autodiff.Record(y, "nll", [logProbabilities], g =>
        {
            var dx = Tensor.ZerosLike(logProbabilities);
            double scale = -g.Item() / n;
            for (int i = 0; i < n; i++) dx.SetFlat(i * c + labels[i], scale);
            return [dx];
        });
    }

    internal static double MeanPicked(Tensor values, int[] labels)
    {
        int c = values.Dim(1);
        double sum = 0;
        for (int i = 0; i < labels.Length; i++) sum += values.GetFlat(i * c + labels[i]);
        return labels.Length == 0 ? 0 : sum / labels.Length;
    }

    internal static void CheckLabels(string op, Tensor scores, int[] labels)
    {
        if (scores.Rank != 2)
            throw new ArgumentException($"{op}: expected scores of shape [N, classes], got {Shapes.Format(scores.Shape)}.");
        if (scores.Dim(0) != labels.Length)
            throw new ArgumentException($"{op}: scores have {scores.Dim(0)} rows (shape {Shapes.Format(scores.Shape)}) but there are {labels.Length} labels.");
        if (labels.Length == 0) throw new ArgumentException($"{op}: empty batch.");
        int classes = scores.Dim(1);
        for (int i = 0; i < labels.Length; i++)
            if (labels[i] < 0 || labels[i] >= classes)
                throw new ArgumentException($"{op}: label {labels[i]} at row {i} is outside 0..{classes - 1} (scores have shape {Shapes.Format(scores.Shape)}).");
    }

    private static void RequireSameShape(string op, Tensor a, Tensor b)
    {
        if (!Shapes.Equal(a.Shape, b.Shape))
            throw new ArgumentException($"{op}: prediction shape {Shapes.Format(a.Shape)} and target shape {Shapes.Format(b.Shape)} differ.");
    }
}
