using System.Numerics;

namespace DeepPrep.Optim;

/// <summary>
/// Updates parameters from their gradients. Backprop only computes ∂L/∂θ; an optimizer decides what
/// to do with it. Usage per step: ZeroGrad(), loss.Backward(), Step().
/// </summary>
public abstract class Optimizer
{
    /// <summary>The parameters this optimizer updates.</summary>
    public IReadOnlyList<Tensor> Parameters { get; }

    /// <summary>η, the step size. Schedules change it between epochs.</summary>
    public double LearningRate { get; set; }

    /// <summary>Number of Step() calls so far.</summary>
    public int StepCount { get; private set; }

    protected Optimizer(IEnumerable<Tensor> parameters, double learningRate)
    {
        Parameters = parameters.ToList();
        if (Parameters.Count == 0) throw new ArgumentException("Optimizer: no parameters to optimise.");
        foreach (var p in Parameters)
            if (!p.RequiresGrad) throw new ArgumentException($"Optimizer: parameter {p.Name ?? Shapes.Format(p.Shape)} does not require a gradient.");
        if (!(learningRate >= 0) || double.IsInfinity(learningRate)) throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "Learning rate must be a finite non-negative number.");
        LearningRate = learningRate;
    }

    /// <summary>Zeroes every parameter's gradient (gradients accumulate otherwise).</summary>
    public void ZeroGrad()
    {
        for (int i = 0; i < Parameters.Count; i++) Parameters[i].ZeroGrad(); // (foreach over the interface would allocate an enumerator per call)
    }

    /// <summary>Applies one update to every parameter that has a gradient.</summary>
    public void Step()
    {
        StepCount++;
        for (int i = 0; i < Parameters.Count; i++)
        {
            var p = Parameters[i];
            if (p.Grad == null) continue;
            if (p.DType == DType.Float32) Update<float>(i, p.AsSpan<float>(), p.Grad.AsSpan<float>());
            else Update<double>(i, p.AsSpan<double>(), p.Grad.AsSpan<double>());
        }
    }

    /// <summary>The update rule for parameter number <paramref name="index"/>: θ ← θ − (something of the gradient).</summary>
    protected abstract void Update<T>(int index, Span<T> theta, ReadOnlySpan<T> grad) where T : unmanaged, IBinaryFloatingPointIeee754<T>;

    /// <summary>Per-parameter state (velocities, moment estimates), created on first use with the parameter's shape.</summary>
    protected T[] State<T>(List<Array?> store, int index, int length) where T : unmanaged
    {
        while (store.Count <= index) store.Add(null);
        if (store[index] is T[] existing) return existing;
        var created = new T[length];
        store[index] = created;
        return created;
    }

    protected static T Of<T>(double value) where T : IBinaryFloatingPointIeee754<T> => T.CreateTruncating(value);
}
