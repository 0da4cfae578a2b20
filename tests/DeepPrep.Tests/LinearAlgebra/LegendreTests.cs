using DeepPrep.LinearAlgebra;

namespace DeepPrep.Tests.LinearAlgebra;

// Legendre polynomials against their closed forms and known values, orthogonality, and exact polynomial fits.
public sealed class LegendreTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(-0.3)]
    [InlineData(0.0)]
    [InlineData(0.97)]
    public void Values_MatchTheClosedForms(double t)
    {
        var p = Legendre.Values(t, 5);
        Assert.Equal(1, p[0], 1e-15);
        Assert.Equal(t, p[1], 1e-15);
        Assert.Equal((3 * t * t - 1) / 2, p[2], 1e-15);
        Assert.Equal((5 * t * t * t - 3 * t) / 2, p[3], 1e-15);
        Assert.Equal((35 * Math.Pow(t, 4) - 30 * t * t + 3) / 8, p[4], 1e-14);
        Assert.Equal((63 * Math.Pow(t, 5) - 70 * Math.Pow(t, 3) + 15 * t) / 8, p[5], 1e-14);
    }

    [Fact]
    public void KnownValues()
    {
        Assert.Equal(-0.125, Legendre.P(2, 0.5), 1e-15);
        Assert.Equal(-0.4375, Legendre.P(3, 0.5), 1e-15);
        Assert.Equal(0.375, Legendre.P(4, 0), 1e-15);
        Assert.Equal(-63.0 / 256, Legendre.P(10, 0), 1e-15);   // P_2m(0) = (−1)^m (2m)! / (4^m (m!)²)
        for (int k = 0; k <= 12; k++)
        {
            Assert.Equal(1, Legendre.P(k, 1), 1e-13);
            Assert.Equal(k % 2 == 0 ? 1 : -1, Legendre.P(k, -1), 1e-13);
        }
    }

    [Fact]
    public void Polynomials_AreOrthogonalOnMinusOneToOne()
    {
        // ∫ P_m P_k dt = 2/(2k+1) δ_mk, by the midpoint rule with 20 000 cells (error ≈ 1e-8 for these degrees).
        const int cells = 20000, degree = 6;
        var gram = new double[degree + 1, degree + 1];
        for (int c = 0; c < cells; c++)
        {
            var p = Legendre.Values(-1 + (c + 0.5) * 2.0 / cells, degree);
            for (int m = 0; m <= degree; m++)
                for (int k = 0; k <= degree; k++) gram[m, k] += p[m] * p[k] * 2.0 / cells;
        }
        for (int m = 0; m <= degree; m++)
            for (int k = 0; k <= degree; k++)
                Assert.Equal(m == k ? 2.0 / (2 * k + 1) : 0, gram[m, k], 1e-6);
    }

    [Fact]
    public void Design_MapsTheIntervalOntoMinusOneToOne()
    {
        var design = Legendre.Design([0.0, 0.25, 1.0], 2, low: 0, high: 1);   // t = −1, −0.5, 1
        Assert.Equal(3, design.GetLength(0));
        Assert.Equal(3, design.GetLength(1));
        Assert.Equal(-1, design[0, 1], 1e-15);
        Assert.Equal(1, design[0, 2], 1e-15);
        Assert.Equal(-0.5, design[1, 1], 1e-15);
        Assert.Equal(-0.125, design[1, 2], 1e-15);
        Assert.Equal(1, design[2, 2], 1e-15);
    }

    [Fact]
    public void Fit_RecoversAPolynomialOfItsOwnDegreeExactly()
    {
        // y = 2 − x + 3x³ sampled without noise at 10 points of [0, 1]; a degree-3 (and degree-6) fit reproduces it.
        static double Cubic(double x) => 2 - x + 3 * x * x * x;
        var x = Enumerable.Range(0, 10).Select(i => (i + 0.3) / 10).ToArray();
        var y = x.Select(Cubic).ToArray();
        foreach (int degree in new[] { 3, 6 })
        {
            var fit = Legendre.Fit(x, y, degree, low: 0, high: 1);
            Assert.Equal(degree, fit.Degree);
            foreach (double at in new[] { 0.0, 0.37, 0.5, 1.0, 1.2 })
                Assert.Equal(Cubic(at), fit.Evaluate(at), 1e-10);
        }
    }

    [Fact]
    public void Fit_OfALine_IsTheOrdinaryLeastSquaresLine()
    {
        // Same points as the hand-computed line fit: y = 1.5 + x.
        var fit = Legendre.Fit([0.0, 1, 2, 3], [1.0, 3, 4, 4], 1, low: 0, high: 3);
        Assert.Equal(1.5, fit.Evaluate(0), 1e-13);
        Assert.Equal(4.5, fit.Evaluate(3), 1e-13);
        // In the Legendre basis of [0, 3]: the mean level 3 at t = 0 and slope 1.5 per unit of t.
        Assert.Equal(3, fit.Coefficients[0], 1e-13);
        Assert.Equal(1.5, fit.Coefficients[1], 1e-13);
    }

    [Fact]
    public void Evaluate_ManyPoints_MatchesOneByOne()
    {
        var series = new LegendreSeries([0.5, -1, 2], low: 0, high: 2);
        double[] xs = [0, 0.5, 1.7];
        var ys = series.Evaluate(xs);
        for (int i = 0; i < xs.Length; i++) Assert.Equal(series.Evaluate(xs[i]), ys[i]);
        Assert.Equal(0.5 - 1 * 0 + 2 * -0.5, series.Evaluate(1), 1e-15);   // t = 0: P₁ = 0, P₂ = −½
    }

    [Fact]
    public void Evaluate_MatchesTheSumOfCoefficientsTimesValues()
    {
        // The series evaluates by running the recurrence inline; check it against Σ c_k·P_k(t) from Values.
        double[] c = [0.3, -1.2, 0.7, 2.5, -0.4, 0.05, 1.1, -0.9, 0.2, 0.6];
        var series = new LegendreSeries(c, low: 0, high: 1);
        foreach (double x in new[] { 0.0, 0.013, 0.5, 0.77, 1.0, 1.3 })
        {
            var p = Legendre.Values(2 * x - 1, c.Length - 1);
            double expected = c.Select((ck, k) => ck * p[k]).Sum();
            Assert.Equal(expected, series.Evaluate(x), 1e-12);
        }
        Assert.Equal(0.3, new LegendreSeries([0.3]).Evaluate(0.8), 1e-15);   // degree 0: a constant
    }

    [Fact]
    public void BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Legendre.Values(0, -1));
        Assert.Throws<ArgumentException>(() => Legendre.Design([0.5], 2, low: 1, high: 1));
        Assert.Throws<ArgumentException>(() => Legendre.Fit([0.1, 0.2], [1.0], 1));
        Assert.Throws<ArgumentException>(() => Legendre.Fit([0.1, 0.2], [1.0, 2], 3));   // 2 points, 4 unknowns
        Assert.Throws<ArgumentException>(() => new LegendreSeries([]));
    }
}
