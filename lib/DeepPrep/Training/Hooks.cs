using DeepPrep.Nn;

namespace DeepPrep.Training;

/// <summary>What a hook sees after each backward pass, before the optimizer step.</summary>
public sealed record TrainingStep(int Step, int Epoch, double Loss, Module Model);

/// <summary>Something that watches training: called after every backward pass, before the weights change.</summary>
public interface ITrainingHook
{
    void AfterBackward(TrainingStep step);
}

/// <summary>
/// Records the mean absolute gradient of each weight matrix (parameters with two or more dimensions)
/// at chosen steps: the per-layer picture of vanishing and exploding gradients (notebook 10).
/// </summary>
public sealed class GradientRecorder(Func<int, bool>? when = null) : ITrainingHook
{
    private readonly Func<int, bool> when = when ?? (_ => true);

    /// <summary>Steps at which a record was taken.</summary>
    public List<int> Steps { get; } = [];
    /// <summary>Parameter name → mean |∂L/∂W| at each recorded step.</summary>
    public Dictionary<string, List<double>> MeanAbsGrad { get; } = [];

    public void AfterBackward(TrainingStep step)
    {
        if (!when(step.Step)) return;
        Steps.Add(step.Step);
        foreach (var (name, value) in step.Model.NamedParameters())
        {
            if (value.Rank < 2 || value.Grad == null) continue;
            if (!MeanAbsGrad.TryGetValue(name, out var list)) MeanAbsGrad[name] = list = [];
            list.Add(Stats.MeanAbs(value.Grad));
        }
    }

    /// <summary>Mean |∂L/∂W| per weight matrix, input side first, for one model right now (after a Backward()).</summary>
    public static List<(string Name, double MeanAbsGrad)> Snapshot(Module model) =>
        model.NamedParameters().Where(p => p.Value.Rank >= 2 && p.Value.Grad != null)
             .Select(p => (p.Name, Stats.MeanAbs(p.Value.Grad!))).ToList();
}

/// <summary>
/// Records the mean and standard deviation of every layer's output in a <see cref="Sequential"/>
/// on each forward pass while <see cref="Enabled"/>: how activations shrink or blow up with depth (notebook 09).
/// </summary>
public sealed class ActivationRecorder : IDisposable
{
    private readonly Sequential model;

    public bool Enabled { get; set; } = true;
    /// <summary>Per forward pass, per layer: (layer index, layer description, mean, sd).</summary>
    public List<List<(int Layer, string Name, double Mean, double Sd)>> Passes { get; } = [];

    public ActivationRecorder(Sequential model)
    {
        this.model = model;
        model.LayerOutput += OnLayerOutput;
    }

    private void OnLayerOutput(int index, Module layer, Tensor output)
    {
        if (!Enabled) return;
        if (index == 0 || Passes.Count == 0) Passes.Add([]);
        var (mean, sd) = Stats.MeanSd(output);
        Passes[^1].Add((index, layer.Describe(), mean, sd));
    }

    public void Dispose() => model.LayerOutput -= OnLayerOutput;
}

/// <summary>Summary statistics of a tensor's values, as doubles.</summary>
public static class Stats
{
    public static double MeanAbs(Tensor t)
    {
        double sum = 0;
        for (int i = 0; i < t.Size; i++) sum += Math.Abs(t.GetFlat(i));
        return t.Size == 0 ? 0 : sum / t.Size;
    }

    /// <summary>Mean and population standard deviation of all elements.</summary>
    public static (double Mean, double Sd) MeanSd(Tensor t)
    {
        if (t.Size == 0) return (double.NaN, double.NaN);
        double mean = 0;
        for (int i = 0; i < t.Size; i++) mean += t.GetFlat(i);
        mean /= t.Size;
        double ss = 0;
        for (int i = 0; i < t.Size; i++) { double d = t.GetFlat(i) - mean; ss += d * d; }
        return (mean, Math.Sqrt(ss / t.Size));
    }

    /// <summary>‖W_after − W_before‖ / ‖W_before‖: how much a layer's weights actually moved in training.</summary>
    public static double RelativeChange(Tensor before, Tensor after)
    {
        if (before.Size != after.Size) throw new ArgumentException($"RelativeChange: sizes {before.Size} and {after.Size} differ.");
        double diff = 0, norm = 0;
        for (int i = 0; i < before.Size; i++)
        {
            double b = before.GetFlat(i), d = after.GetFlat(i) - b;
            diff += d * d; norm += b * b;
        }
        return Math.Sqrt(diff) / Math.Sqrt(norm);
    }
}
