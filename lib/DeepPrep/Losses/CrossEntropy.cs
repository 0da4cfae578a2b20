namespace DeepPrep;

// Cross-entropy over logits, fused with the softmax.
//   loss = −(1/N) Σᵢ log softmax(zᵢ)[yᵢ]
//   ∂loss/∂zᵢ = (softmax(zᵢ) − onehot(yᵢ)) / N
// Fusing is both faster and simpler than composing LogSoftmax and Nll: the gradient is just "predicted
// probabilities minus the truth". The tests check it against the composed ops.
public static partial class Loss
{
    /// <summary>Softmax cross-entropy between logits [N, C] and class labels (0..C−1), averaged over N.</summary>
    public static Tensor CrossEntropy(Tensor logits, int[] labels)
    {
        CheckLabels("cross_entropy", logits, labels);
        var logProbs = logits.LogSoftmaxNoGraph();
        var loss = Tensor.Uninitialized([], logits.DType);
        loss.SetFlat(0, 0.0 - MeanPicked(logProbs, labels)); // 0 − x, not −x: a perfect fit's loss is 0, not −0
        if (!logits.RequiresGrad || !Autodiff.IsEnabled) return loss;
        var node = loss.ReuseNode<CrossEntropyBackward>() ?? new CrossEntropyBackward();
        node.Save(logits, logProbs, labels);
        return Autodiff.Record(loss, "cross_entropy", node.Inputs, node.Backward);
    }

    /// <summary>
    /// Cross-entropy's backward pass, ∂loss/∂z = (softmax(z) − onehot(y))·g/N, with what it keeps: log softmax(z) and the
    /// labels. A class rather than a closure so that a <see cref="BufferPool"/> reusing tensors can reuse it too (see
    /// Ops/Linear.cs).
    /// </summary>
    private sealed class CrossEntropyBackward
    {
        private Tensor logProbs = null!;
        private int[] labels = null!;
        private readonly Tensor?[] grads = new Tensor?[1];

        public readonly Tensor[] Inputs = new Tensor[1];
        public readonly Func<Tensor, Tensor?[]> Backward;

        public CrossEntropyBackward() => Backward = Run;

        public void Save(Tensor logits, Tensor logProbs, int[] labels) => (Inputs[0], this.logProbs, this.labels) = (logits, logProbs, labels);

        private Tensor?[] Run(Tensor g)
        {
            int n = labels.Length, c = logProbs.Shape[1];
            var probs = Tensor.Uninitialized(logProbs.shape, logProbs.DType);
            if (probs.DType == DType.Float32) Scale<float>(g, probs, n, c);
            else Scale<double>(g, probs, n, c);
            grads[0] = probs;
            return grads;
        }

        // probs = (exp(log softmax z) − onehot(y)) · (g/N), with the same kernels as Exp(), SetFlat and "* (g/N)".
        private void Scale<T>(Tensor g, Tensor probs, int n, int c) where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
        {
            Backends.Kernels.Unary(Backends.UnaryOp.Exp, logProbs.Span<T>(), probs.Span<T>(), T.Zero, T.Zero);
            for (int i = 0; i < n; i++) probs.SetFlat(i * c + labels[i], probs.GetFlat(i * c + labels[i]) - 1);
            Span<T> scale = stackalloc T[1];
            scale[0] = T.CreateTruncating(g.Item() / n);
            ReadOnlySpan<int> all = [probs.Size];
            Backends.Kernels.Binary(Backends.BinaryOp.Mul, probs.Span<T>(), StrideOne, scale, StrideZero, probs.Span<T>(), all);
        }
    }

    /// <summary>Cross-entropy against target distributions [N, C] (one-hot or soft labels): −mean Σ p·log softmax(z).</summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor targetProbabilities)
    {
        if (!Shapes.Equal(logits.Shape, targetProbabilities.Shape) || logits.Rank != 2)
            throw new ArgumentException($"cross_entropy: logits {Shapes.Format(logits.Shape)} and target probabilities {Shapes.Format(targetProbabilities.Shape)} must both be [N, C].");
        return -(targetProbabilities * logits.LogSoftmax()).Sum() / logits.Dim(0);
    }
}
