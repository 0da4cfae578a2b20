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
        Tensor logProbs;
        using (Autodiff.NoGrad()) logProbs = logits.LogSoftmax();
        int n = labels.Length, c = logits.Dim(1);
        var loss = Tensor.Scalar(-MeanPicked(logProbs, labels), logits.DType);
        return Autodiff.Record(loss, "cross_entropy", [logits], g =>
        {
            var probs = logProbs.Exp();
            for (int i = 0; i < n; i++) probs.SetFlat(i * c + labels[i], probs.GetFlat(i * c + labels[i]) - 1);
            return [probs * (g.Item() / n)];
        });
    }

    /// <summary>Cross-entropy against target distributions [N, C] (one-hot or soft labels): −mean Σ p·log softmax(z).</summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor targetProbabilities)
    {
        if (!Shapes.Equal(logits.Shape, targetProbabilities.Shape) || logits.Rank != 2)
            throw new ArgumentException($"cross_entropy: logits {Shapes.Format(logits.Shape)} and target probabilities {Shapes.Format(targetProbabilities.Shape)} must both be [N, C].");
        return -(targetProbabilities * logits.LogSoftmax()).Sum() / logits.Dim(0);
    }
}
