namespace DeepPrep.Data;

/// <summary>
/// Ready-made data sets: seeded synthetic generators and loaders for the real data in the repository's
/// <c>datasets/</c> folder. Each generator lives in its own file: Datasets.Blobs.cs, Datasets.Curves.cs,
/// Datasets.Regression.cs, Datasets.Gaussians.cs, Datasets.Diag10.cs, Datasets.Digits.cs,
/// Datasets.FashionMnist.cs.
/// </summary>
/// <remarks>
/// Conventions shared by every generator:
/// <list type="bullet">
/// <item><description>Randomness comes from <c>rng</c>; when none is given, from <c>Seed.Global.Data</c>,
/// the data stream of the global seed. So <c>Seed.Set(3)</c> fixes the data without touching the
/// initial weights (<c>Seed.Global.Init</c>), and vice versa. Drawing from the global stream advances it:
/// two calls in a row give two different samples, the same two every time the notebook runs.</description></item>
/// <item><description>Values are computed in double and stored as <c>dtype</c> (default <see cref="Tensor.DefaultDType"/>).</description></item>
/// <item><description>Where the class is chosen rather than computed, example i gets class i mod k, so
/// classes are balanced (counts differ by at most one) and stay balanced in any prefix (<see cref="Dataset.Take"/>).</description></item>
/// <item><description>n is the total number of examples, not the number per class.</description></item>
/// </list>
/// </remarks>
public static partial class Datasets
{
    private static Rng DataRng(Rng? rng) => rng ?? Seed.Global.Data;

    /// <summary>A [rows, cols] tensor from row-major doubles, stored as <paramref name="dtype"/> (default: the default dtype).</summary>
    private static Tensor Matrix(double[] values, int rows, int cols, DType? dtype) =>
        Tensor.From(values, rows, cols).To(dtype ?? Tensor.DefaultDType);

    private static void CheckCount(int n, string generator)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), $"{generator}: the number of examples must be non-negative, got {n}.");
    }

    private static void CheckNonNegative(double value, string parameter, string generator)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(parameter, $"{generator}: {parameter} must be a finite number ≥ 0, got {value}.");
    }

    /// <summary>Labels 0, 1, …, k-1, 0, 1, …: example i gets class i mod k.</summary>
    private static int[] RoundRobinLabels(int n, int classCount)
    {
        var labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = i % classCount;
        return labels;
    }
}
