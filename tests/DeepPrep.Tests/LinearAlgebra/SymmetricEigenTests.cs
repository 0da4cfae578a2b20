using DeepPrep.LinearAlgebra;

namespace DeepPrep.Tests.LinearAlgebra;

// The Jacobi eigen-decomposition against its definition (A·v = λ·v, VᵀV = I), hand-computed cases,
// repeated eigenvalues, ordering and sign conventions, and bad input.
public sealed class SymmetricEigenTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(64)]
    public void RandomSymmetric_SatisfiesTheDefinition(int n)
    {
        var a = RandomSymmetric(new Rng((ulong)(100 + n)), n);
        var eig = SymmetricEigen.Decompose(a);
        Assert.Equal(n, eig.Values.Length);
        for (int k = 0; k < n; k++)
        {
            var v = eig.Vector(k);
            var av = Multiply(a, v);
            for (int i = 0; i < n; i++)
                Assert.True(Math.Abs(av[i] - eig.Values[k] * v[i]) < 1e-10, $"n={n}, k={k}, i={i}: A·v − λ·v = {av[i] - eig.Values[k] * v[i]}");
        }
        AssertOrthonormal(eig.Vectors);
        for (int k = 1; k < n; k++) Assert.True(eig.Values[k - 1] >= eig.Values[k], "eigenvalues must be descending");
    }

    [Fact]
    public void RandomSymmetric_ReconstructsFromVDiagVt()
    {
        var a = RandomSymmetric(new Rng(7), 12);
        var eig = SymmetricEigen.Decompose(a);
        for (int i = 0; i < 12; i++)
            for (int j = 0; j < 12; j++)
            {
                double sum = 0;
                for (int k = 0; k < 12; k++) sum += eig.Vectors[i, k] * eig.Values[k] * eig.Vectors[j, k];
                Assert.Equal(a[i, j], sum, 1e-12);
            }
        // Trace = Σλ.
        double trace = 0;
        for (int i = 0; i < 12; i++) trace += a[i, i];
        Assert.Equal(trace, eig.Values.Sum(), 1e-12);
    }

    [Fact]
    public void TwoByTwo_KnownCase()
    {
        // [[2, 1], [1, 2]]: λ = 3 with (1, 1)/√2, λ = 1 with (1, −1)/√2.
        var eig = SymmetricEigen.Decompose(new double[,] { { 2, 1 }, { 1, 2 } });
        Assert.Equal(3, eig.Values[0], 1e-15);
        Assert.Equal(1, eig.Values[1], 1e-15);
        double r = 1 / Math.Sqrt(2);
        Assert.Equal(r, eig.Vectors[0, 0], 1e-15);
        Assert.Equal(r, eig.Vectors[1, 0], 1e-15);
        Assert.Equal(r, Math.Abs(eig.Vectors[0, 1]), 1e-15);
        Assert.Equal(-eig.Vectors[0, 1], eig.Vectors[1, 1], 1e-15);
        Assert.Equal(3, eig.ConditionNumber, 1e-14);
    }

    [Fact]
    public void ThreeByThree_KnownCase()
    {
        // The second-difference matrix tridiag(−1, 2, −1): λₖ = 2 − 2cos(kπ/4) = 2 + √2, 2, 2 − √2,
        // eigenvectors sin(jkπ/4): (1, −√2, 1)/2, (1, 0, −1)/√2, (1, √2, 1)/2.
        var eig = SymmetricEigen.Decompose(new double[,] { { 2, -1, 0 }, { -1, 2, -1 }, { 0, -1, 2 } });
        Assert.Equal(2 + Math.Sqrt(2), eig.Values[0], 1e-14);
        Assert.Equal(2, eig.Values[1], 1e-14);
        Assert.Equal(2 - Math.Sqrt(2), eig.Values[2], 1e-14);
        // Sign convention: the largest-magnitude component is positive (−√2/2 in the first vector → flipped).
        Assert.Equal(-0.5, eig.Vectors[0, 0], 1e-14);
        Assert.Equal(Math.Sqrt(2) / 2, eig.Vectors[1, 0], 1e-14);
        Assert.Equal(0, eig.Vectors[1, 1], 1e-14);
        Assert.Equal(Math.Abs(eig.Vectors[0, 1]), Math.Abs(eig.Vectors[2, 1]), 1e-14);
        Assert.Equal(Math.Sqrt(2) / 2, eig.Vectors[1, 2], 1e-14);
        Assert.Equal((2 + Math.Sqrt(2)) / (2 - Math.Sqrt(2)), eig.ConditionNumber, 1e-12);
    }

    [Fact]
    public void DiagonalMatrix_IsSortedWithoutRotations()
    {
        var eig = SymmetricEigen.Decompose(new double[,] { { 1, 0, 0 }, { 0, 5, 0 }, { 0, 0, -2 } });
        Assert.Equal(new double[] { 5, 1, -2 }, eig.Values);
        Assert.Equal(0, eig.Sweeps);
        Assert.Equal(1, eig.Vectors[1, 0]);
        Assert.Equal(1, eig.Vectors[0, 1]);
        Assert.Equal(1, eig.Vectors[2, 2]);
        Assert.Equal(5, eig.ConditionNumber);            // max|λ| = 5, min|λ| = 1
    }

    [Fact]
    public void RepeatedEigenvalues_GiveAnOrthonormalBasisOfTheEigenspace()
    {
        // A = Q·diag(4, 4, 4, 1, 1)·Qᵀ for a random orthogonal Q: the eigenspaces are 3- and 2-dimensional.
        var q = RandomOrthogonal(new Rng(3), 5);
        double[] lambda = { 4, 4, 4, 1, 1 };
        var a = new double[5, 5];
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 5; j++)
                for (int k = 0; k < 5; k++) a[i, j] += q[i, k] * lambda[k] * q[j, k];
        for (int i = 0; i < 5; i++) for (int j = 0; j < i; j++) a[i, j] = a[j, i];   // exactly symmetric
        var eig = SymmetricEigen.Decompose(a);
        for (int k = 0; k < 5; k++)
        {
            Assert.Equal(lambda[k], eig.Values[k], 1e-12);
            var v = eig.Vector(k);
            var av = Multiply(a, v);
            for (int i = 0; i < 5; i++) Assert.Equal(lambda[k] * v[i], av[i], 1e-12);
        }
        AssertOrthonormal(eig.Vectors);
        // The identity: every vector is an eigenvector; the decomposition is I itself.
        var id = SymmetricEigen.Decompose(new double[,] { { 1, 0 }, { 0, 1 } });
        Assert.Equal(new double[] { 1, 1 }, id.Values);
        AssertOrthonormal(id.Vectors);
    }

    [Fact]
    public void ZeroAndSingular_Matrices()
    {
        var zero = SymmetricEigen.Decompose(new double[3, 3]);
        Assert.All(zero.Values, v => Assert.Equal(0, v));
        AssertOrthonormal(zero.Vectors);
        var singular = SymmetricEigen.Decompose(new double[,] { { 1, 1 }, { 1, 1 } });
        Assert.Equal(2, singular.Values[0], 1e-15);
        Assert.Equal(0, singular.Values[1], 1e-15);
        Assert.True(double.IsPositiveInfinity(singular.ConditionNumber) || singular.ConditionNumber > 1e15);
        Assert.True(double.IsNaN(SymmetricEigen.Decompose(new double[0, 0]).ConditionNumber));
    }

    [Fact]
    public void WidelyScaledEntries_StillAccurate()
    {
        // Eigenvalues 1e6 and 1e-6 with a rotated basis: the small one must keep its relative accuracy.
        double c = Math.Cos(0.3), s = Math.Sin(0.3);
        double big = 1e6, small = 1e-6;
        var a = new double[,] { { big * c * c + small * s * s, (big - small) * c * s },
                                { (big - small) * c * s, big * s * s + small * c * c } };
        var eig = SymmetricEigen.Decompose(a);
        Assert.Equal(big, eig.Values[0], 1e-8);
        Assert.Equal(small, eig.Values[1], 1e-9);
    }

    [Fact]
    public void BadInput_FailsClearly()
    {
        var notSquare = Assert.Throws<ArgumentException>(() => SymmetricEigen.Decompose(new double[2, 3]));
        Assert.Contains("square", notSquare.Message);
        var notSymmetric = Assert.Throws<ArgumentException>(() => SymmetricEigen.Decompose(new double[,] { { 1, 2 }, { 3, 4 } }));
        Assert.Contains("not symmetric", notSymmetric.Message);
        var nan = Assert.Throws<ArgumentException>(() => SymmetricEigen.Decompose(new double[,] { { 1, double.NaN }, { double.NaN, 1 } }));
        Assert.Contains("finite", nan.Message);
        var inf = Assert.Throws<ArgumentException>(() => SymmetricEigen.Decompose(new double[,] { { double.PositiveInfinity } }));
        Assert.Contains("finite", inf.Message);
        Assert.Throws<ArgumentNullException>(() => SymmetricEigen.Decompose(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => SymmetricEigen.Decompose(new double[,] { { 1 } }).Vector(1));
        // Rounding-level asymmetry (as in a covariance computed in floating point) is accepted.
        var nearly = SymmetricEigen.Decompose(new double[,] { { 1, 0.5 }, { 0.5 + 1e-14, 1 } });
        Assert.Equal(1.5, nearly.Values[0], 1e-12);
    }

    internal static double[,] RandomSymmetric(Rng rng, int n)
    {
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++) a[i, j] = a[j, i] = rng.Normal();
        return a;
    }

    private static double[,] RandomOrthogonal(Rng rng, int n)
    {
        // Gram–Schmidt on a random Gaussian matrix's columns.
        var q = new double[n, n];
        for (int j = 0; j < n; j++)
        {
            var col = Enumerable.Range(0, n).Select(_ => rng.Normal()).ToArray();
            for (int p = 0; p < j; p++)
            {
                double dot = 0;
                for (int i = 0; i < n; i++) dot += col[i] * q[i, p];
                for (int i = 0; i < n; i++) col[i] -= dot * q[i, p];
            }
            double norm = Math.Sqrt(col.Sum(x => x * x));
            for (int i = 0; i < n; i++) q[i, j] = col[i] / norm;
        }
        return q;
    }

    private static double[] Multiply(double[,] a, double[] v)
    {
        int n = v.Length;
        var result = new double[n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) result[i] += a[i, j] * v[j];
        return result;
    }

    internal static void AssertOrthonormal(double[,] v)
    {
        int n = v.GetLength(0), m = v.GetLength(1);
        for (int a = 0; a < m; a++)
            for (int b = 0; b < m; b++)
            {
                double dot = 0;
                for (int i = 0; i < n; i++) dot += v[i, a] * v[i, b];
                Assert.True(Math.Abs(dot - (a == b ? 1 : 0)) < 1e-12, $"columns {a}, {b}: dot = {dot}");
            }
    }
}
