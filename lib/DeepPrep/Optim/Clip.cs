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
        double sumSquares = 0;
        foreach (var g in grads)
            for (int i = 0; i < g.Size; i++) { double v = g.GetFlat(i); sumSquares += v * v; }
        double norm = Math.Sqrt(sumSquares);
        // A non-finite norm cannot be rescaled into anything meaningful; leave it for divergence detection.
        if (norm > maxNorm && double.IsFinite(norm))
        {
            double scale = maxNorm / norm;
            foreach (var g in grads)
                for (int i = 0; i < g.Size; i++) g.SetFlat(i, g.GetFlat(i) * scale);
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
            for (int i = 0; i < g.Size; i++) g.SetFlat(i, Math.Clamp(g.GetFlat(i), -clipValue, clipValue));
    }

    /// <summary>The global L2 norm of all gradients (0 for parameters without one).</summary>
    public static double GlobalNorm(IEnumerable<Tensor> parameters)
    {
        double sumSquares = 0;
        foreach (var g in parameters.Select(p => p.Grad).OfType<Tensor>())
            for (int i = 0; i < g.Size; i++) { double v = g.GetFlat(i); sumSquares += v * v; }
        return Math.Sqrt(sumSquares);
    }
}
