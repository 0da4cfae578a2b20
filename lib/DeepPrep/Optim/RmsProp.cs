using System.Numerics;

namespace DeepPrep.Optim;

/// <summary>
/// RMSProp (Hinton's lecture notes, 2012): divide each gradient by a running root-mean-square of its
/// recent values, so every parameter moves at a similar pace whatever its gradient's scale.
///   s ← ρs + (1−ρ)g²        θ ← θ − η·g / (√s + ε)
/// </summary>
public sealed class RmsProp : Optimizer
{
    private readonly List<Array?> meanSquare = [];

    public double Rho { get; }
    public double Epsilon { get; }

    public RmsProp(IEnumerable<Tensor> parameters, double learningRate = 0.01, double rho = 0.99, double epsilon = 1e-8)
        : base(parameters, learningRate)
    {
        if (rho < 0 || rho >= 1) throw new ArgumentOutOfRangeException(nameof(rho), rho, "rho must be in [0, 1).");
        (Rho, Epsilon) = (rho, epsilon);
    }

    protected override void Update<T>(int index, Span<T> theta, ReadOnlySpan<T> grad)
    {
        T lr = Of<T>(LearningRate), rho = Of<T>(Rho), eps = Of<T>(Epsilon), one = T.One;
        var s = State<T>(meanSquare, index, theta.Length);
        for (int i = 0; i < theta.Length; i++)
        {
            s[i] = rho * s[i] + (one - rho) * grad[i] * grad[i];
            theta[i] -= lr * grad[i] / (T.Sqrt(s[i]) + eps);
        }
    }
}
