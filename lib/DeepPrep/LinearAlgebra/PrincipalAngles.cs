namespace DeepPrep.LinearAlgebra;

/// <summary>
/// How close two subspaces of ℝᵈ are: the cosines of their principal angles, cos θ₀ ≥ cos θ₁ ≥ … ≥ 0.
/// All cosines equal to 1 means the subspaces coincide (or one contains the other); a cosine of 0 means some direction
/// of one is orthogonal to all of the other.
/// </summary>
/// <remarks>
/// <para><b>How.</b> Each subspace is given by spanning rows, A [p, d] and B [q, d]. Orthonormal bases Qa [p, d] and
/// Qb [q, d] come from modified Gram–Schmidt on the rows; the cosines are the singular values of M = Qa·Qbᵀ [p, q]
/// (Björck &amp; Golub 1973), computed here as √(eigenvalues of M·Mᵀ) with <see cref="SymmetricEigen"/>. There are
/// min(p, q) of them. Squaring loses accuracy for angles near 0 (a cosine of 1 − 1e-17 is indistinguishable from 1),
/// which is fine for "do these subspaces agree to 1e-3?", not for measuring tiny angles.</para>
/// <para><b>Why.</b> A linear autoencoder's decoder spans the same subspace as the top principal components, but in a
/// different basis (any invertible mix of them); principal angles compare the subspaces and ignore the basis.</para>
/// </remarks>
public static class PrincipalAngles
{
    /// <summary>
    /// The cosines of the principal angles between the row spaces of <paramref name="a"/> [p, d] and
    /// <paramref name="b"/> [q, d], descending, min(p, q) of them, each in [0, 1].
    /// </summary>
    /// <exception cref="ArgumentException">Different d, or rows that are (numerically) linearly dependent.</exception>
    public static double[] Cosines(double[,] a, double[,] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.GetLength(1) != b.GetLength(1))
            throw new ArgumentException($"PrincipalAngles: the subspaces live in different spaces, rows of {a.GetLength(1)} and {b.GetLength(1)} numbers.");
        var qa = OrthonormalRows(a, "a");
        var qb = OrthonormalRows(b, "b");
        int p = qa.Length, q = qb.Length, d = a.GetLength(1);
        bool aSmaller = p <= q;
        var (small, large) = aSmaller ? (qa, qb) : (qb, qa);
        // M·Mᵀ [s, s] with M = Q_small·Q_largeᵀ: its eigenvalues are the squared cosines.
        int s = small.Length;
        var m = new double[s, large.Length];
        for (int i = 0; i < s; i++)
            for (int j = 0; j < large.Length; j++)
            {
                double dot = 0;
                for (int k = 0; k < d; k++) dot += small[i][k] * large[j][k];
                m[i, j] = dot;
            }
        var mmt = new double[s, s];
        for (int i = 0; i < s; i++)
            for (int j = 0; j <= i; j++)
            {
                double dot = 0;
                for (int k = 0; k < large.Length; k++) dot += m[i, k] * m[j, k];
                mmt[i, j] = mmt[j, i] = dot;
            }
        return SymmetricEigen.Decompose(mmt).Values.Select(v => Math.Sqrt(Math.Clamp(v, 0, 1))).ToArray();
    }

    /// <summary>Principal-angle cosines between the row spaces of two 2-D tensors (computed in float64).</summary>
    public static double[] Cosines(Tensor a, Tensor b) => Cosines(a.ToArray2D(), b.ToArray2D());

    // Modified Gram–Schmidt, twice (re-orthogonalisation keeps the basis orthonormal to rounding even for nearly
    // dependent rows). A row whose remaining norm is below 1e-10 of its original norm is dependent: an error.
    private static double[][] OrthonormalRows(double[,] x, string name)
    {
        int rows = x.GetLength(0), d = x.GetLength(1);
        var basis = new double[rows][];
        for (int i = 0; i < rows; i++)
        {
            var v = new double[d];
            for (int k = 0; k < d; k++) v[k] = x[i, k];
            double original = Math.Sqrt(v.Sum(t => t * t));
            for (int pass = 0; pass < 2; pass++)
                for (int j = 0; j < i; j++)
                {
                    double dot = 0;
                    for (int k = 0; k < d; k++) dot += v[k] * basis[j][k];
                    for (int k = 0; k < d; k++) v[k] -= dot * basis[j][k];
                }
            double norm = Math.Sqrt(v.Sum(t => t * t));
            if (!(norm > 1e-10 * original))
                throw new ArgumentException($"PrincipalAngles: row {i} of {name} is zero or a combination of the rows before it; give linearly independent rows.");
            for (int k = 0; k < d; k++) v[k] /= norm;
            basis[i] = v;
        }
        return basis;
    }
}
