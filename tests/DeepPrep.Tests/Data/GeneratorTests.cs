using DeepPrep.Data;

namespace DeepPrep.Tests.Data;

// Shapes, labels and statistics of the synthetic generators. Statistical tolerances are about five
// standard errors of the estimate (stated at each check), so a correct generator passes for any seed;
// the seeds are fixed anyway, so the tests are deterministic. Noise-free variants are checked exactly.
public class GeneratorTests
{
    private const DType F64 = DType.Float64;

    [Fact]
    public void Blobs_MeansAndSpreadMatchCentresAndSigma()
    {
        double[][] centres = [[0, 0, 0], [5, -3, 1], [-2, 4, 10]];
        var data = Datasets.Blobs(30_000, centres, sigma: 0.5, rng: new Rng(1), dtype: F64);
        Assert.Equal([30_000, 3], data.X.Shape);
        Assert.Equal(3, data.ClassCount);
        Assert.Equal([10_000, 10_000, 10_000], data.ClassCounts());
        for (int c = 0; c < 3; c++)
            for (int j = 0; j < 3; j++)
            {
                var column = Stats.Column(data, j, c);
                // standard error of the mean: 0.5/√10000 = 0.005; of the sd: 0.5/√20000 ≈ 0.0035
                Assert.InRange(Stats.Mean(column) - centres[c][j], -0.025, 0.025);
                Assert.InRange(Stats.Sd(column), 0.48, 0.52);
            }
    }

    [Fact]
    public void Blobs_CircleCentresAreEvenlySpaced()
    {
        var data = Datasets.Blobs(4, classCount: 4, sigma: 0, radius: 2, rng: new Rng(1), dtype: F64);
        Assert.Equal([0, 1, 2, 3], data.Labels!);
        double[] expected = [2, 0, 0, 2, -2, 0, 0, -2];
        var actual = data.X.ToArray();
        for (int k = 0; k < 8; k++) Assert.Equal(expected[k], actual[k], 1e-12);
    }

    [Fact]
    public void Blobs_UnevenCountIsBalancedWithinOne()
    {
        var data = Datasets.Blobs(10, classCount: 3, rng: new Rng(1), dtype: F64);
        Assert.Equal([4, 3, 3], data.ClassCounts());
        Assert.Equal([2, 2, 2], Datasets.Blobs(7, classCount: 3, rng: new Rng(1), dtype: F64).Take(6).ClassCounts());
    }

    [Fact]
    public void XorBlobs_LabelIsSignOfProductAndBlobsSitAtCorners()
    {
        var data = Datasets.XorBlobs(4_000, sigma: 0.3, rng: new Rng(2), dtype: F64);
        Assert.Equal([4_000, 2], data.X.Shape);
        var x1 = Stats.Column(data, 0);
        var x2 = Stats.Column(data, 1);
        for (int i = 0; i < data.Count; i++)
            Assert.Equal(x1[i] * x2[i] > 0 ? 1 : 0, data.Labels![i]);
        // Blob b = i mod 4 has centre (1,1), (−1,1), (−1,−1), (1,−1); SE of a blob mean: 0.3/√1000 ≈ 0.0095.
        double[][] centres = [[1, 1], [-1, 1], [-1, -1], [1, -1]];
        for (int b = 0; b < 4; b++)
        {
            var rows = Enumerable.Range(0, data.Count).Where(i => i % 4 == b).ToArray();
            Assert.InRange(rows.Average(i => x1[i]) - centres[b][0], -0.05, 0.05);
            Assert.InRange(rows.Average(i => x2[i]) - centres[b][1], -0.05, 0.05);
        }
        // Only points that cross an axis (P ≈ 0.09% at σ = 0.3) change class: ≈ 2,000 of each.
        Assert.InRange(data.ClassCounts()[1], 1_980, 2_020);
    }

    [Fact]
    public void Circles_NoiseFreePointsLieOnTheRings()
    {
        var data = Datasets.Circles(1_000, noise: 0, innerRadius: 1, outerRadius: 2, rng: new Rng(3), dtype: F64);
        Assert.Equal([1_000, 2], data.X.Shape);
        Assert.Equal([500, 500], data.ClassCounts());
        var x1 = Stats.Column(data, 0);
        var x2 = Stats.Column(data, 1);
        for (int i = 0; i < data.Count; i++)
            Assert.Equal(data.Labels![i] == 0 ? 1.0 : 2.0, Math.Sqrt(x1[i] * x1[i] + x2[i] * x2[i]), 1e-12);
    }

    [Fact]
    public void Circles_AnglesAreUniformAndNoiseHasTheRightSize()
    {
        var data = Datasets.Circles(20_000, noise: 0.15, rng: new Rng(4), dtype: F64);
        var x1 = Stats.Column(data, 0);
        var x2 = Stats.Column(data, 1);
        // Uniform angle: E[x] = 0 on both axes; SE ≈ 1.6/√20000 ≈ 0.011.
        Assert.InRange(Stats.Mean(x1), -0.055, 0.055);
        Assert.InRange(Stats.Mean(x2), -0.055, 0.055);
        // Distance from the ring, projected on the radial direction, is N(0, 0.15²); SE of its sd ≈ 0.001.
        var radial = Enumerable.Range(0, data.Count)
            .Select(i => Math.Sqrt(x1[i] * x1[i] + x2[i] * x2[i]) - (data.Labels![i] == 0 ? 1 : 2)).ToArray();
        Assert.InRange(Stats.Sd(radial), 0.14, 0.16);
    }

    [Fact]
    public void Moons_NoiseFreePointsLieOnTheirArcs()
    {
        var data = Datasets.Moons(1_000, noise: 0, rng: new Rng(5), dtype: F64);
        Assert.Equal([500, 500], data.ClassCounts());
        var x1 = Stats.Column(data, 0);
        var x2 = Stats.Column(data, 1);
        for (int i = 0; i < data.Count; i++)
        {
            if (data.Labels![i] == 0)
            {
                Assert.Equal(1.0, x1[i] * x1[i] + x2[i] * x2[i], 1e-12); // upper unit semicircle
                Assert.True(x2[i] >= 0);
            }
            else
            {
                Assert.Equal(1.0, (x1[i] - 1) * (x1[i] - 1) + (x2[i] - 0.5) * (x2[i] - 0.5), 1e-12); // lower arc around (1, ½)
                Assert.True(x2[i] <= 0.5);
            }
        }
    }

    [Fact]
    public void Moons_NoiseSpreadsPointsAroundTheArcs()
    {
        var data = Datasets.Moons(20_000, noise: 0.1, rng: new Rng(6), dtype: F64);
        // Distance from each arc's circle (centre (0, 0) for class 0, (1, ½) for class 1) is ≈ the radial
        // component of the noise, N(0, 0.1²); SE of its sd over 10,000 points ≈ 0.0007.
        double[][] centres = [[0, 0], [1, 0.5]];
        for (int c = 0; c < 2; c++)
        {
            var x1 = Stats.Column(data, 0, c);
            var x2 = Stats.Column(data, 1, c);
            var radial = x1.Zip(x2, (a, b) => Math.Sqrt((a - centres[c][0]) * (a - centres[c][0]) + (b - centres[c][1]) * (b - centres[c][1])) - 1).ToArray();
            Assert.InRange(Stats.Mean(radial), -0.015, 0.015); // bias ≈ σ²/2r = 0.005 from the curvature
            Assert.InRange(Stats.Sd(radial), 0.095, 0.105);
        }
    }

    [Fact]
    public void Spirals_NoiseFreePointsFollowTheirArm()
    {
        const int arms = 3;
        const double turns = 1.5;
        var data = Datasets.Spirals(300, arms, noise: 0, turns: turns, rng: new Rng(7), dtype: F64);
        Assert.Equal([300, 2], data.X.Shape);
        Assert.Equal([100, 100, 100], data.ClassCounts());
        var x1 = Stats.Column(data, 0);
        var x2 = Stats.Column(data, 1);
        for (int i = 0; i < data.Count; i++)
        {
            double r = Math.Sqrt(x1[i] * x1[i] + x2[i] * x2[i]);
            Assert.InRange(r, 0, 1);
            double phi = 2 * Math.PI * (turns * r + (double)data.Labels![i] / arms);
            Assert.Equal(r * Math.Cos(phi), x1[i], 1e-12);
            Assert.Equal(r * Math.Sin(phi), x2[i], 1e-12);
        }
    }

    [Theory]
    [InlineData(XSampling.Grid)]
    [InlineData(XSampling.JitteredGrid)]
    [InlineData(XSampling.Uniform)]
    public void Regression1D_PlacesInputsAsAsked(XSampling sampling)
    {
        const int n = 50;
        var data = Datasets.Regression1D(x => 3 * x, n, sigma: 0, sampling, low: 2, high: 4, rng: new Rng(8), dtype: F64);
        Assert.Equal([n, 1], data.X.Shape);
        Assert.Equal([n, 1], data.Targets!.Shape);
        Assert.Null(data.Labels);
        var x = data.X.ToArray();
        var y = data.Targets.ToArray();
        double h = 2.0 / n;
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(3 * x[i], y[i], 1e-12); // σ = 0: y = f(x) exactly
            switch (sampling)
            {
                case XSampling.Grid: Assert.Equal(2 + (i + 0.5) * h, x[i], 1e-12); break;
                case XSampling.JitteredGrid: Assert.InRange(x[i], 2 + i * h, 2 + (i + 1) * h); break;
                default: Assert.InRange(x[i], 2, 4); break;
            }
        }
        if (sampling == XSampling.Uniform) Assert.False(x.SequenceEqual(x.OrderBy(v => v)), "uniform draws should not come out sorted");
    }

    [Fact]
    public void NoisySine_ResidualsHaveMeanZeroAndSdSigma()
    {
        var data = Datasets.NoisySine(20_000, sigma: 0.3, rng: new Rng(9), dtype: F64);
        Assert.Equal("noisy-sine", data.Name);
        var x = data.X.ToArray();
        var y = data.Targets!.ToArray();
        var residuals = x.Zip(y, (xi, yi) => yi - Math.Sin(2 * Math.PI * xi)).ToArray();
        // SE of the mean 0.3/√20000 ≈ 0.0021; of the sd ≈ 0.0015.
        Assert.InRange(Stats.Mean(residuals), -0.011, 0.011);
        Assert.InRange(Stats.Sd(residuals), 0.29, 0.31);
        Assert.InRange(x.Min(), 0, 0.01);
        Assert.InRange(x.Max(), 0.99, 1);
        Assert.Equal(Math.Sin(2 * Math.PI * 0.25), Datasets.SinTwoPi(0.25), 15);
    }

    [Fact]
    public void Gaussian1D_HasTheRequestedMeanAndSd()
    {
        var data = Datasets.Gaussian1D(20_000, mean: 3, sd: 0.5, rng: new Rng(10), dtype: F64);
        Assert.Equal([20_000, 1], data.X.Shape);
        var x = data.X.ToArray();
        Assert.InRange(Stats.Mean(x), 3 - 0.018, 3 + 0.018); // SE 0.0035
        Assert.InRange(Stats.Sd(x), 0.49, 0.51);            // SE 0.0025
    }

    [Fact]
    public void Gaussian2D_HasTheRequestedMeansSdsAndCorrelation()
    {
        var data = Datasets.Gaussian2D(20_000, [5, 500], [1, 100], correlation: -0.6, rng: new Rng(11), dtype: F64);
        var a = Stats.Column(data, 0);
        var b = Stats.Column(data, 1);
        Assert.InRange(Stats.Mean(a), 5 - 0.036, 5 + 0.036);       // SE 0.007
        Assert.InRange(Stats.Mean(b), 500 - 3.6, 500 + 3.6);       // SE 0.7
        Assert.InRange(Stats.Sd(a), 0.975, 1.025);                 // SE 0.005
        Assert.InRange(Stats.Sd(b), 97.5, 102.5);
        double correlation = Stats.Covariance(a, b) / (Stats.Sd(a) * Stats.Sd(b));
        Assert.InRange(correlation, -0.62, -0.58);                 // SE (1 − ρ²)/√n ≈ 0.0045
        Assert.Throws<ArgumentOutOfRangeException>(() => Datasets.Gaussian2D(10, [0, 0], [1, 1], correlation: 1));
    }

    [Fact]
    public void Gaussian_GeneralCovarianceIsReproduced()
    {
        double[,] sigma = { { 4, 1, 0.5 }, { 1, 2, -0.3 }, { 0.5, -0.3, 1 } };
        var data = Datasets.Gaussian(40_000, [1, -1, 0], sigma, new Rng(12), F64);
        Assert.Equal([40_000, 3], data.X.Shape);
        var columns = Enumerable.Range(0, 3).Select(j => Stats.Column(data, j)).ToArray();
        // SE of a covariance entry ≈ √((Σii·Σjj + Σij²)/n) ≤ √(17/40000) ≈ 0.021.
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                Assert.InRange(Stats.Covariance(columns[i], columns[j]) - sigma[i, j], -0.1, 0.1);
    }

    [Fact]
    public void Gaussian_RejectsBadCovariances()
    {
        var notPd = Assert.Throws<ArgumentException>(() => Datasets.Gaussian(10, [0, 0], new double[,] { { 1, 2 }, { 2, 1 } }, new Rng(0), F64));
        Assert.Contains("not positive definite", notPd.Message);
        var asym = Assert.Throws<ArgumentException>(() => Datasets.Gaussian(10, [0, 0], new double[,] { { 1, 0.5 }, { 0, 1 } }, new Rng(0), F64));
        Assert.Contains("symmetric", asym.Message);
        var size = Assert.Throws<ArgumentException>(() => Datasets.Gaussian(10, [0, 0, 0], new double[,] { { 1, 0 }, { 0, 1 } }, new Rng(0), F64));
        Assert.Contains("3 × 3", size.Message);
    }

    [Fact]
    public void GaussianMixture1D_ComponentsFollowTheWeights()
    {
        var data = Datasets.GaussianMixture1D(20_000, [1, 3], [-2, 2], [0.5, 0.25], new Rng(13), F64);
        Assert.Equal(2, data.ClassCount);
        // P(component 1) = 0.75; SE of the fraction √(0.75·0.25/20000) ≈ 0.003.
        Assert.InRange(data.ClassCounts()[1] / 20_000.0, 0.735, 0.765);
        var x = data.X.ToArray();
        var first = x.Where((_, i) => data.Labels![i] == 0).ToArray();
        var second = x.Where((_, i) => data.Labels![i] == 1).ToArray();
        Assert.InRange(Stats.Mean(first), -2.02, -1.98);  // SE 0.5/√5000 ≈ 0.007
        Assert.InRange(Stats.Sd(first), 0.485, 0.515);
        Assert.InRange(Stats.Mean(second), 1.99, 2.01);   // SE 0.25/√15000 ≈ 0.002
        Assert.InRange(Stats.Sd(second), 0.243, 0.257);
    }

    [Fact]
    public void GaussianMixture_ComponentsHaveTheirMeans()
    {
        var identity = new double[,] { { 1, 0 }, { 0, 1 } };
        var data = Datasets.GaussianMixture(10_000, [0.2, 0.3, 0.5], [[0, 0], [5, 5], [-5, 5]], [identity, identity, identity], new Rng(14), F64);
        Assert.Equal([10_000, 2], data.X.Shape);
        var counts = data.ClassCounts();
        double[] weights = [0.2, 0.3, 0.5];
        double[][] means = [[0, 0], [5, 5], [-5, 5]];
        for (int c = 0; c < 3; c++)
        {
            Assert.InRange(counts[c] / 10_000.0 - weights[c], -0.025, 0.025); // SE ≤ 0.005
            for (int j = 0; j < 2; j++)
                Assert.InRange(Stats.Mean(Stats.Column(data, j, c)) - means[c][j], -0.07, 0.07); // SE ≤ 1/√2000 ≈ 0.022
        }
        Assert.Throws<ArgumentException>(() => Datasets.GaussianMixture1D(10, [1, -1], [0, 0], [1, 1], new Rng(0)));
        Assert.Throws<ArgumentException>(() => Datasets.GaussianMixture1D(10, [1, 1], [0], [1, 1], new Rng(0)));
    }

    [Fact]
    public void Diag10_LabelIsSignOfTheSumAndClassesAreBalanced()
    {
        var data = Datasets.Diag10(10_000, rng: new Rng(15), dtype: F64);
        Assert.Equal([10_000, 10], data.X.Shape);
        Assert.Equal("diag10", data.Name);
        var x = data.X.ToArray();
        for (int i = 0; i < data.Count; i++)
            Assert.Equal(x.Skip(i * 10).Take(10).Sum() > 0 ? 1 : 0, data.Labels![i]);
        Assert.InRange(data.ClassCounts()[1], 4_750, 5_250); // SE 50
        var column = Stats.Column(data, 3);
        Assert.InRange(Stats.Mean(column), -0.05, 0.05);    // SE 0.01
        Assert.InRange(Stats.Sd(column), 0.97, 1.03);
    }

    [Fact]
    public void Generators_RejectBadArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Datasets.Moons(-1, rng: new Rng(0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Datasets.Circles(10, noise: -0.1, rng: new Rng(0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Datasets.Spirals(10, arms: 0, rng: new Rng(0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Datasets.Blobs(10, classCount: 0, rng: new Rng(0)));
        Assert.Throws<ArgumentException>(() => Datasets.Blobs(10, [[0.0, 0], [1.0]], rng: new Rng(0)));
        Assert.Throws<ArgumentException>(() => Datasets.Regression1D(x => x, 10, 0.1, low: 1, high: 1, rng: new Rng(0)));
        Assert.Equal(0, Datasets.Moons(0, rng: new Rng(0), dtype: F64).Count);
    }
}
