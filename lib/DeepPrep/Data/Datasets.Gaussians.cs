namespace DeepPrep.Data;

// Samples from Gaussians and Gaussian mixtures: the "real data" of GAN and density experiments,
// and badly scaled inputs for the feature-scaling experiment. No labels, except that a mixture
// sample is labelled with the component it came from (handy for colouring plots).
public static partial class Datasets
{
    /// <summary>n samples x ~ N(μ, σ²). X is [n, 1]; no labels.</summary>
    public static Dataset Gaussian1D(int n, double mean = 0, double sd = 1, Rng? rng = null, DType? dtype = null)
    {
        CheckCount(n, "Gaussian1D");
        CheckNonNegative(sd, nameof(sd), "Gaussian1D");
        rng = DataRng(rng);
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = rng.Normal(mean, sd);
        return new Dataset(Matrix(x, n, 1, dtype), name: "gaussian");
    }

    /// <summary>
    /// n samples from a 2-D Gaussian given by means, standard deviations and a correlation ρ:
    /// Σ = [[σ₁², ρσ₁σ₂], [ρσ₁σ₂, σ₂²]]. X is [n, 2]. <c>Gaussian2D(500, [5, 500], [1, 100])</c> gives two
    /// independent features on very different scales (curriculum X8).
    /// </summary>
    public static Dataset Gaussian2D(int n, double[] mean, double[] sd, double correlation = 0, Rng? rng = null, DType? dtype = null)
    {
        if (mean.Length != 2 || sd.Length != 2)
            throw new ArgumentException($"Gaussian2D: mean and sd need 2 entries each, got {mean.Length} and {sd.Length}.");
        if (!(Math.Abs(correlation) < 1))
            throw new ArgumentOutOfRangeException(nameof(correlation), $"Gaussian2D: the correlation must lie strictly between −1 and 1, got {correlation}.");
        double covariance = correlation * sd[0] * sd[1];
        return Gaussian(n, mean, new[,] { { sd[0] * sd[0], covariance }, { covariance, sd[1] * sd[1] } }, rng, dtype);
    }

    /// <summary>
    /// n samples x ~ N(μ, Σ) in d dimensions: x = μ + L·ε with ε ~ N(0, I_d), where L is the Cholesky
    /// factor of the covariance (Σ = L·Lᵀ, L lower triangular). Then Cov(x) = L·I·Lᵀ = Σ. X is [n, d].
    /// </summary>
    /// <param name="n">Number of samples.</param>
    /// <param name="mean">μ, length d.</param>
    /// <param name="covariance">Σ, d × d, symmetric positive definite.</param>
    /// <param name="rng">Random source; default <c>Seed.Global.Data</c>.</param>
    /// <param name="dtype">Element type; default <see cref="Tensor.DefaultDType"/>.</param>
    public static Dataset Gaussian(int n, double[] mean, double[,] covariance, Rng? rng = null, DType? dtype = null)
    {
        CheckCount(n, "Gaussian");
        rng = DataRng(rng);
        int d = mean.Length;
        var l = Cholesky(covariance, d, "Gaussian");
        var x = new double[n * d];
        var sample = new double[d];
        for (int i = 0; i < n; i++)
        {
            SampleGaussian(mean, l, rng, sample);
            sample.CopyTo(x, i * d);
        }
        return new Dataset(Matrix(x, n, d, dtype), name: "gaussian");
    }

    /// <summary>
    /// n samples from a 1-D Gaussian mixture p(x) = Σ_k w_k·N(x; μ_k, σ_k²): for each sample pick a
    /// component k with probability w_k, then draw x ~ N(μ_k, σ_k²). X is [n, 1]; Labels[i] is the
    /// component sample i came from (so counts follow the weights only on average).
    /// </summary>
    /// <param name="n">Number of samples.</param>
    /// <param name="weights">Mixing weights w_k ≥ 0; normalised to sum to 1.</param>
    /// <param name="means">μ_k, one per component.</param>
    /// <param name="sds">σ_k, one per component.</param>
    /// <param name="rng">Random source; default <c>Seed.Global.Data</c>. Per sample: the component, then x.</param>
    /// <param name="dtype">Element type; default <see cref="Tensor.DefaultDType"/>.</param>
    public static Dataset GaussianMixture1D(int n, double[] weights, double[] means, double[] sds, Rng? rng = null, DType? dtype = null)
    {
        CheckCount(n, "GaussianMixture1D");
        int k = weights.Length;
        if (means.Length != k || sds.Length != k)
            throw new ArgumentException($"GaussianMixture1D: {k} weights but {means.Length} means and {sds.Length} sds; give one of each per component.");
        foreach (double sd in sds) CheckNonNegative(sd, nameof(sds), "GaussianMixture1D");
        var cumulative = CumulativeWeights(weights, "GaussianMixture1D");
        rng = DataRng(rng);
        var x = new double[n];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            int c = PickComponent(cumulative, rng);
            labels[i] = c;
            x[i] = rng.Normal(means[c], sds[c]);
        }
        return new Dataset(Matrix(x, n, 1, dtype), labels, classCount: k, name: "gaussian-mixture");
    }

    /// <summary>
    /// n samples from a d-dimensional Gaussian mixture p(x) = Σ_k w_k·N(x; μ_k, Σ_k). X is [n, d];
    /// Labels[i] is the component sample i came from. See <see cref="GaussianMixture1D"/> and <see cref="Gaussian"/>.
    /// </summary>
    public static Dataset GaussianMixture(int n, double[] weights, double[][] means, double[][,] covariances, Rng? rng = null, DType? dtype = null)
    {
        CheckCount(n, "GaussianMixture");
        int k = weights.Length;
        if (means.Length != k || covariances.Length != k)
            throw new ArgumentException($"GaussianMixture: {k} weights but {means.Length} means and {covariances.Length} covariances; give one of each per component.");
        if (k == 0) throw new ArgumentException("GaussianMixture: give at least one component.");
        int d = means[0].Length;
        if (means.Any(m => m.Length != d))
            throw new ArgumentException($"GaussianMixture: every mean needs the same length; got {string.Join(", ", means.Select(m => m.Length))}.");
        var factors = covariances.Select((s, c) => Cholesky(s, d, $"GaussianMixture (component {c})")).ToArray();
        var cumulative = CumulativeWeights(weights, "GaussianMixture");
        rng = DataRng(rng);
        var x = new double[n * d];
        var labels = new int[n];
        var sample = new double[d];
        for (int i = 0; i < n; i++)
        {
            int c = PickComponent(cumulative, rng);
            labels[i] = c;
            SampleGaussian(means[c], factors[c], rng, sample);
            sample.CopyTo(x, i * d);
        }
        return new Dataset(Matrix(x, n, d, dtype), labels, classCount: k, name: "gaussian-mixture");
    }

    /// <summary>sample = μ + L·ε with ε ~ N(0, I): only the lower triangle of L is used.</summary>
    private static void SampleGaussian(double[] mean, double[,] l, Rng rng, double[] sample)
    {
        int d = mean.Length;
        Span<double> eps = d <= 64 ? stackalloc double[d] : new double[d];
        for (int j = 0; j < d; j++) eps[j] = rng.Normal();
        for (int r = 0; r < d; r++)
        {
            double sum = mean[r];
            for (int c = 0; c <= r; c++) sum += l[r, c] * eps[c];
            sample[r] = sum;
        }
    }

    /// <summary>
    /// The Cholesky factor L of a symmetric positive definite matrix Σ (Σ = L·Lᵀ, L lower triangular),
    /// column by column: L_jj = √(Σ_jj − Σ_{k&lt;j} L_jk²), L_ij = (Σ_ij − Σ_{k&lt;j} L_ik·L_jk) / L_jj for i &gt; j.
    /// </summary>
    private static double[,] Cholesky(double[,] sigma, int d, string generator)
    {
        if (sigma.GetLength(0) != d || sigma.GetLength(1) != d)
            throw new ArgumentException($"{generator}: the covariance must be {d} × {d} to match the mean, got {sigma.GetLength(0)} × {sigma.GetLength(1)}.");
        for (int i = 0; i < d; i++)
            for (int j = 0; j < i; j++)
                if (Math.Abs(sigma[i, j] - sigma[j, i]) > 1e-12 * (Math.Abs(sigma[i, j]) + Math.Abs(sigma[j, i]) + 1e-300))
                    throw new ArgumentException($"{generator}: the covariance must be symmetric, but Σ[{i},{j}] = {sigma[i, j]} and Σ[{j},{i}] = {sigma[j, i]}.");
        var l = new double[d, d];
        for (int j = 0; j < d; j++)
        {
            double diagonal = sigma[j, j];
            for (int k = 0; k < j; k++) diagonal -= l[j, k] * l[j, k];
            if (!(diagonal > 0))
                throw new ArgumentException($"{generator}: the covariance is not positive definite (pivot {j} is {diagonal}); every variance must be > 0 and |correlations| < 1.");
            l[j, j] = Math.Sqrt(diagonal);
            for (int i = j + 1; i < d; i++)
            {
                double sum = sigma[i, j];
                for (int k = 0; k < j; k++) sum -= l[i, k] * l[j, k];
                l[i, j] = sum / l[j, j];
            }
        }
        return l;
    }

    /// <summary>Running sums of the normalised weights: w₀, w₀+w₁, …, 1.</summary>
    private static double[] CumulativeWeights(double[] weights, string generator)
    {
        if (weights.Length == 0) throw new ArgumentException($"{generator}: give at least one component.");
        if (weights.Any(w => !(w >= 0) || double.IsInfinity(w)))
            throw new ArgumentException($"{generator}: weights must be finite and ≥ 0, got [{string.Join(", ", weights)}].");
        double total = weights.Sum();
        if (!(total > 0)) throw new ArgumentException($"{generator}: the weights sum to 0.");
        var cumulative = new double[weights.Length];
        double running = 0;
        for (int k = 0; k < weights.Length; k++) { running += weights[k] / total; cumulative[k] = running; }
        cumulative[^1] = 1; // guard against rounding: the last bin always catches u < 1
        return cumulative;
    }

    /// <summary>Component k with probability w_k: the first k whose cumulative weight exceeds u ~ U[0, 1).</summary>
    private static int PickComponent(double[] cumulative, Rng rng)
    {
        double u = rng.NextDouble();
        for (int k = 0; k < cumulative.Length; k++)
            if (u < cumulative[k]) return k;
        return cumulative.Length - 1;
    }
}
