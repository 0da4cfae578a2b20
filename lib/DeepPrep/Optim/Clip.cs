namespace DeepPrep.Optim;

/// <summary>
/// Gradient clipping: limit how big one update can be, so a single huge gradient (an exploding RNN,
/// a cliff in the loss surface) cannot throw the weights somewhere useless (Pascanu et al. 2013).
/// Call between Backward() and Step().
/// </summary>
public static class Clip
{
    /// <summary>
    /// Scales all gradients together so their global L2 norm is at most <paramref name="maxNorm"/>.
    /// The direction of the update is kept; only its length shrinks. Returns the norm before clipping.
    /// </summary>
    public static double GradNorm(IEnumerable<Tensor> parameters, double maxNorm)
    {
        if (!(maxNorm > 0)) throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "maxNorm must be positive.");
        var grads = parameters.Select(p => p.Grad).OfType<Tensor>().ToList();
        double norm = Math.Sqrt(SumOfSquares(grads));
        // A non-finite norm cannot be rescaled into anything meaningful; leave it for divergence detection.
        if (norm > maxNorm && double.IsFinite(norm))
        {
            double scale = maxNorm / norm;
            foreach (var g in grads)
            {
                // Scaled in double and rounded once, for float gradients too.
                if (g.DType == DType.Float32) { var f = g.AsSpan<float>(); for (int i = 0; i < f.Length; i++) f[i] = (float)(f[i] * scale); }
                else { var d = g.AsSpan<double>(); for (int i = 0; i < d.Length; i++) d[i] *= scale; }
            }
        }
        return norm;
    }

    /// <summary>
    /// Clamps every gradient element to [−clipValue, clipValue]. Cheaper, but it changes the direction of
    /// the update (large components are cut, small ones are not).
    /// </summary>
    public static void GradValue(IEnumerable<Tensor> parameters, double clipValue)
    {
        if (!(clipValue > 0)) throw new ArgumentOutOfRangeException(nameof(clipValue), clipValue, "clipValue must be positive.");
        foreach (var g in parameters.Select(p => p.Grad).OfType<Tensor>())
        {
            if (g.DType == DType.Float32) { var f = g.AsSpan<float>(); for (int i = 0; i < f.Length; i++) f[i] = (float)Math.Clamp(f[i], -clipValue, clipValue); }
            else { var d = g.AsSpan<double>(); for (int i = 0; i < d.Length; i++) d[i] = Math.Clamp(d[i], -clipValue, clipValue); }
        }
    }

    /// <summary>The global L2 norm of all gradients (0 for parameters without one).</summary>
    public static double GlobalNorm(IEnumerable<Tensor> parameters) =>
        Math.Sqrt(SumOfSquares(parameters.Select(p => p.Grad).OfType<Tensor>()));

    /// <summary>Σ g² over every element of every gradient, accumulated in double, element by element in order.</summary>
    private static double SumOfSquares(IEnumerable<Tensor> grads)
    {
        double sumSquares = 0;
        foreach (var g in grads)
        {
            if (g.DType == DType.Float32) foreach (double v in g.AsSpan<float>()) sumSquares += v * v;
            else foreach (double v in g.AsSpan<double>()) sumSquares += v * v;
        }
        return sumSquares;
    }
}
