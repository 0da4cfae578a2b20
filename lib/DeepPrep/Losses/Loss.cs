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
        // Fused: the same kernels in the same order as the composed version below, but recorded as one graph node
        // instead of five (softplus, mul, sub, sum, mul), so a small network's step runs ~10 fewer ops.
        // Same numbers bit for bit (tests/…/Losses/FusedBceTests compares them).
        Tensor softplus, loss;
        using (Autodiff.NoGrad())
        {
            softplus = logits.Softplus();
            loss = (softplus - target * logits).Mean();
        }
        double scale = 1.0 / logits.Size; // Mean's 1/count
        return Autodiff.Record(loss, "binary_cross_entropy_with_logits", [logits, target], g =>
        {
            // ∂loss/∂z = σ(z)·(g/n) − y·(g/n): the composed graph's two paths into z, in its order.
            var perElement = (g * scale).Reshape(Enumerable.Repeat(1, logits.Rank).ToArray()).BroadcastTo(logits.Shape);
            var throughProduct = -perElement * target;
            var throughSoftplus = Tensor.Empty(logits.shape, logits.DType);
            if (logits.DType == DType.Float32)
                Backends.Backend.Current.UnaryBackward(Backends.UnaryOp.Softplus, logits.Span<float>(), softplus.Span<float>(), perElement.Span<float>(), throughSoftplus.Span<float>(), 0f, 0f);
            else
                Backends.Backend.Current.UnaryBackward(Backends.UnaryOp.Softplus, logits.Span<double>(), softplus.Span<double>(), perElement.Span<double>(), throughSoftplus.Span<double>(), 0.0, 0.0);
            return [throughProduct + throughSoftplus, null];
        });
    }

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
