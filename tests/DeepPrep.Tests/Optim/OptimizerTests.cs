using DeepPrep.Optim;

namespace DeepPrep.Tests.Optim;

public class OptimizerTests
{
    private static Tensor Param(params double[] v) => Tensor.From(v).RequireGrad();

    private static void SetGrad(Tensor p, params double[] g)
    {
        p.ZeroGrad();
        (p * Tensor.From(g)).Sum().Backward(); // ∂/∂p of Σ p·g is g
    }

    [Fact]
    public void PlainSgdStep()
    {
        var p = Param(1.0, -2.0);
        var opt = new Sgd([p], learningRate: 0.1);
        SetGrad(p, 0.5, -1.0);
        opt.Step();
        Assert.Equal(new[] { 0.95, -1.9 }, p.ToArray(), new Tol(1e-12));
    }

    [Fact]
    public void MomentumNesterovAndWeightDecayFollowTheirFormulas()
    {
        // Two steps with constant gradient g = 1, η = 0.1, μ = 0.9:
        // classical: v1 = 1, θ1 = −0.1; v2 = 1.9, θ2 = −0.29.
        var p = Param(0.0);
        var opt = new Sgd([p], 0.1, momentum: 0.9);
        SetGrad(p, 1.0); opt.Step();
        SetGrad(p, 1.0); opt.Step();
        Assert.Equal(-0.29, p.Item(), 1e-12);
        // Nesterov: step uses g + μv: θ1 = −0.1·(1 + 0.9) = −0.19; v2 = 1.9, θ2 = −0.19 − 0.1·(1 + 1.71) = −0.461.
        var q = Param(0.0);
        var nest = new Sgd([q], 0.1, momentum: 0.9, nesterov: true);
        SetGrad(q, 1.0); nest.Step();
        SetGrad(q, 1.0); nest.Step();
        Assert.Equal(-0.461, q.Item(), 1e-12);
        // Weight decay λ = 0.5 with zero gradient: θ ← θ − η·λθ = 2 − 0.1·1 = 1.9.
        var r = Param(2.0);
        var wd = new Sgd([r], 0.1, weightDecay: 0.5);
        SetGrad(r, 0.0); wd.Step();
        Assert.Equal(1.9, r.Item(), 1e-12);
    }

    /// <summary>
    /// Sgd updates whole vectors at a time and the leftover elements one by one; both must give exactly the bits of
    /// the formulas applied element by element (in T's precision), for every length around the vector widths.
    /// </summary>
    [Theory]
    [InlineData(0.0, false, 0.0)]
    [InlineData(0.9, false, 0.0)]
    [InlineData(0.9, true, 0.01)]
    public void SgdVectorisedUpdateMatchesTheScalarFormulaExactly(double momentum, bool nesterov, double weightDecay)
    {
        Check<float>(DType.Float32);
        Check<double>(DType.Float64);

        void Check<T>(DType dtype) where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
        {
            for (int n = 1; n <= 37; n++)
            {
                var rng = new Rng((ulong)n);
                var p = Tensor.Randn([n], rng, dtype: dtype).RequireGrad();
                var g = Tensor.Randn([n], rng, dtype: dtype);
                var opt = new Sgd([p], 0.05, momentum, nesterov, weightDecay);
                var theta = p.ToArray().Select(T.CreateTruncating).ToArray();
                var velocity = new T[n];
                T lr = T.CreateTruncating(0.05), mu = T.CreateTruncating(momentum), wd = T.CreateTruncating(weightDecay);
                for (int step = 0; step < 3; step++)
                {
                    p.ZeroGrad();
                    (p * g).Sum().Backward(); // gradient g
                    opt.Step();
                    var grad = g.ToArray().Select(T.CreateTruncating).ToArray();
                    for (int i = 0; i < n; i++)
                    {
                        T gi = grad[i] + wd * theta[i];
                        if (momentum == 0) { theta[i] -= lr * gi; continue; }
                        velocity[i] = mu * velocity[i] + gi;
                        theta[i] -= lr * (nesterov ? gi + mu * velocity[i] : velocity[i]);
                    }
                    Assert.Equal(theta.Select(double.CreateTruncating).ToArray(), p.ToArray());
                }
            }
        }
    }

    [Fact]
    public void RmsPropFirstStep()
    {
        // s = 0.01·g² → step = η·g/√(0.01 g²) = η/0.1 = 10η in the direction of g.
        var p = Param(0.0, 0.0);
        var opt = new RmsProp([p], learningRate: 0.01, rho: 0.99, epsilon: 0);
        SetGrad(p, 3.0, -0.2);
        opt.Step();
        Assert.Equal(new[] { -0.1, 0.1 }, p.ToArray(), new Tol(1e-12));
    }

    [Fact]
    public void AdamFirstStepIsLearningRateTimesSign()
    {
        // After bias correction m̂ = g and v̂ = g², so the first step is η·g/|g| whatever g's scale.
        var p = Param(0.0, 0.0, 0.0);
        var opt = new Adam([p], learningRate: 0.01, epsilon: 0);
        SetGrad(p, 1000.0, -0.001, 5.0);
        opt.Step();
        Assert.Equal(new[] { -0.01, 0.01, -0.01 }, p.ToArray(), new Tol(1e-12));
        // Second step with the same gradient is the same size again.
        SetGrad(p, 1000.0, -0.001, 5.0);
        opt.Step();
        Assert.Equal(new[] { -0.02, 0.02, -0.02 }, p.ToArray(), new Tol(1e-12));
    }

    [Fact]
    public void OptimizersMinimiseAQuadratic()
    {
        foreach (var make in new Func<Tensor, Optimizer>[]
                 { p => new Sgd([p], 0.1), p => new Sgd([p], 0.05, 0.9), p => new RmsProp([p], 0.01), p => new Adam([p], 0.05) })
        {
            var p = Param(3.0, -2.0);
            var opt = make(p);
            for (int i = 0; i < 500; i++)
            {
                opt.ZeroGrad();
                ((p - Tensor.From([1.0, 1.0])).Square().Sum()).Backward();
                opt.Step();
            }
            Assert.Equal(new[] { 1.0, 1.0 }, p.ToArray(), new Tol(0.02));
        }
    }

    [Fact]
    public void ClipByNormKeepsDirectionClipByValueDoesNot()
    {
        var p = Param(0.0, 0.0);
        SetGrad(p, 3.0, 4.0); // norm 5
        double before = Clip.GradNorm([p], 1.0);
        Assert.Equal(5.0, before, 1e-12);
        Assert.Equal(new[] { 0.6, 0.8 }, p.Grad!.ToArray(), new Tol(1e-12)); // same direction, norm 1
        SetGrad(p, 3.0, 0.5);
        Clip.GradValue([p], 1.0);
        Assert.Equal(new[] { 1.0, 0.5 }, p.Grad!.ToArray(), new Tol(1e-12)); // direction changed
        SetGrad(p, 0.3, 0.4);
        Assert.Equal(0.5, Clip.GradNorm([p], 1.0), 1e-12);
        Assert.Equal(new[] { 0.3, 0.4 }, p.Grad!.ToArray(), new Tol(1e-12)); // under the limit: untouched
    }

    [Fact]
    public void SchedulesGiveTheirFormulas()
    {
        var step = LearningRateSchedule.StepDecay(1.0, stepSize: 10, gamma: 0.5);
        Assert.Equal(1.0, step.Rate(9));
        Assert.Equal(0.5, step.Rate(10));
        Assert.Equal(0.25, step.Rate(25));
        Assert.Equal(0.81, LearningRateSchedule.Exponential(1.0, 0.9).Rate(2), 1e-12);
        var cos = LearningRateSchedule.Cosine(1.0, epochs: 10, minimum: 0.1);
        Assert.Equal(1.0, cos.Rate(0), 1e-12);
        Assert.Equal(0.55, cos.Rate(5), 1e-12);
        Assert.Equal(0.1, cos.Rate(10), 1e-12);
        Assert.Equal(0.3, LearningRateSchedule.Constant(0.3).Rate(100));
    }

    [Fact]
    public void BadHyperparametersAreRejected()
    {
        var p = Param(1.0);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd([p], double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd([p], 0.1, momentum: 1.0));
        Assert.Throws<ArgumentException>(() => new Sgd([Tensor.From([1.0])], 0.1));
    }

    /// <summary>Element-wise comparison with an absolute tolerance.</summary>
    private sealed class Tol(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}
