namespace DeepPrep.Data;

/// <summary>
/// Min-max scaling: z = (x − min) / (max − min), with min and max of each feature taken over the training
/// data. The training data lands exactly in [0, 1]; new data can fall outside.
/// </summary>
/// <remarks>
/// Sensitive to outliers: one extreme value squeezes every other value of that feature towards 0 or 1.
/// Rescaling by a constant (x / k) is not min-max scaling; it is the special case min = 0, max = k.
/// </remarks>
public sealed class MinMaxScaler : FeatureScaler
{
    /// <summary>Each feature's training minimum.</summary>
    public IReadOnlyList<double> Min => Shift;

    /// <summary>Each feature's training maximum.</summary>
    public IReadOnlyList<double> Max => Shift.Zip(Scale, (min, range) => min + range).ToArray();

    protected override (double Shift, double Scale) FitFeature(double[] column)
    {
        double min = column.Min(), max = column.Max();
        return (min, max - min);
    }
}
