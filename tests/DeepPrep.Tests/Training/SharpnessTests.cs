using DeepPrep.Data;
using DeepPrep.Nn;
using DeepPrep.Training;

namespace DeepPrep.Tests.Training;

/// <summary>Sharpness (λmax of the Hessian) against Hessians whose eigenvalues are known in closed form.</summary>
public class SharpnessTests
{
    [Fact]
    public void DiagonalQuadraticGivesItsLargestCurvature()
    {
        // L(w) = ½ Σ λᵢ wᵢ²: the Hessian is diag(λ), so λmax = 3 wherever w is.
        var model = new Linear(3, 1, bias: false, init: Init.Constant(0.7), dtype: DType.Float64);
        var curvatures = Tensor.From([0.5, 3.0, 1.2], 3, 1);
        var estimate = Sharpness.Estimate(model, () => (curvatures * model.Weight.Square()).Sum() * 0.5, iterations: 200, tolerance: 1e-12);
        // Finite differences of a gradient that is exactly linear in w: only rounding (~1e-12) remains.
        Assert.Equal(3.0, estimate.Value, 1e-8);
        Assert.Equal(2.0 / 3.0, estimate.StableLearningRate, 1e-8);
        Assert.Equal(1.0, Math.Abs(estimate.Direction[1]), 1e-6);       // the eigenvector is e₂
    }

    [Fact]
    public void LeastSquaresCurvatureIsTwiceTheInputSecondMoment()
    {
        // L(w) = mean((Xw − y)²) has Hessian (2/N)·XᵀX. X = [[3, 1], [1, 3]]: XᵀX = [[10, 6], [6, 10]],
        // eigenvalues 16 and 4, so λmax = (2/2)·16 = 16.
        foreach (var dtype in new[] { DType.Float64, DType.Float32 })
        {
            var x = Tensor.From([3.0, 1, 1, 3], 2, 2).To(dtype);
            var y = Tensor.From([1.0, -2], 2, 1).To(dtype);
            var model = new Linear(2, 1, bias: false, init: Init.Constant(0.3), dtype: dtype);
            var estimate = Sharpness.Estimate(model, () => Loss.Mse(model.Forward(x), y), iterations: 100, tolerance: 1e-10);
            // float64: rounding only; float32 with ε = 1e-2: rounding of float32 gradients, ~1e-5 relative.
            double tolerance = dtype == DType.Float64 ? 1e-8 : 1e-3;
            Assert.True(Math.Abs(estimate.Value - 16) <= tolerance * 16, $"{dtype.Name()}: λmax = {estimate.Value}");
        }
    }

    [Fact]
    public void SoftmaxRegressionAtZeroMatchesTheKroneckerFormula()
    {
        // At W = 0, b = 0 every prediction is uniform, p = 1/C, so the Hessian of the mean cross-entropy is
        // S ⊗ M with S = diag(p) − ppᵀ = (I − 11ᵀ/C)/C (eigenvalues 1/C and 0) and M = (1/N) Σ x̃x̃ᵀ, x̃ = [x, 1].
        // Eigenvalues of a Kronecker product multiply: λmax = λmax(M) / C.
        var (train, _) = Datasets.DigitsSplit(dtype: DType.Float64);
        var model = new Linear(64, 10, init: Init.Zeros, dtype: DType.Float64);
        var estimate = Sharpness.Estimate(model, train.X, train.Labels!, iterations: 200, tolerance: 1e-12);

        double expected = LargestEigenvalueOfSecondMoment(train.X) / 10;
        Assert.True(Math.Abs(estimate.Value - expected) <= 1e-6 * expected, $"λmax = {estimate.Value}, expected {expected}");
        Assert.InRange(expected, 1.0, 1.3);                                // the notebook 07 number: 2/λmax ≈ 1.75 at the start
    }

    [Fact]
    public void ParametersAreRestoredBitForBitAndGradientsZeroed()
    {
        var rng = new Rng(3);
        var model = Sequential.Mlp([4, 5, 3], Activation.Tanh, Init.GlorotNormal, DType.Float64, rng);
        var x = Tensor.Randn([16, 4], rng, dtype: DType.Float64);
        var labels = Enumerable.Range(0, 16).Select(i => i % 3).ToArray();
        var before = model.Parameters().Select(p => p.ToArray()).ToList();
        model.Train();

        var estimate = Sharpness.Estimate(model, x, labels, iterations: 5);

        var after = model.Parameters().Select(p => p.ToArray()).ToList();
        for (int k = 0; k < before.Count; k++)
            Assert.Equal(before[k].Select(BitConverter.DoubleToInt64Bits), after[k].Select(BitConverter.DoubleToInt64Bits));
        Assert.All(model.Parameters(), p => Assert.All(p.Grad?.ToArray() ?? [], g => Assert.Equal(0.0, g)));
        Assert.True(model.Training);                                       // mode restored
        Assert.Equal(model.ParameterCount, estimate.Direction.Length);
        Assert.Equal(1.0, Math.Sqrt(estimate.Direction.Sum(v => v * v)), 1e-12);
    }

    [Fact]
    public void WarmStartFromTheEigenvectorConvergesAtOnce()
    {
        var x = Tensor.From([3.0, 1, 1, 3], 2, 2);
        var y = Tensor.From([1.0, -2], 2, 1);
        var model = new Linear(2, 1, bias: false, init: Init.Constant(0.3), dtype: DType.Float64);
        Tensor LossFn() => Loss.Mse(model.Forward(x), y);
        var cold = Sharpness.Estimate(model, LossFn, iterations: 100, tolerance: 1e-10);
        var warm = Sharpness.Estimate(model, LossFn, iterations: 100, start: cold.Direction, tolerance: 1e-10);
        Assert.True(warm.Iterations <= 2, $"{warm.Iterations} iterations");
        Assert.Equal(cold.Value, warm.Value, 1e-8);
    }

    [Fact]
    public void NegativeCurvatureOfLargerMagnitudeIsReported()
    {
        // L = ½(w₁² − 4w₂²): eigenvalues 1 and −4. Power iteration returns the larger magnitude, −4 (documented).
        var model = new Linear(2, 1, bias: false, init: Init.Constant(0.1), dtype: DType.Float64);
        var signs = Tensor.From([1.0, -4.0], 2, 1);
        var estimate = Sharpness.Estimate(model, () => (signs * model.Weight.Square()).Sum() * 0.5, iterations: 200, tolerance: 1e-12);
        Assert.Equal(-4.0, estimate.Value, 1e-8);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        var model = new Linear(2, 1, dtype: DType.Float64);
        Tensor LossFn() => model.Weight.Sum();
        Assert.Throws<ArgumentOutOfRangeException>(() => Sharpness.Estimate(model, LossFn, iterations: 0));
        Assert.Throws<ArgumentException>(() => Sharpness.Estimate(model, LossFn, start: new double[5]));
        Assert.Throws<ArgumentException>(() => Sharpness.Estimate(model, () => model.Weight, iterations: 1));
    }

    // Plain power iteration on the 65×65 matrix M = (1/N) Σ x̃x̃ᵀ, x̃ = [x, 1]: an oracle independent of autodiff.
    private static double LargestEigenvalueOfSecondMoment(Tensor x)
    {
        int n = x.Dim(0), d = x.Dim(1) + 1;
        var rows = x.ToArray();
        var m = new double[d, d];
        for (int r = 0; r < n; r++)
            for (int i = 0; i < d; i++)
            {
                double xi = i < d - 1 ? rows[r * (d - 1) + i] : 1;
                for (int j = 0; j < d; j++) m[i, j] += xi * (j < d - 1 ? rows[r * (d - 1) + j] : 1) / n;
            }
        var v = Enumerable.Repeat(1.0, d).ToArray();
        double lambda = 0;
        for (int it = 0; it < 5000; it++)
        {
            var w = new double[d];
            for (int i = 0; i < d; i++)
                for (int j = 0; j < d; j++) w[i] += m[i, j] * v[j];
            double norm = Math.Sqrt(w.Sum(a => a * a));
            lambda = norm;                                  // ‖Mv‖ with ‖v‖ = 1 → λmax (M is positive semi-definite)
            for (int i = 0; i < d; i++) v[i] = w[i] / norm;
        }
        return lambda;
    }
}
