namespace DeepPrep.Nn;

/// <summary>
/// Batch normalisation over the batch axis of [N, features] (Ioffe and Szegedy 2015).
/// Training: x̂ = (x − mean_batch) / √(var_batch + ε), y = γ·x̂ + β, and the running averages of
/// mean and variance are updated. Evaluation: the running averages replace the batch statistics,
/// so one example's output does not depend on the rest of its batch.
/// </summary>
/// <remarks>
/// Only x̂ has mean 0 and sd 1; the output y has whatever mean and scale γ and β learn.
/// Built from differentiable ops, so its backward is autodiff's, checked against finite differences.
/// </remarks>
public sealed class BatchNorm1d : Module
{
    public int Features { get; }
    public double Momentum { get; }
    public double Epsilon { get; }
    /// <summary>γ, the learned scale [features], starts at 1.</summary>
    public Tensor Gamma { get; }
    /// <summary>β, the learned shift [features], starts at 0.</summary>
    public Tensor Beta { get; }
    /// <summary>Running mean [features], used in evaluation mode.</summary>
    public Tensor RunningMean { get; }
    /// <summary>Running (unbiased) variance [features], used in evaluation mode.</summary>
    public Tensor RunningVar { get; }
    /// <summary>The normalised pre-activations x̂ of the last forward pass (for plotting; detached).</summary>
    public Tensor? LastNormalized { get; private set; }

    /// <param name="features">Number of features (columns).</param>
    /// <param name="momentum">Weight of the new batch in the running averages: r ← (1−m)·r + m·batch.</param>
    /// <param name="epsilon">Added to the variance so a constant feature does not divide by zero.</param>
    /// <param name="dtype">Element type (default <see cref="Tensor.DefaultDType"/>).</param>
    public BatchNorm1d(int features, double momentum = 0.1, double epsilon = 1e-5, DType? dtype = null)
    {
        if (features <= 0) throw new ArgumentException($"BatchNorm1d: features must be positive, got {features}.");
        Features = features;
        Momentum = momentum;
        Epsilon = epsilon;
        var type = dtype ?? Tensor.DefaultDType;
        Gamma = AddParameter("gamma", Tensor.Ones([features], type));
        Beta = AddParameter("beta", Tensor.Zeros([features], type));
        RunningMean = Tensor.Zeros([features], type);
        RunningVar = Tensor.Ones([features], type);
    }

    public override Tensor Forward(Tensor input)
    {
        if (input.Rank != 2 || input.Dim(1) != Features)
            throw new ArgumentException($"BatchNorm1d({Features}): expected input [N, {Features}], got {Shapes.Format(input.Shape)}.");
        Tensor normalized;
        if (Training)
        {
            int n = input.Dim(0);
            if (n < 2) throw new ArgumentException($"BatchNorm1d: training mode needs a batch of at least 2 rows to estimate a variance, got {n}.");
            var mean = input.Mean(0, keepDims: true);                 // [1, F]
            var centered = input - mean;                              // [N, F]
            var variance = centered.Square().Mean(0, keepDims: true); // biased, as used for normalising
            normalized = centered / (variance + Epsilon).Sqrt();
            using (Autodiff.NoGrad())
            {
                // Running statistics use the unbiased variance, as PyTorch does.
                var m = mean.Detach().Reshape(Features);
                var v = (variance.Detach() * ((double)n / (n - 1))).Reshape(Features);
                RunningMean.CopyFrom(RunningMean * (1 - Momentum) + m * Momentum);
                RunningVar.CopyFrom(RunningVar * (1 - Momentum) + v * Momentum);
            }
        }
        else
        {
            normalized = (input - RunningMean) / (RunningVar + Epsilon).Sqrt();
        }
        LastNormalized = normalized.Detach();
        return normalized * Gamma + Beta;
    }

    public override string Describe() => $"BatchNorm1d({Features}, momentum={Momentum})";
}
