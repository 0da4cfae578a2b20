using DeepPrep.LinearAlgebra;

namespace DeepPrep.Tests.LinearAlgebra;

// PCA: exact reconstruction with every component, variance ordering and totals, the known answer for
// data on a line, the Eckart–Young error of a truncation, tensor overloads and bad input.
public sealed class PcaTests
{
    [Fact]
    public void AllComponents_ReconstructExactly()
    {
        var x = CorrelatedData(new Rng(1), 200, 9);
        var pca = Pca.Fit(x);
        Assert.Equal(9, pca.ComponentCount);
        var back = pca.InverseTransform(pca.Transform(x));
        for (int i = 0; i < 200; i++)
            for (int j = 0; j < 9; j++) Assert.Equal(x[i, j], back[i, j], 1e-11);
    }

    [Fact]
    public void Variances_AreDescending_AndSumToTheTotalVariance()
    {
        var x = CorrelatedData(new Rng(2), 300, 6);
        var pca = Pca.Fit(x);
        for (int k = 1; k < 6; k++) Assert.True(pca.ExplainedVariance[k - 1] >= pca.ExplainedVariance[k]);
        double total = 0;
        for (int j = 0; j < 6; j++) total += SampleVariance(x, j);
        Assert.Equal(total, pca.ExplainedVariance.Sum(), 1e-10);
        Assert.Equal(1, pca.ExplainedVarianceRatio.Sum(), 1e-12);
        // The variance of the codes along component k is λₖ, and different codes are uncorrelated.
        var z = pca.Transform(x);
        for (int k = 0; k < 6; k++) Assert.Equal(pca.ExplainedVariance[k], SampleVariance(z, k), 1e-10);
        SymmetricEigenTests.AssertOrthonormal(Transpose(pca.Components));
    }

    [Fact]
    public void PointsOnALine_HaveOneComponent()
    {
        // x = (1, 2) + t·(3, 4)/5: all variance along (0.6, 0.8).
        double[] t = { -2, -1, 0, 1, 2.5 };
        var x = new double[t.Length, 2];
        for (int i = 0; i < t.Length; i++) (x[i, 0], x[i, 1]) = (1 + 0.6 * t[i], 2 + 0.8 * t[i]);
        var pca = Pca.Fit(x, components: 1);
        Assert.Equal(0.6, pca.Components[0, 0], 1e-14);
        Assert.Equal(0.8, pca.Components[0, 1], 1e-14);
        double mean = t.Average();
        Assert.Equal(t.Sum(v => (v - mean) * (v - mean)) / (t.Length - 1), pca.ExplainedVariance[0], 1e-13);
        Assert.Equal(0, pca.AllVariances[1], 1e-14);
        Assert.Equal(1, pca.ExplainedVarianceRatio[0], 1e-13);
        var back = pca.InverseTransform(pca.Transform(x));
        for (int i = 0; i < t.Length; i++) { Assert.Equal(x[i, 0], back[i, 0], 1e-14); Assert.Equal(x[i, 1], back[i, 1], 1e-14); }
    }

    [Fact]
    public void Truncation_LeavesTheDiscardedVarianceAsError()
    {
        // Training reconstruction error per row = Σ_{j≥k} λⱼ·(n − 1)/n (Eckart–Young).
        int n = 250, d = 8;
        var x = CorrelatedData(new Rng(3), n, d);
        var full = Pca.Fit(x);
        foreach (int k in new[] { 0, 1, 3, 7 })
        {
            var pca = full.WithComponents(k);
            Assert.Equal(k, pca.ComponentCount);
            var back = pca.InverseTransform(pca.Transform(x));
            double sq = 0;
            for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) sq += (x[i, j] - back[i, j]) * (x[i, j] - back[i, j]);
            double expected = full.AllVariances.Skip(k).Sum() * (n - 1) / n;
            Assert.Equal(expected, sq / n, 1e-10);
        }
        // Fitting with k components directly gives the same components as truncating.
        var direct = Pca.Fit(x, components: 3);
        var truncated = full.WithComponents(3);
        for (int c = 0; c < 3; c++) for (int j = 0; j < d; j++) Assert.Equal(truncated.Components[c, j], direct.Components[c, j], 1e-14);
    }

    [Fact]
    public void TensorOverloads_AgreeWithArrays()
    {
        var x = CorrelatedData(new Rng(4), 50, 4);
        var pca = Pca.Fit(Tensor.From(x), components: 2);
        var z = pca.Transform(Tensor.From(x));
        Assert.Equal(new[] { 50, 2 }, z.Shape);
        var zArray = pca.Transform(x);
        for (int i = 0; i < 50; i++) for (int c = 0; c < 2; c++) Assert.Equal(zArray[i, c], z[i, c], 1e-15);
        var back = pca.Reconstruct(Tensor.From(x));
        Assert.Equal(new[] { 50, 4 }, back.Shape);
        var backArray = pca.InverseTransform(zArray);
        for (int i = 0; i < 50; i++) for (int j = 0; j < 4; j++) Assert.Equal(backArray[i, j], back[i, j], 1e-14);
        // float32 input is fitted in float64.
        var f32 = Pca.Fit(Tensor.From(x).To(DType.Float32), components: 2);
        Assert.Equal(pca.ExplainedVariance[0], f32.ExplainedVariance[0], 1e-5 * pca.ExplainedVariance[0]);
    }

    [Fact]
    public void BadInput_FailsClearly()
    {
        Assert.Contains("2 rows", Assert.Throws<ArgumentException>(() => Pca.Fit(new double[1, 3])).Message);
        Assert.Throws<ArgumentException>(() => Pca.Fit(new double[5, 0]));
        Assert.Throws<ArgumentException>(() => Pca.Fit(new double[5, 3], components: 4));
        Assert.Throws<ArgumentException>(() => Pca.Fit(new double[,] { { 1, double.NaN }, { 2, 3 } }));
        var pca = Pca.Fit(new double[,] { { 1, 2 }, { 3, 5 }, { 0, 1 } }, components: 1);
        Assert.Throws<ArgumentException>(() => pca.Transform(new double[2, 3]));
        Assert.Throws<ArgumentException>(() => pca.InverseTransform(new double[2, 2]));
        Assert.Throws<ArgumentException>(() => pca.WithComponents(3));
        Assert.Throws<ArgumentException>(() => Pca.Fit(Tensor.Zeros(3, 2, 2)));
    }

    // Rows x = z·M with z ~ N(0, I) and a random mixing M: correlated features with distinct variances.
    private static double[,] CorrelatedData(Rng rng, int n, int d)
    {
        var m = new double[d, d];
        for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) m[a, b] = rng.Normal() * (a + 1);
        var x = new double[n, d];
        for (int i = 0; i < n; i++)
        {
            var z = Enumerable.Range(0, d).Select(_ => rng.Normal()).ToArray();
            for (int j = 0; j < d; j++)
            {
                x[i, j] = 3 * j;                             // a non-zero mean
                for (int a = 0; a < d; a++) x[i, j] += z[a] * m[a, j];
            }
        }
        return x;
    }

    private static double SampleVariance(double[,] x, int column)
    {
        int n = x.GetLength(0);
        double mean = 0;
        for (int i = 0; i < n; i++) mean += x[i, column] / n;
        double sum = 0;
        for (int i = 0; i < n; i++) sum += (x[i, column] - mean) * (x[i, column] - mean);
        return sum / (n - 1);
    }

    private static double[,] Transpose(double[,] a)
    {
        var t = new double[a.GetLength(1), a.GetLength(0)];
        for (int i = 0; i < a.GetLength(0); i++) for (int j = 0; j < a.GetLength(1); j++) t[j, i] = a[i, j];
        return t;
    }
}
