using System.Globalization;
using System.Text;

namespace DeepPrep.Training;

/// <summary>What happened in one epoch.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Steps">Optimizer steps taken so far in the whole run.</param>
/// <param name="LearningRate">η used in this epoch.</param>
/// <param name="MeanStepLoss">Average of the mini-batch losses during the epoch (the weights changed while it was measured).</param>
/// <param name="TrainLoss">Loss on the whole training set after the epoch, in evaluation mode.</param>
/// <param name="TrainAccuracy">Accuracy on the training set after the epoch (classification only).</param>
/// <param name="TestLoss">Loss on the held-out set after the epoch, if one was given.</param>
/// <param name="TestAccuracy">Accuracy on the held-out set after the epoch (classification only).</param>
public sealed record EpochRecord(int Epoch, int Steps, double LearningRate, double MeanStepLoss,
                                 double TrainLoss, double? TrainAccuracy, double? TestLoss, double? TestAccuracy);

/// <summary>Where and how training blew up: the first non-finite loss.</summary>
public sealed record Divergence(int Step, int Epoch, double Loss)
{
    public override string ToString() =>
        $"Training diverged at step {Step} (epoch {Epoch}): loss = {Loss.ToString(CultureInfo.InvariantCulture)}. " +
        "Usual causes: a learning rate above the stability limit (≈ 2/λmax of the loss curvature), initial weights too " +
        "large for the depth, or gradients exploding through many layers or time steps. Try a smaller learning rate, " +
        "a smaller initialisation scale (Glorot/He), or gradient clipping.";
}

/// <summary>The record of a training run: loss after every step and metrics after every epoch.</summary>
public sealed class History
{
    /// <summary>The mini-batch loss at each optimizer step (index 0 = step 1).</summary>
    public List<double> StepLosses { get; } = [];

    /// <summary>One record per completed epoch.</summary>
    public List<EpochRecord> Epochs { get; } = [];

    /// <summary>Set if a loss became NaN or infinite; training stopped there and the history up to it is kept.</summary>
    public Divergence? Divergence { get; internal set; }

    public bool Diverged => Divergence != null;

    /// <summary>The last epoch's record (null if none completed).</summary>
    public EpochRecord? Last => Epochs.Count == 0 ? null : Epochs[^1];

    /// <summary>Training-set loss per epoch.</summary>
    public double[] TrainLoss => Epochs.Select(e => e.TrainLoss).ToArray();
    /// <summary>Test-set loss per epoch (NaN where none).</summary>
    public double[] TestLoss => Epochs.Select(e => e.TestLoss ?? double.NaN).ToArray();
    /// <summary>Training accuracy per epoch (NaN where none).</summary>
    public double[] TrainAccuracy => Epochs.Select(e => e.TrainAccuracy ?? double.NaN).ToArray();
    /// <summary>Test accuracy per epoch (NaN where none).</summary>
    public double[] TestAccuracy => Epochs.Select(e => e.TestAccuracy ?? double.NaN).ToArray();

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"History: {Epochs.Count} epochs, {StepLosses.Count} steps");
        if (Last is { } e)
        {
            sb.Append(CultureInfo.InvariantCulture, $"; last epoch: train loss {e.TrainLoss:G4}");
            if (e.TrainAccuracy is double ta) sb.Append(CultureInfo.InvariantCulture, $", train acc {ta:F3}");
            if (e.TestLoss is double tl) sb.Append(CultureInfo.InvariantCulture, $", test loss {tl:G4}");
            if (e.TestAccuracy is double tacc) sb.Append(CultureInfo.InvariantCulture, $", test acc {tacc:F3}");
        }
        if (Divergence != null) sb.Append(". ").Append(Divergence);
        return sb.ToString();
    }
}
