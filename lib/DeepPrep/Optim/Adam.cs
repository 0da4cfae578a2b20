using System.Numerics;

namespace DeepPrep.Optim;

/// <summary>
/// Adam (Kingma and Ba 2015): momentum on the gradient (first moment m) and RMSProp-style scaling
/// (second moment v), both corrected for starting at zero.
///   m ← β₁m + (1−β₁)g     v ← β₂v + (1−β₂)g²
///   m̂ = m/(1−β₁ᵗ)         v̂ = v/(1−β₂ᵗ)         θ ← θ − η·m̂/(√v̂ + ε)
/// Weight decay here is the classic L2 term added to g (not AdamW's decoupled decay).
/// </summary>
public sealed class Adam : Optimizer
{
    private readonly List<Array?> firstMoment = [];
    private readonly List<Array?> secondMoment = [];

    public double Beta1 { get; }
    public double Beta2 { get; }
    public double Epsilon { get; }
    public double WeightDecay { get; }

    public Adam(IEnumerable<Tensor> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
                double epsilon = 1e-8, double weightDecay = 0)
        : base(parameters, learningRate)
    {
        if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1)
            throw new ArgumentOutOfRangeException(nameof(beta1), $"Adam: betas must be in [0, 1), got {beta1} and {beta2}.");
        (Beta1, Beta2, Epsilon, WeightDecay) = (beta1, beta2, epsilon, weightDecay);
    }

    protected override void Update<T>(int index, Span<T> theta, ReadOnlySpan<T> grad)
    {
        T b1 = Of<T>(Beta1), b2 = Of<T>(Beta2), eps = Of<T>(Epsilon), wd = Of<T>(WeightDecay), one = T.One;
        // Bias corrections for step t (StepCount was already incremented for this step).
        T c1 = Of<T>(1 - Math.Pow(Beta1, StepCount)), c2 = Of<T>(1 - Math.Pow(Beta2, StepCount));
        T lr = Of<T>(LearningRate);
        var m = State<T>(firstMoment, index, theta.Length);
        var v = State<T>(secondMoment, index, theta.Length);
        for (int i = 0; i < theta.Length; i++)
        {
            T g = grad[i] + wd * theta[i];
            m[i] = b1 * m[i] + (one - b1) * g;
            v[i] = b2 * v[i] + (one - b2) * g * g;
            theta[i] -= lr * (m[i] / c1) / (T.Sqrt(v[i] / c2) + eps);
        }
    }
}
