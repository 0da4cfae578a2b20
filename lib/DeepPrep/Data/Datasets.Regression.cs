namespace DeepPrep.Data;

/// <summary>Where the inputs x of a 1-D regression data set are placed in [low, high).</summary>
public enum XSampling
{
    /// <summary>Independent uniform draws x_i ~ U[low, high), in the order drawn (not sorted).</summary>
    Uniform,

    /// <summary>Fixed, evenly spaced: the midpoints of n equal cells, x_i = low + (i + ½)·h with h = (high − low)/n.</summary>
    Grid,

    /// <summary>
    /// One uniform draw inside each of n equal cells: x_i = low + (i + u_i)·h, u_i ~ U[0, 1).
    /// Random like <see cref="Uniform"/>, but spread out like <see cref="Grid"/>, with no big gaps (curriculum X14).
    /// </summary>
    JitteredGrid,
}

// Noisy samples of a known function y = f(x) + noise: the setting of the bias–variance trade-off,
// where the truth f is known and every error can be measured.
public static partial class Datasets
{
    /// <summary>
    /// A 1-D regression data set: y_i = f(x_i) + σ·ε_i with ε_i ~ N(0, 1), x placed in [low, high) by
    /// <paramref name="sampling"/>. X is [n, 1] (the inputs), Targets is [n, 1] (the noisy outputs); no labels.
    /// </summary>
    /// <param name="f">The true function.</param>
    /// <param name="n">Number of examples.</param>
    /// <param name="sigma">Noise standard deviation σ; the best possible mean squared error is σ².</param>
    /// <param name="sampling">How x is placed; see <see cref="XSampling"/>.</param>
    /// <param name="low">Left end of the input interval.</param>
    /// <param name="high">Right end of the input interval.</param>
    /// <param name="rng">Random source; default <c>Seed.Global.Data</c>. For each example, x is drawn first, then its noise.</param>
    /// <param name="dtype">Element type; default <see cref="Tensor.DefaultDType"/>.</param>
    /// <param name="name">Name for printing.</param>
    public static Dataset Regression1D(Func<double, double> f, int n, double sigma, XSampling sampling = XSampling.Uniform,
                                      double low = 0, double high = 1, Rng? rng = null, DType? dtype = null, string name = "regression")
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckCount(n, "Regression1D");
        CheckNonNegative(sigma, nameof(sigma), "Regression1D");
        if (!(high > low)) throw new ArgumentException($"Regression1D: need low < high, got [{low}, {high}).");
        rng = DataRng(rng);
        double h = (high - low) / Math.Max(n, 1);
        var x = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = sampling switch
            {
                XSampling.Uniform => rng.Uniform(low, high),
                XSampling.Grid => low + (i + 0.5) * h,
                XSampling.JitteredGrid => low + (i + rng.NextDouble()) * h,
                _ => throw new ArgumentOutOfRangeException(nameof(sampling), sampling, "Regression1D: unknown sampling."),
            };
            y[i] = f(x[i]) + sigma * rng.Normal();
        }
        return new Dataset(Matrix(x, n, 1, dtype), targets: Matrix(y, n, 1, dtype), name: name);
    }

    /// <summary>
    /// Noisy sine: y = sin(2πx) + σ·ε, x in [0, 1), ε ~ N(0, 1). X and Targets are [n, 1].
    /// One full period of the sine, the curriculum's bias–variance data (X14: n = 20, σ = 0.3, jittered grid).
    /// </summary>
    public static Dataset NoisySine(int n = 20, double sigma = 0.3, XSampling sampling = XSampling.Uniform, Rng? rng = null, DType? dtype = null) =>
        Regression1D(SinTwoPi, n, sigma, sampling, 0, 1, rng, dtype, "noisy-sine");

    /// <summary>The noise-free truth of <see cref="NoisySine"/>: f(x) = sin(2πx).</summary>
    public static double SinTwoPi(double x) => Math.Sin(2 * Math.PI * x);
}
