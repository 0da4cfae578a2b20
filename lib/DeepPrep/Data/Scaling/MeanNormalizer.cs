namespace DeepPrep.Data;

/// <summary>
/// Mean normalisation: z = (x − mean) / (max − min), per feature over the training data. The training
/// data is centred (mean exactly 0) and spans a range of exactly 1, so it lies within [−1, 1].
/// </summary>
/// <remarks>
/// Centring like <see cref="StandardScaler"/>, range like <see cref="MinMaxScaler"/>. The name has nothing
/// to do with database normalisation: no data is removed.
/// </remarks>
public sealed class MeanNormalizer : FeatureScaler
{
    /// <summary>Each feature's training mean.</summary>
    public IReadOnlyList<double> Mean => Shift;

    protected override (double Shift, double Scale) FitFeature(double[] column) =>
        (column.Average(), column.Max() - column.Min());
}
