namespace DeepPrep.LinearAlgebra;

/// <summary>
/// Principal component analysis: the k orthonormal directions along which the training rows vary most, and the
/// projection onto them. Fitted from the eigen-decomposition of the sample covariance C = XcᵀXc / (n − 1), with
/// Xc = X − mean (rows are examples).
/// </summary>
/// <remarks>
/// <para><b>What it gives.</b> Components wₖ (the eigenvectors of C, largest eigenvalue first), each with its explained
/// variance λₖ (the variance of the data along wₖ). Transform: z = (x − μ)·Wᵀ, W = [k, d] the components as rows.
/// InverseTransform: x̂ = μ + z·W. Among all rank-k affine reconstructions this one has the least squared error on the
/// training rows (Eckart–Young), and that error per row is Σ_{j≥k} λⱼ·(n − 1)/n: the variance left out.</para>
/// <para><b>Why here.</b> A linear autoencoder trained with squared error learns the same subspace (Baldi &amp; Hornik
/// 1989), so PCA is the exact reference an autoencoder is compared against (notebook 18).</para>
/// <para>float64 throughout, via <see cref="SymmetricEigen"/> (Jacobi) on the d×d covariance: fine for d up to a few
/// hundred. Signs of components follow <see cref="SymmetricEigen"/>'s convention (largest entry positive).</para>
/// <code>
/// var pca = Pca.Fit(train.X, components: 8);
/// var codes = pca.Transform(test.X);           // [n, 8]
/// var back = pca.InverseTransform(codes);      // [n, 64]
/// </code>
/// </remarks>
public sealed class Pca
{
    /// <summary>The training mean μ, one value per feature [d].</summary>
    public double[] Mean { get; }

    /// <summary>The principal directions as rows, [k, d]: orthonormal, largest variance first.</summary>
    public double[,] Components { get; }

    /// <summary>The variance of the training data along each kept component, λ₀ ≥ λ₁ ≥ … [k] (denominator n − 1).</summary>
    public double[] ExplainedVariance { get; }

    /// <summary>Every eigenvalue of the covariance, kept or not, descending [d]: the whole spectrum.</summary>
    public double[] AllVariances { get; }

    /// <summary>Each kept component's share of the total variance, λₖ / Σⱼ λⱼ [k].</summary>
    public double[] ExplainedVarianceRatio { get; }

    /// <summary>The number of features d.</summary>
    public int Features => Mean.Length;

    /// <summary>The number of kept components k.</summary>
    public int ComponentCount => ExplainedVariance.Length;

    // The full eigen-decomposition, kept so that WithComponents can truncate without refitting.
    private readonly SymmetricEigen eigen;

    private Pca(double[] mean, SymmetricEigen eigen, int k)
    {
        int d = mean.Length;
        Mean = mean;
        this.eigen = eigen;
        AllVariances = eigen.Values.Select(v => Math.Max(v, 0)).ToArray();   // a PSD matrix: negatives are rounding
        ExplainedVariance = AllVariances.Take(k).ToArray();
        double total = AllVariances.Sum();
        ExplainedVarianceRatio = ExplainedVariance.Select(v => total > 0 ? v / total : 0).ToArray();
        Components = new double[k, d];
        for (int c = 0; c < k; c++)
            for (int j = 0; j < d; j++) Components[c, j] = eigen.Vectors[j, c];
    }

    /// <summary>
    /// Fits PCA to the rows of <paramref name="x"/> [n, d] (n ≥ 2), keeping <paramref name="components"/> directions
    /// (default: all d).
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than 2 rows, no columns, non-finite values, or k outside 0..d.</exception>
    public static Pca Fit(double[,] x, int? components = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        int n = x.GetLength(0), d = x.GetLength(1);
        if (n < 2) throw new ArgumentException($"Pca.Fit: need at least 2 rows to estimate a covariance, got {n}.", nameof(x));
        if (d == 0) throw new ArgumentException("Pca.Fit: the data has no columns.", nameof(x));
        int k = components ?? d;
        if (k < 0 || k > d) throw new ArgumentException($"Pca.Fit: components must be in 0..{d}, got {k}.", nameof(components));

        var mean = new double[d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
            {
                if (!double.IsFinite(x[i, j])) throw new ArgumentException($"Pca.Fit: x[{i}, {j}] is {x[i, j]}.", nameof(x));
                mean[j] += x[i, j] / n;
            }

        // C = XcᵀXc / (n − 1), lower triangle then mirrored: exactly symmetric.
        var cov = new double[d, d];
        var row = new double[d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++) row[j] = x[i, j] - mean[j];
            for (int a = 0; a < d; a++)
            {
                double ra = row[a];
                if (ra == 0) continue;
                for (int b = 0; b <= a; b++) cov[a, b] += ra * row[b];
            }
        }
        for (int a = 0; a < d; a++)
            for (int b = 0; b <= a; b++) cov[a, b] = cov[b, a] = cov[a, b] / (n - 1);

        return new Pca(mean, SymmetricEigen.Decompose(cov), k);
    }

    /// <summary>Fits PCA to the rows of a 2-D tensor [n, d] (any dtype; computed in float64).</summary>
    public static Pca Fit(Tensor x, int? components = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 2) throw new ArgumentException($"Pca.Fit: expected a matrix [n, d], got {Shapes.Format(x.Shape)}.", nameof(x));
        return Fit(x.ToArray2D(), components);
    }

    /// <summary>The same fit keeping only the first <paramref name="k"/> components (no refitting).</summary>
    public Pca WithComponents(int k)
    {
        if (k < 0 || k > Features) throw new ArgumentException($"Pca.WithComponents: k must be in 0..{Features}, got {k}.", nameof(k));
        return new Pca(Mean, eigen, k);
    }

    /// <summary>The codes z = (x − μ)·Wᵀ [n, k] of the rows of <paramref name="x"/> [n, d].</summary>
    public double[,] Transform(double[,] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        int n = x.GetLength(0), d = Features, k = ComponentCount;
        if (x.GetLength(1) != d) throw new ArgumentException($"Pca.Transform: fitted on {d} features, got rows of {x.GetLength(1)}.", nameof(x));
        var z = new double[n, k];
        for (int i = 0; i < n; i++)
            for (int c = 0; c < k; c++)
            {
                double sum = 0;
                for (int j = 0; j < d; j++) sum += (x[i, j] - Mean[j]) * Components[c, j];
                z[i, c] = sum;
            }
        return z;
    }

    /// <summary>The reconstructions x̂ = μ + z·W [n, d] from codes <paramref name="z"/> [n, k].</summary>
    public double[,] InverseTransform(double[,] z)
    {
        ArgumentNullException.ThrowIfNull(z);
        int n = z.GetLength(0), d = Features, k = ComponentCount;
        if (z.GetLength(1) != k) throw new ArgumentException($"Pca.InverseTransform: {k} components, got codes of {z.GetLength(1)}.", nameof(z));
        var x = new double[n, d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
            {
                double sum = Mean[j];
                for (int c = 0; c < k; c++) sum += z[i, c] * Components[c, j];
                x[i, j] = sum;
            }
        return x;
    }

    /// <summary>Codes of a tensor's rows: [n, d] → float64 [n, k].</summary>
    public Tensor Transform(Tensor x) => Tensor.From(Transform(ToMatrix(x, "Transform")));

    /// <summary>Reconstructions from a tensor of codes: [n, k] → float64 [n, d].</summary>
    public Tensor InverseTransform(Tensor z) => Tensor.From(InverseTransform(ToMatrix(z, "InverseTransform")));

    /// <summary>Project onto the k components and back: x ↦ μ + ((x − μ)·Wᵀ)·W, float64 [n, d].</summary>
    public Tensor Reconstruct(Tensor x) => Tensor.From(InverseTransform(Transform(ToMatrix(x, "Reconstruct"))));

    private static double[,] ToMatrix(Tensor t, string method)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (t.Rank != 2) throw new ArgumentException($"Pca.{method}: expected a matrix, got {Shapes.Format(t.Shape)}.");
        return t.ToArray2D();
    }
}
