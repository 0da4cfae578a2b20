using DeepPrep.Nn;

namespace DeepPrep.Training;

/// <summary>
/// The sharpness of a loss where the weights are now: λmax, the largest eigenvalue of the Hessian ∇²L(θ)
/// over all of a model's parameters, i.e. the curvature along the steepest direction.
/// </summary>
/// <remarks>
/// <para>Why it matters (notebook 07): on a quadratic L(θ) = ½ θᵀHθ, gradient descent multiplies the
/// component along an eigenvector with eigenvalue λ by (1 − ηλ) each step, so it is stable iff η &lt; 2/λmax.
/// On a real loss the Hessian changes as θ moves, so the limit 2/λmax has to be measured along the way.</para>
/// <para>How: power iteration v ← Hv / ‖Hv‖ with Hessian–vector products from central differences of the
/// gradient, Hv ≈ (∇L(θ + εv) − ∇L(θ − εv)) / 2ε (error O(ε²)), and the Rayleigh quotient λ = vᵀHv.
/// It needs two backward passes per iteration and no second-order autodiff. Power iteration finds the
/// eigenvalue of largest magnitude: λmax for convex losses (softmax regression, least squares); on a
/// non-convex loss it can return a negative eigenvalue if that one is larger in magnitude.</para>
/// <para>The parameters are restored bit for bit afterwards (copies, not θ + εv − εv), so measuring the
/// sharpness during training does not change the training run. Their gradients are left at zero.</para>
/// </remarks>
public static class Sharpness
{
    /// <summary>
    /// λmax of the Hessian of <paramref name="loss"/> (a function that runs the model and returns a scalar)
    /// with respect to every parameter of <paramref name="model"/>.
    /// </summary>
    /// <param name="model">Whose parameters span the Hessian (all of them, flattened in <see cref="Module.Parameters"/> order).</param>
    /// <param name="loss">Computes the scalar loss from the model's current parameters; called twice per iteration.</param>
    /// <param name="iterations">Most power iterations to run.</param>
    /// <param name="start">Starting direction (e.g. the <see cref="SharpnessEstimate.Direction"/> of an earlier
    /// call: a warm start converges in a few iterations when the weights moved a little); default random.</param>
    /// <param name="rng">Draws the random starting direction; default a fixed generator, so the result is reproducible.</param>
    /// <param name="tolerance">Stop when λ changes by at most this fraction between iterations.</param>
    /// <param name="epsilon">Finite-difference step along the unit direction; default 1e-4 (float64) or 1e-2 (float32, whose rounding is 1e9 times coarser).</param>
    public static SharpnessEstimate Estimate(Module model, Func<Tensor> loss, int iterations = 30, double[]? start = null,
                                             Rng? rng = null, double tolerance = 1e-4, double? epsilon = null)
    {
        var parameters = model.Parameters().ToList();
        int n = parameters.Sum(p => p.Size);
        if (n == 0) throw new ArgumentException("Sharpness: the model has no parameters.");
        if (iterations < 1) throw new ArgumentOutOfRangeException(nameof(iterations), iterations, "Sharpness needs at least one iteration.");
        if (start != null && start.Length != n) throw new ArgumentException($"Sharpness: the start direction has {start.Length} values but the model has {n} parameters.");
        double eps = epsilon ?? (parameters.All(p => p.DType == DType.Float64) ? 1e-4 : 1e-2);

        var theta = Flatten(parameters, p => p);                       // θ₀, [n]: restored exactly at the end
        var v = start != null ? (double[])start.Clone() : RandomDirection(n, rng ?? new Rng(0x5ba7));
        double lambda = double.NaN;
        int done = 0;
        try
        {
            for (int it = 0; it < iterations; it++)
            {
                Normalize(v);
                var gPlus = GradientAt(parameters, theta, v, eps, loss);     // ∇L(θ₀ + εv)
                var gMinus = GradientAt(parameters, theta, v, -eps, loss);   // ∇L(θ₀ − εv)
                var hv = new double[n];
                for (int i = 0; i < n; i++) hv[i] = (gPlus[i] - gMinus[i]) / (2 * eps);
                double next = Dot(v, hv);                                  // Rayleigh quotient vᵀHv, ‖v‖ = 1
                done = it + 1;
                bool converged = Math.Abs(next - lambda) <= tolerance * Math.Abs(next);
                lambda = next;
                v = hv;
                if (converged) break;
            }
        }
        finally
        {
            Assign(parameters, theta, null, 0);
            foreach (var p in parameters) p.ZeroGrad();
        }
        Normalize(v);
        return new SharpnessEstimate(lambda, v, done);
    }

    /// <summary>
    /// λmax of the softmax cross-entropy of a classifier on (x, labels), the whole set at once
    /// (full-batch curvature), with the model in evaluation mode.
    /// </summary>
    public static SharpnessEstimate Estimate(Module model, Tensor x, int[] labels, int iterations = 30, double[]? start = null,
                                             Rng? rng = null, double tolerance = 1e-4)
    {
        bool wasTraining = model.Training;
        model.Eval();
        try
        {
            return Estimate(model, () => Loss.CrossEntropy(model.Forward(x), labels), iterations, start, rng, tolerance);
        }
        finally
        {
            if (wasTraining) model.Train();
        }
    }

    // Sets θ = θ₀ + step·v, returns the flattened gradient there.
    private static double[] GradientAt(List<Tensor> parameters, double[] theta, double[] v, double step, Func<Tensor> loss)
    {
        Assign(parameters, theta, v, step);
        foreach (var p in parameters) p.ZeroGrad();
        var value = loss();
        if (value.Size != 1) throw new ArgumentException($"Sharpness: the loss must be a scalar, got shape {Shapes.Format(value.Shape)}.");
        value.Backward();
        // A parameter the loss does not use has no gradient: its row and column of the Hessian are zero.
        return Flatten(parameters, p => p.Grad);
    }

    private static double[] Flatten(List<Tensor> parameters, Func<Tensor, Tensor?> pick)
    {
        var flat = new double[parameters.Sum(p => p.Size)];
        int k = 0;
        foreach (var p in parameters)
        {
            var t = pick(p);
            if (t != null) t.ToArray().CopyTo(flat, k);
            k += p.Size;
        }
        return flat;
    }

    // θ = θ₀ + step·v (v may be null: θ = θ₀, bit for bit).
    private static void Assign(List<Tensor> parameters, double[] theta, double[]? v, double step)
    {
        int k = 0;
        foreach (var p in parameters)
        {
            if (p.DType == DType.Float64)
            {
                var s = p.AsSpan<double>();
                for (int i = 0; i < s.Length; i++, k++) s[i] = v == null ? theta[k] : theta[k] + step * v[k];
            }
            else
            {
                var s = p.AsSpan<float>();
                for (int i = 0; i < s.Length; i++, k++) s[i] = (float)(v == null ? theta[k] : theta[k] + step * v[k]);
            }
        }
    }

    private static double[] RandomDirection(int n, Rng rng)
    {
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = rng.Normal();
        return v;
    }

    private static void Normalize(double[] v)
    {
        double norm = Math.Sqrt(Dot(v, v));
        if (norm == 0 || !double.IsFinite(norm)) throw new InvalidOperationException($"Sharpness: the direction has norm {norm}; the Hessian-vector product vanished or overflowed.");
        for (int i = 0; i < v.Length; i++) v[i] /= norm;
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }
}

/// <summary>The result of <see cref="Sharpness.Estimate(Module, Func{Tensor}, int, double[], Rng, double, double?)"/>.</summary>
/// <param name="Value">λmax, the largest-magnitude eigenvalue of the Hessian (the Rayleigh quotient at the last iteration).</param>
/// <param name="Direction">Its unit eigenvector, flattened over the parameters; pass it as the next call's start.</param>
/// <param name="Iterations">Power iterations used.</param>
public sealed record SharpnessEstimate(double Value, double[] Direction, int Iterations)
{
    /// <summary>2/λmax: the largest stable learning rate of gradient descent on the local quadratic model.</summary>
    public double StableLearningRate => 2 / Value;

    public override string ToString() => $"λmax = {Value:G4} (2/λmax = {StableLearningRate:G4}; {Iterations} power iterations)";
}
