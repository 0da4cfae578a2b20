namespace DeepPrep.Data;

// Two-dimensional classes laid out along curves: rings, half-moons, spiral arms. None of them is
// linearly separable; they show what a hidden layer buys and how wide it has to be.
public static partial class Datasets
{
    /// <summary>
    /// Two concentric rings plus Gaussian noise: class y = i mod 2, angle θ ~ U[0, 2π),
    /// x = r_y·(cos θ, sin θ) + σ·ε with ε ~ N(0, I₂), r₀ = <paramref name="innerRadius"/> (class 0),
    /// r₁ = <paramref name="outerRadius"/> (class 1). X is [n, 2].
    /// </summary>
    /// <remarks>
    /// A ReLU layer needs at least three units to enclose the inner ring (a triangle); curriculum X20
    /// uses r = 1 and 2 with σ = 0.15.
    /// </remarks>
    public static Dataset Circles(int n, double noise = 0.15, double innerRadius = 1, double outerRadius = 2,
                                  Rng? rng = null, DType? dtype = null)
    {
        CheckCount(n, "Circles");
        CheckNonNegative(noise, nameof(noise), "Circles");
        rng = DataRng(rng);
        var labels = RoundRobinLabels(n, 2);
        var x = new double[n * 2];
        for (int i = 0; i < n; i++)
        {
            double r = labels[i] == 0 ? innerRadius : outerRadius;
            double theta = rng.Uniform(0, 2 * Math.PI);
            x[2 * i] = r * Math.Cos(theta) + noise * rng.Normal();
            x[2 * i + 1] = r * Math.Sin(theta) + noise * rng.Normal();
        }
        return new Dataset(Matrix(x, n, 2, dtype), labels, classCount: 2, name: "circles");
    }

    /// <summary>
    /// Two interleaving half-moons plus Gaussian noise: class y = i mod 2, t ~ U[0, π];
    /// class 0 lies on the upper arc (cos t, sin t), class 1 on the lower arc (1 − cos t, ½ − sin t);
    /// then x = arc point + σ·ε with ε ~ N(0, I₂). X is [n, 2].
    /// </summary>
    /// <remarks>The lower arc is the upper one turned upside down and shifted by (1, ½), so each moon's tip reaches into the other's hollow.</remarks>
    public static Dataset Moons(int n, double noise = 0.1, Rng? rng = null, DType? dtype = null)
    {
        CheckCount(n, "Moons");
        CheckNonNegative(noise, nameof(noise), "Moons");
        rng = DataRng(rng);
        var labels = RoundRobinLabels(n, 2);
        var x = new double[n * 2];
        for (int i = 0; i < n; i++)
        {
            double t = rng.Uniform(0, Math.PI);
            double a = labels[i] == 0 ? Math.Cos(t) : 1 - Math.Cos(t);
            double b = labels[i] == 0 ? Math.Sin(t) : 0.5 - Math.Sin(t);
            x[2 * i] = a + noise * rng.Normal();
            x[2 * i + 1] = b + noise * rng.Normal();
        }
        return new Dataset(Matrix(x, n, 2, dtype), labels, classCount: 2, name: "moons");
    }

    /// <summary>
    /// k interleaved spiral arms plus Gaussian noise: class y = i mod k, t ~ U[0, 1], radius r = t,
    /// angle φ = 2π·(turns·t + y/k), x = r·(cos φ, sin φ) + σ·ε with ε ~ N(0, I₂). X is [n, 2].
    /// </summary>
    /// <remarks>
    /// All arms start at the origin and end on the unit circle, each rotated by 1/k of a turn from the
    /// next. Along a ray from the origin, neighbouring arms are 1/(turns·k) apart in radius, so keep σ well
    /// below that (the default 0.05 against 0.5 for two arms and one turn), or the classes overlap.
    /// </remarks>
    public static Dataset Spirals(int n, int arms = 2, double noise = 0.05, double turns = 1, Rng? rng = null, DType? dtype = null)
    {
        CheckCount(n, "Spirals");
        CheckNonNegative(noise, nameof(noise), "Spirals");
        if (arms < 1) throw new ArgumentOutOfRangeException(nameof(arms), $"Spirals: arms must be at least 1, got {arms}.");
        rng = DataRng(rng);
        var labels = RoundRobinLabels(n, arms);
        var x = new double[n * 2];
        for (int i = 0; i < n; i++)
        {
            double t = rng.NextDouble();
            double phi = 2 * Math.PI * (turns * t + (double)labels[i] / arms);
            x[2 * i] = t * Math.Cos(phi) + noise * rng.Normal();
            x[2 * i + 1] = t * Math.Sin(phi) + noise * rng.Normal();
        }
        return new Dataset(Matrix(x, n, 2, dtype), labels, classCount: arms, name: "spirals");
    }
}
