using DeepPrep.LinearAlgebra;

namespace DeepPrep.Tests.LinearAlgebra;

// Least squares against exact answers: square systems, consistent and inconsistent over-determined systems,
// a hand-computed line fit, the normal-equations reference, and the conditioning gap between the two.
public sealed class LeastSquaresTests
{
    [Fact]
    public void Square_System_IsSolvedExactly()
    {
        // 2w₀ + w₁ = 5, w₀ + 3w₁ + w₂ = 10, w₁ + 4w₂ = 14 → w = (2, 1, 3.25)
        double[,] a = { { 2, 1, 0 }, { 1, 3, 1 }, { 0, 1, 4 } };
        double[] b = { 5, 8.25, 14 };
        var w = LeastSquares.Solve(a, b);
        Assert.Equal(2, w[0], 1e-13);
        Assert.Equal(1, w[1], 1e-13);
        Assert.Equal(3.25, w[2], 1e-13);
    }

    [Fact]
    public void LineFit_MatchesTheHandComputedAnswer()
    {
        // Points (0,1), (1,3), (2,4), (3,4): x̄ = 1.5, ȳ = 3, Sxy = 5, Sxx = 5 → slope 1, intercept 3 − 1.5 = 1.5.
        double[,] a = { { 1, 0 }, { 1, 1 }, { 1, 2 }, { 1, 3 } };
        double[] b = { 1, 3, 4, 4 };
        var w = LeastSquares.Solve(a, b);
        Assert.Equal(1.5, w[0], 1e-14);
        Assert.Equal(1.0, w[1], 1e-14);
        var normal = LeastSquares.SolveNormalEquations(a, b);
        Assert.Equal(1.5, normal[0], 1e-13);
        Assert.Equal(1.0, normal[1], 1e-13);
    }

    [Fact]
    public void Consistent_OverdeterminedSystem_RecoversTheTrueCoefficients()
    {
        var rng = new Rng(1);
        var (a, wTrue) = (RandomMatrix(rng, 50, 6), new[] { 0.5, -2, 3, 0, 1e-3, 7 });
        var w = LeastSquares.Solve(a, Multiply(a, wTrue));
        for (int j = 0; j < wTrue.Length; j++) Assert.Equal(wTrue[j], w[j], 1e-12);
    }

    [Fact]
    public void Inconsistent_System_LeavesAResidualOrthogonalToEveryColumn()
    {
        // The optimality condition: Aᵀ(b − A·w) = 0.
        var rng = new Rng(2);
        var a = RandomMatrix(rng, 40, 5);
        var b = Enumerable.Range(0, 40).Select(_ => rng.Normal()).ToArray();
        var w = LeastSquares.Solve(a, b);
        var fitted = Multiply(a, w);
        for (int j = 0; j < 5; j++)
        {
            double dot = 0;
            for (int i = 0; i < 40; i++) dot += a[i, j] * (b[i] - fitted[i]);
            Assert.True(Math.Abs(dot) < 1e-12, $"column {j}: Aᵀr = {dot}");
        }
        // ... and QR and the normal equations agree on this well-conditioned problem.
        var normal = LeastSquares.SolveNormalEquations(a, b);
        for (int j = 0; j < 5; j++) Assert.Equal(w[j], normal[j], 1e-12);
    }

    [Fact]
    public void SeveralRightHandSides_EqualSolvingEachColumn()
    {
        var rng = new Rng(3);
        var a = RandomMatrix(rng, 12, 4);
        var b = RandomMatrix(rng, 12, 3);
        var w = LeastSquares.Solve(a, b);
        Assert.Equal(4, w.GetLength(0));
        Assert.Equal(3, w.GetLength(1));
        for (int c = 0; c < 3; c++)
        {
            var column = LeastSquares.Solve(a, Enumerable.Range(0, 12).Select(i => b[i, c]).ToArray());
            for (int j = 0; j < 4; j++) Assert.Equal(column[j], w[j, c], 1e-14);
        }
    }

    [Fact]
    public void IllConditionedMonomials_QrKeepsFarMoreDigitsThanTheNormalEquations()
    {
        // Monomials 1, x, …, x⁸ at 30 points in [0, 1]: cond(A) ≈ 1e6–1e7, so cond(AᵀA) ≈ 1e13 and up.
        // With exact data b = A·wTrue, QR recovers wTrue to about 1e-16·cond(A) relative;
        // the normal equations lose about twice as many digits.
        const int n = 30, p = 9;
        var a = new double[n, p];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < p; j++) a[i, j] = Math.Pow((i + 0.5) / n, j);
        var wTrue = Enumerable.Range(0, p).Select(j => 1.0 + j).ToArray();
        var b = Multiply(a, wTrue);
        double qrError = MaxRelativeError(LeastSquares.Solve(a, b), wTrue);
        double normalError = MaxRelativeError(LeastSquares.SolveNormalEquations(a, b), wTrue);
        Assert.True(qrError < 1e-7, $"QR relative error {qrError}");
        Assert.True(normalError > 100 * qrError, $"normal equations {normalError} vs QR {qrError}");
    }

    [Fact]
    public void RankDeficient_Throws()
    {
        double[,] a = { { 1, 2 }, { 2, 4 }, { 3, 6 } };   // column 1 = 2 × column 0
        var e = Assert.Throws<InvalidOperationException>(() => LeastSquares.Solve(a, new double[] { 1, 2, 3 }));
        Assert.Contains("column 1", e.Message);
        Assert.Throws<InvalidOperationException>(() => LeastSquares.SolveNormalEquations(a, new double[] { 1, 2, 3 }));
    }

    [Fact]
    public void BadShapes_Throw()
    {
        Assert.Throws<ArgumentException>(() => LeastSquares.Solve(new double[3, 2], new double[4]));
        Assert.Throws<ArgumentException>(() => LeastSquares.Solve(new double[2, 3], new double[2]));   // under-determined
        Assert.Throws<ArgumentException>(() => LeastSquares.SolveNormalEquations(new double[3, 2], new double[2]));
    }

    [Fact]
    public void Inputs_AreNotModified()
    {
        double[,] a = { { 1, 0 }, { 1, 1 }, { 1, 2 } };
        double[] b = { 1, 2, 4 };
        var (aCopy, bCopy) = ((double[,])a.Clone(), (double[])b.Clone());
        LeastSquares.Solve(a, b);
        Assert.Equal(aCopy, a);
        Assert.Equal(bCopy, b);
    }

    private static double[,] RandomMatrix(Rng rng, int rows, int cols)
    {
        var m = new double[rows, cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) m[i, j] = rng.Normal();
        return m;
    }

    private static double[] Multiply(double[,] a, double[] w)
    {
        var y = new double[a.GetLength(0)];
        for (int i = 0; i < y.Length; i++)
            for (int j = 0; j < w.Length; j++) y[i] += a[i, j] * w[j];
        return y;
    }

    private static double MaxRelativeError(double[] w, double[] wTrue) =>
        w.Zip(wTrue, (x, t) => Math.Abs(x - t) / Math.Abs(t)).Max();
}
