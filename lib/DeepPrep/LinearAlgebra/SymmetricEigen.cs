namespace DeepPrep.LinearAlgebra;

/// <summary>
/// The eigen-decomposition of a real symmetric matrix, A = V·diag(λ)·Vᵀ, by cyclic Jacobi rotations:
/// eigenvalues λ₀ ≥ λ₁ ≥ … ≥ λₙ₋₁ and orthonormal eigenvectors (the columns of V), A·vₖ = λₖ·vₖ.
/// </summary>
/// <remarks>
/// <para><b>How.</b> A Jacobi rotation J(p, q, φ) is the identity except for a 2×2 block [[c, s], [−s, c]] in rows and
/// columns p, q. The angle is chosen so that A' = JᵀAJ has A'[p, q] = 0: with θ = (A[q, q] − A[p, p]) / (2A[p, q]),
/// t = tan φ is the smaller root of t² + 2θt − 1 = 0, t = sign(θ) / (|θ| + √(θ² + 1)), then c = 1/√(t² + 1), s = t·c.
/// Each rotation keeps A symmetric and keeps the sum of squares of all entries, moving (2A[p, q]²) of it onto the
/// diagonal. A <i>sweep</i> visits every pair p &lt; q once; the off-diagonal mass falls quadratically after the first
/// few sweeps, so 6–10 sweeps reach machine precision for the sizes DeepPrep uses (n ≤ a few hundred).
/// The product of the rotations is V, orthogonal by construction, which is why Jacobi gives orthonormal eigenvectors
/// even for repeated eigenvalues (where any basis of the eigenspace is a valid answer).</para>
/// <para><b>Why Jacobi.</b> It is short, needs no tridiagonal reduction, and is accurate to high relative precision
/// (Demmel &amp; Veselić 1992). It costs about 6n³ flops per sweep, slower than LAPACK's QR/divide-and-conquer for large n,
/// but a 64×64 covariance matrix takes well under a millisecond per sweep.</para>
/// <para><b>Conventions.</b> float64 throughout. Eigenvalues sorted descending. The sign of an eigenvector is arbitrary
/// in maths; here each one is flipped so that its largest-magnitude component (the first, on ties) is positive, so the
/// same matrix always gives the same vectors.</para>
/// <code>
/// var eig = SymmetricEigen.Decompose(new double[,] { { 2, 1 }, { 1, 2 } });
/// // eig.Values = [3, 1]; eig.Vectors columns: (1, 1)/√2 and (1, −1)/√2 up to sign
/// </code>
/// </remarks>
public sealed class SymmetricEigen
{
    /// <summary>The eigenvalues λ₀ ≥ λ₁ ≥ … (n of them).</summary>
    public double[] Values { get; }

    /// <summary>The eigenvectors as the columns of an n×n orthogonal matrix V: column k belongs to <see cref="Values"/>[k].</summary>
    public double[,] Vectors { get; }

    /// <summary>How many full sweeps over the pairs (p, q) were needed.</summary>
    public int Sweeps { get; }

    /// <summary>The size n of the matrix.</summary>
    public int Size => Values.Length;

    private SymmetricEigen(double[] values, double[,] vectors, int sweeps) =>
        (Values, Vectors, Sweeps) = (values, vectors, sweeps);

    /// <summary>Eigenvector k as an array of n numbers (a copy of column k of <see cref="Vectors"/>).</summary>
    public double[] Vector(int k)
    {
        if (k < 0 || k >= Size) throw new ArgumentOutOfRangeException(nameof(k), k, $"SymmetricEigen: there are {Size} eigenvectors.");
        var v = new double[Size];
        for (int i = 0; i < Size; i++) v[i] = Vectors[i, k];
        return v;
    }

    /// <summary>
    /// The 2-norm condition number of the matrix, κ = max|λ| / min|λ| (for a symmetric matrix its singular values are
    /// the |λ|). Infinite for a singular matrix; NaN for the empty one.
    /// </summary>
    public double ConditionNumber
    {
        get
        {
            if (Size == 0) return double.NaN;
            double largest = Values.Max(Math.Abs), smallest = Values.Min(Math.Abs);
            return smallest == 0 ? double.PositiveInfinity : largest / smallest;
        }
    }

    /// <summary>
    /// Decomposes the symmetric matrix <paramref name="a"/> [n, n] (which is not changed).
    /// </summary>
    /// <param name="a">A square, symmetric matrix of finite numbers. Symmetry is checked to a relative tolerance of
    /// 1e-10 of the largest entry (covariances computed in floating point are symmetric only to rounding); the lower
    /// triangle is what the rotations read, mirrored.</param>
    /// <param name="maxSweeps">Give up (with an exception) after this many sweeps; convergence normally takes ≤ 15.</param>
    /// <exception cref="ArgumentException">Not square, not symmetric, or holds NaN or ±∞.</exception>
    /// <exception cref="InvalidOperationException">Not converged after <paramref name="maxSweeps"/> sweeps.</exception>
    public static SymmetricEigen Decompose(double[,] a, int maxSweeps = 50)
    {
        ArgumentNullException.ThrowIfNull(a);
        int n = a.GetLength(0);
        if (a.GetLength(1) != n)
            throw new ArgumentException($"SymmetricEigen: the matrix must be square, got [{n}, {a.GetLength(1)}].", nameof(a));
        double scale = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                if (!double.IsFinite(a[i, j]))
                    throw new ArgumentException($"SymmetricEigen: entry [{i}, {j}] is {a[i, j]}; every entry must be finite.", nameof(a));
                scale = Math.Max(scale, Math.Abs(a[i, j]));
            }
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++)
                if (Math.Abs(a[i, j] - a[j, i]) > 1e-10 * scale)
                    throw new ArgumentException(
                        $"SymmetricEigen: the matrix is not symmetric: [{i}, {j}] = {a[i, j]} but [{j}, {i}] = {a[j, i]}. " +
                        "Jacobi rotations need A = Aᵀ (for a general matrix use a QR-based or SVD method).", nameof(a));

        // Work on a symmetric copy (lower triangle mirrored) and V = I.
        var m = new double[n, n];
        var v = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            v[i, i] = 1;
            for (int j = 0; j <= i; j++) m[i, j] = m[j, i] = a[i, j];
        }

        int sweeps = 0;
        double total = 0;                                   // Σ all entries² is invariant under rotations
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) total += m[i, j] * m[i, j];
        while (true)
        {
            double off = 0;                                 // Σ off-diagonal entries² (upper triangle, ×2 below)
            for (int p = 0; p < n; p++) for (int q = p + 1; q < n; q++) off += m[p, q] * m[p, q];
            // Converged when the off-diagonal part is at rounding level: ‖off‖ ≤ 1e-14·‖A‖_F (or exactly 0).
            if (off == 0 || 2 * off <= 1e-28 * total) break;
            if (sweeps == maxSweeps)
                throw new InvalidOperationException($"SymmetricEigen: not converged after {maxSweeps} sweeps (off-diagonal norm {Math.Sqrt(2 * off):G3}).");
            sweeps++;
            for (int p = 0; p < n - 1; p++)
                for (int q = p + 1; q < n; q++)
                {
                    double apq = m[p, q];
                    if (apq == 0) continue;
                    double app = m[p, p], aqq = m[q, q];
                    // Late sweeps: an entry too small to change either diagonal entry is rounding noise; drop it.
                    if (sweeps > 4 && Math.Abs(app) + 100 * Math.Abs(apq) == Math.Abs(app)
                                   && Math.Abs(aqq) + 100 * Math.Abs(apq) == Math.Abs(aqq))
                    {
                        m[p, q] = m[q, p] = 0;
                        continue;
                    }
                    Rotate(m, v, p, q);
                }
        }

        // Sort descending; fix each vector's sign (largest-magnitude component positive).
        var order = Enumerable.Range(0, n).OrderByDescending(k => m[k, k]).ThenBy(k => k).ToArray();
        var values = new double[n];
        var vectors = new double[n, n];
        for (int k = 0; k < n; k++)
        {
            int src = order[k];
            values[k] = m[src, src];
            int big = 0;
            for (int i = 1; i < n; i++) if (Math.Abs(v[i, src]) > Math.Abs(v[big, src])) big = i;
            double sign = v[big, src] < 0 ? -1 : 1;
            for (int i = 0; i < n; i++) vectors[i, k] = sign * v[i, src];
        }
        return new SymmetricEigen(values, vectors, sweeps);
    }

    // One rotation A ← JᵀAJ zeroing A[p, q], and V ← V·J. Only rows/columns p and q change.
    private static void Rotate(double[,] m, double[,] v, int p, int q)
    {
        int n = m.GetLength(0);
        double apq = m[p, q];
        double theta = (m[q, q] - m[p, p]) / (2 * apq);
        // t = tan φ, the root of t² + 2θt − 1 = 0 with |φ| ≤ π/4 (the smaller rotation is the stable one).
        // For huge θ, θ² overflows: t ≈ 1/(2θ) then.
        double t = Math.Abs(theta) > 1e150
            ? 1 / (2 * theta)
            : Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
        double c = 1 / Math.Sqrt(t * t + 1), s = t * c;

        m[p, p] -= t * apq;                                 // exact consequences of A'[p, q] = 0
        m[q, q] += t * apq;
        m[p, q] = m[q, p] = 0;
        for (int r = 0; r < n; r++)
        {
            if (r == p || r == q) continue;
            double arp = m[r, p], arq = m[r, q];
            m[r, p] = m[p, r] = c * arp - s * arq;
            m[r, q] = m[q, r] = s * arp + c * arq;
        }
        for (int r = 0; r < n; r++)
        {
            double vrp = v[r, p], vrq = v[r, q];
            v[r, p] = c * vrp - s * vrq;
            v[r, q] = s * vrp + c * vrq;
        }
    }
}
