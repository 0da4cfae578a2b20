using System.Numerics;

namespace DeepPrep.Optim;

/// <summary>
/// Stochastic gradient descent, with optional momentum, Nesterov momentum and weight decay.
///   g ← ∇θ + λθ                    (weight decay λ: L2 regularisation)
///   v ← μv + g                     (momentum μ: a running sum that keeps moving through flat or noisy stretches)
///   θ ← θ − η·v                    (or θ − η·(g + μv) with Nesterov: look ahead along the velocity)
/// With μ = 0 this is plain θ ← θ − η∇θ.
/// </summary>
public sealed class Sgd : Optimizer
{
    private readonly List<Array?> velocity = [];

    public double Momentum { get; }
    public bool Nesterov { get; }
    public double WeightDecay { get; }

    public Sgd(IEnumerable<Tensor> parameters, double learningRate, double momentum = 0, bool nesterov = false, double weightDecay = 0)
        : base(parameters, learningRate)
    {
        if (momentum < 0 || momentum >= 1) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Momentum must be in [0, 1).");
        if (nesterov && momentum == 0) throw new ArgumentException("Nesterov momentum needs momentum > 0.");
        (Momentum, Nesterov, WeightDecay) = (momentum, nesterov, weightDecay);
    }

    protected override void Update<T>(int index, Span<T> theta, ReadOnlySpan<T> grad)
    {
        T lr = Of<T>(LearningRate), mu = Of<T>(Momentum), wd = Of<T>(WeightDecay);
        if (Momentum == 0)
        {
            for (int i = 0; i < theta.Length; i++) theta[i] -= lr * (grad[i] + wd * theta[i]);
            return;
        }
        var v = State<T>(velocity, index, theta.Length);
        for (int i = 0; i < theta.Length; i++)
        {
            T g = grad[i] + wd * theta[i];
            v[i] = mu * v[i] + g;
            theta[i] -= lr * (Nesterov ? g + mu * v[i] : v[i]);
        }
    }
}
