namespace DeepPrep.Data;

/// <summary>
/// Standardisation (z-score): z = (x − μ) / σ with μ the mean and σ the standard deviation of each feature
/// over the training data. The training data gets mean 0 and standard deviation 1 in every feature.
/// </summary>
/// <remarks>
/// σ is the population standard deviation, σ² = (1/n)·Σ(x − μ)² (dividing by n, as NumPy and
/// scikit-learn do), so the transformed training data has exactly sd 1 by that same definition.
/// Computed in two passes (mean first, then squared deviations), which avoids the cancellation of
/// the one-pass formula E[x²] − E[x]² when the mean is large compared with the spread.
/// </remarks>
public sealed class StandardScaler : FeatureScaler
{
    /// <summary>Each feature's training mean μ.</summary>
    public IReadOnlyList<double> Mean => Shift;

    /// <summary>Each feature's training standard deviation σ (1 for a constant feature, see <see cref="FeatureScaler"/>).</summary>
    public IReadOnlyList<double> StandardDeviation => Scale;

    protected override (double Shift, double Scale) FitFeature(double[] column)
    {
        double mean = column.Average();
        double sumOfSquares = 0;
        foreach (double value in column) sumOfSquares += (value - mean) * (value - mean);
        return (mean, Math.Sqrt(sumOfSquares / column.Length));
    }
}
