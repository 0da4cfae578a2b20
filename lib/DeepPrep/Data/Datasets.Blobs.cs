namespace DeepPrep.Data;

// Gaussian blobs: one round cloud of points per class. The simplest classification data there is,
// and, with four blobs labelled like XOR, the simplest data a linear model cannot fit.
public static partial class Datasets
{
    /// <summary>
    /// Gaussian blobs around given centres: example i has class y = i mod k and
    /// x = μ_y + σ·ε with ε ~ N(0, I). X is [n, d], d = the centres' length.
    /// </summary>
    /// <param name="n">Total number of examples.</param>
    /// <param name="centres">k centres μ_0..μ_{k-1}, all of the same length d.</param>
    /// <param name="sigma">Standard deviation σ of every coordinate around its centre.</param>
    /// <param name="rng">Random source; default <c>Seed.Global.Data</c>.</param>
    /// <param name="dtype">Element type; default <see cref="Tensor.DefaultDType"/>.</param>
    public static Dataset Blobs(int n, IReadOnlyList<double[]> centres, double sigma = 0.5, Rng? rng = null, DType? dtype = null)
    {
        CheckCount(n, "Blobs");
        CheckNonNegative(sigma, nameof(sigma), "Blobs");
        if (centres == null || centres.Count == 0) throw new ArgumentException("Blobs: give at least one centre.", nameof(centres));
        int d = centres[0].Length;
        if (d == 0 || centres.Any(c => c.Length != d))
            throw new ArgumentException($"Blobs: every centre needs the same, non-zero number of coordinates; got lengths {string.Join(", ", centres.Select(c => c.Length))}.", nameof(centres));

        rng = DataRng(rng);
        int k = centres.Count;
        var labels = RoundRobinLabels(n, k);
        var x = new double[n * d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
                x[i * d + j] = centres[labels[i]][j] + sigma * rng.Normal();
        return new Dataset(Matrix(x, n, d, dtype), labels, classCount: k, name: "blobs");
    }

    /// <summary>
    /// k Gaussian blobs in the plane with centres evenly spaced on a circle of radius r:
    /// μ_c = r·(cos 2πc/k, sin 2πc/k), and x = μ_y + σ·ε for class y = i mod k. X is [n, 2].
    /// </summary>
    /// <remarks>
    /// Neighbouring centres are 2r·sin(π/k) apart; with the defaults (k = 3, r = 2, σ = 0.5) that is
    /// 3.5 = 7σ, so the classes barely overlap. Raise σ to make them overlap.
    /// </remarks>
    public static Dataset Blobs(int n, int classCount = 3, double sigma = 0.5, double radius = 2, Rng? rng = null, DType? dtype = null)
    {
        if (classCount < 1) throw new ArgumentOutOfRangeException(nameof(classCount), $"Blobs: classCount must be at least 1, got {classCount}.");
        var centres = new double[classCount][];
        for (int c = 0; c < classCount; c++)
        {
            double angle = 2 * Math.PI * c / classCount;
            centres[c] = [radius * Math.Cos(angle), radius * Math.Sin(angle)];
        }
        return Blobs(n, centres, sigma, rng, dtype);
    }

    /// <summary>
    /// XOR blobs: four Gaussian blobs centred at (±1, ±1) with standard deviation σ, and the label
    /// y = [x₁·x₂ > 0] (1 in the first and third quadrants, 0 in the second and fourth). X is [n, 2].
    /// </summary>
    /// <remarks>
    /// Example i comes from blob i mod 4, taken in the order (1, 1), (−1, 1), (−1, −1), (1, −1), so the
    /// blobs are balanced and the labels alternate 1, 0, 1, 0. The label is computed from the point
    /// itself, not from its blob: the rare point that crosses an axis (about 0.1% of points at
    /// σ = 0.3) takes the label of the quadrant it lands in, so the two axes separate the classes exactly.
    /// No single straight line does better than about 3 blobs out of 4 (accuracy ≈ 0.75): the
    /// classic example that needs a hidden layer (curriculum X1, X2, X3).
    /// </remarks>
    public static Dataset XorBlobs(int n, double sigma = 0.3, Rng? rng = null, DType? dtype = null)
    {
        CheckCount(n, "XorBlobs");
        CheckNonNegative(sigma, nameof(sigma), "XorBlobs");
        rng = DataRng(rng);
        double[][] centres = [[1, 1], [-1, 1], [-1, -1], [1, -1]];
        var x = new double[n * 2];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            var centre = centres[i % 4];
            double x1 = centre[0] + sigma * rng.Normal();
            double x2 = centre[1] + sigma * rng.Normal();
            x[2 * i] = x1;
            x[2 * i + 1] = x2;
            labels[i] = x1 * x2 > 0 ? 1 : 0;
        }
        return new Dataset(Matrix(x, n, 2, dtype), labels, classCount: 2, name: "xor");
    }
}
