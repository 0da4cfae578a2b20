using System.Runtime.CompilerServices;

namespace DeepPrep.LinearAlgebra;

/// <summary>
/// Linear least squares: the coefficients w that minimise ‖A·w − b‖² for a design matrix A [n, p]
/// (n ≥ p: one row per example, one column per basis function) and targets b [n].
/// </summary>
/// <remarks>
/// <para><b>How.</b> <see cref="Solve(double[,], double[])"/> uses a Householder QR factorisation, A = Q·R with Q
/// orthogonal [n, n] and R upper triangular [p, p] on top of zeros. Orthogonal maps keep lengths, so
/// ‖A·w − b‖ = ‖R·w − Qᵀb‖, and the minimiser solves the triangular system R·w = (Qᵀb)[0..p) by back substitution.
/// Q is never formed: each reflection H = I − 2vvᵀ/(vᵀv) is applied to A's remaining columns and to b as it is made.</para>
/// <para><b>Conditioning.</b> The textbook formula solves the normal equations AᵀA·w = Aᵀb
/// (<see cref="SolveNormalEquations"/>, kept as a readable reference). It is cheaper, but
/// cond(AᵀA) = cond(A)², so it loses twice as many digits: with cond(A) = 1e6 a float64 solve keeps about 10
/// correct digits through QR and about 4 through the normal equations. Polynomial fits make this real: the
/// monomial columns 1, x, x², …, x⁹ on [0, 1] are nearly parallel (cond ≈ 1e7 or worse), which is one reason
/// DeepPrep fits polynomials in the Legendre basis (<see cref="Legendre"/>), whose columns are close to orthogonal.</para>
/// <para>Cost: about 2np² − ⅔p³ flops for QR. float64 throughout: these solvers are for exact numbers, not speed.</para>
/// </remarks>
public static class LeastSquares
{
    /// <summary>
    /// The least-squares solution of A·w ≈ b by Householder QR: argmin_w ‖A·w − b‖².
    /// A is [n, p] with n ≥ p and full column rank; b has n entries. Returns w [p].
    /// </summary>
    /// <exception cref="ArgumentException">Shapes do not fit, or n &lt; p.</exception>
    /// <exception cref="InvalidOperationException">A's columns are (numerically) linearly dependent.</exception>
    public static double[] Solve(double[,] a, double[] b)
    {
        ArgumentNullException.ThrowIfNull(b);
        var rhs = new double[b.Length, 1];
        for (int i = 0; i < b.Length; i++) rhs[i, 0] = b[i];
        var w = Solve(a, rhs);
        var result = new double[w.GetLength(0)];
        for (int j = 0; j < result.Length; j++) result[j] = w[j, 0];
        return result;
    }

    /// <summary>
    /// Least squares for several right-hand sides at once: column k of the result [p, k] minimises
    /// ‖A·w − B[:, k]‖². A [n, p] is factorised once. B is [n, k].
    /// </summary>
    // A notebook calls this thousands of times: compile it optimised from the first call rather than starting in the
    // JIT's quick, unoptimised tier (which a busy machine can leave it in for seconds).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double[,] Solve(double[,] a, double[,] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int n = a.GetLength(0), p = a.GetLength(1), k = b.GetLength(1);
        if (b.GetLength(0) != n)
            throw new ArgumentException($"LeastSquares.Solve: A has {n} rows but b has {b.GetLength(0)}; one target per row of A.");
        if (p == 0) throw new ArgumentException("LeastSquares.Solve: A has no columns.");
        if (n < p)
            throw new ArgumentException($"LeastSquares.Solve: A is [{n}, {p}]: fewer equations than unknowns, so the solution is not unique. Use at least {p} rows.");

        // Work on columns: every step below reflects whole columns, so each is one contiguous array of n numbers.
        var r = Columns(a);        // p columns: become R (upper triangle) as the reflections are applied
        var qtb = Columns(b);      // k columns: become Qᵀ·B
        var v = new double[n];
        double largestDiagonal = 0;
        for (int col = 0; col < p; col++)
        {
            // The reflection H = I − 2vvᵀ/(vᵀv) that maps x = R[col.., col] onto (α, 0, …, 0) with |α| = ‖x‖.
            // α takes the sign opposite to x₀ so that v₀ = x₀ − α adds two numbers of the same sign (no cancellation).
            var x = r[col].AsSpan(col);
            double norm = Math.Sqrt(Dot(x, x));
            double alpha = x[0] > 0 ? -norm : norm;
            var vs = v.AsSpan(col, n - col);
            x.CopyTo(vs);
            vs[0] -= alpha;
            double vv = Dot(vs, vs);

            if (vv > 0)
            {
                // Apply H to the remaining columns of R and to every right-hand side: y ← y − v·(2vᵀy/vᵀv).
                for (int j = col; j < p; j++) Reflect(r[j].AsSpan(col), vs, vv);
                for (int j = 0; j < k; j++) Reflect(qtb[j].AsSpan(col), vs, vv);
            }
            largestDiagonal = Math.Max(largestDiagonal, Math.Abs(r[col][col]));
        }

        // A diagonal entry of R that is tiny next to the largest means a column is (nearly) a combination of the
        // earlier ones: the fit is not unique, and back substitution would divide by rounding noise.
        double tolerance = Math.Max(n, p) * 1e-14 * largestDiagonal;
        for (int j = 0; j < p; j++)
            if (!(Math.Abs(r[j][j]) > tolerance))
                throw new InvalidOperationException(
                    $"LeastSquares.Solve: column {j} of A is (numerically) a linear combination of the columns before it (|R[{j},{j}]| = {Math.Abs(r[j][j]):G3}); " +
                    "the least-squares solution is not unique. Remove the redundant column or use fewer basis functions.");

        // Back substitution: R[0..p, 0..p]·w = (QᵀB)[0..p]. R[i, j] is r[j][i].
        var w = new double[p, k];
        for (int c = 0; c < k; c++)
            for (int i = p - 1; i >= 0; i--)
            {
                double sum = qtb[c][i];
                for (int j = i + 1; j < p; j++) sum -= r[j][i] * w[j, c];
                w[i, c] = sum / r[i][i];
            }
        return w;
    }

    // y ← H·y = y − v·(2vᵀy/vᵀv): the reflection applied to one column (the part from the current row down).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Reflect(Span<double> y, ReadOnlySpan<double> v, double vv)
    {
        double scale = 2 * Dot(v, y) / vv;
        for (int i = 0; i < y.Length; i++) y[i] -= scale * v[i];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++) sum += x[i] * y[i];
        return sum;
    }

    // The columns of a matrix [rows, cols] as cols arrays of length rows (copies).
    private static double[][] Columns(double[,] m)
    {
        int rows = m.GetLength(0), cols = m.GetLength(1);
        var columns = new double[cols][];
        for (int j = 0; j < cols; j++)
        {
            columns[j] = new double[rows];
            for (int i = 0; i < rows; i++) columns[j][i] = m[i, j];
        }
        return columns;
    }

    /// <summary>
    /// The same least-squares problem through the normal equations AᵀA·w = Aᵀb, solved by Cholesky
    /// (AᵀA = L·Lᵀ, then L·z = Aᵀb and Lᵀ·w = z).
    /// </summary>
    /// <remarks>
    /// The textbook derivation (set the gradient 2Aᵀ(A·w − b) to zero), kept as a readable reference and to show
    /// why it is not the default: forming AᵀA squares the condition number, so it loses about twice as many
    /// digits as <see cref="Solve(double[,], double[])"/>. Fine when A's columns are close to orthogonal.
    /// </remarks>
    /// <exception cref="InvalidOperationException">AᵀA is not numerically positive definite.</exception>
    public static double[] SolveNormalEquations(double[,] a, double[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int n = a.GetLength(0), p = a.GetLength(1);
        if (b.Length != n)
            throw new ArgumentException($"LeastSquares.SolveNormalEquations: A has {n} rows but b has {b.Length}.");

        // G = AᵀA [p, p] and h = Aᵀb [p].
        var g = new double[p, p];
        var h = new double[p];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < p; j++)
            {
                h[j] += a[i, j] * b[i];
                for (int l = 0; l <= j; l++) g[j, l] += a[i, j] * a[i, l];
            }

        // Cholesky G = L·Lᵀ, L lower triangular (stored in g's lower triangle).
        for (int j = 0; j < p; j++)
        {
            double d = g[j, j];
            for (int l = 0; l < j; l++) d -= g[j, l] * g[j, l];
            if (!(d > 0))
                throw new InvalidOperationException($"LeastSquares.SolveNormalEquations: AᵀA is not positive definite at column {j} (pivot {d:G3}); A is rank deficient or too ill-conditioned for the normal equations.");
            g[j, j] = Math.Sqrt(d);
            for (int i = j + 1; i < p; i++)
            {
                double s = g[i, j];
                for (int l = 0; l < j; l++) s -= g[i, l] * g[j, l];
                g[i, j] = s / g[j, j];
            }
        }

        // Forward substitution L·z = h, then back substitution Lᵀ·w = z.
        var z = new double[p];
        for (int i = 0; i < p; i++)
        {
            double s = h[i];
            for (int l = 0; l < i; l++) s -= g[i, l] * z[l];
            z[i] = s / g[i, i];
        }
        var w = new double[p];
        for (int i = p - 1; i >= 0; i--)
        {
            double s = z[i];
            for (int l = i + 1; l < p; l++) s -= g[l, i] * w[l];
            w[i] = s / g[i, i];
        }
        return w;
    }
}
