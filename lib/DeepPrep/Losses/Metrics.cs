namespace DeepPrep;

/// <summary>Metrics: what we report, as opposed to what we differentiate.</summary>
public static partial class Metrics
{
    /// <summary>Fraction of rows whose largest score is at the true label.</summary>
    public static double Accuracy(Tensor scores, int[] labels)
    {
        Loss.CheckLabels("accuracy", scores, labels);
        // A model whose scores hold NaN (a diverged run) has no accuracy: argmax over NaN would quietly pick a
        // class and report a chance-level number, which reads like "no learning" instead of "blew up".
        // Max propagates NaN (a NaN anywhere is the result), so one reduction answers "any NaN?".
        if (double.IsNaN(scores.Detach().Max().Item())) return double.NaN;
        var predicted = scores.ArgMax(-1);
        int correct = 0;
        for (int i = 0; i < labels.Length; i++) if (predicted[i] == labels[i]) correct++;
        return (double)correct / labels.Length;
    }

    /// <summary>Fraction of predictions equal to the labels.</summary>
    public static double Accuracy(int[] predicted, int[] labels)
    {
        if (predicted.Length != labels.Length)
            throw new ArgumentException($"accuracy: {predicted.Length} predictions but {labels.Length} labels.");
        if (labels.Length == 0) throw new ArgumentException("accuracy: no labels.");
        int correct = 0;
        for (int i = 0; i < labels.Length; i++) if (predicted[i] == labels[i]) correct++;
        return (double)correct / labels.Length;
    }

    /// <summary>Accuracy of a single-logit binary classifier: predicts 1 where the logit is &gt; 0. Targets are 0/1.</summary>
    public static double BinaryAccuracy(Tensor logits, Tensor targets)
    {
        if (logits.Size != targets.Size) throw new ArgumentException($"binary accuracy: logits {Shapes.Format(logits.Shape)} and targets {Shapes.Format(targets.Shape)} differ in size.");
        if (logits.Size == 0) throw new ArgumentException("binary accuracy: no predictions.");
        int correct = 0;
        for (int i = 0; i < logits.Size; i++) if ((logits.GetFlat(i) > 0) == (targets.GetFlat(i) > 0.5)) correct++;
        return (double)correct / logits.Size;
    }
}
