namespace DeepPrep.Data;

/// <summary>
/// Feature scaling: a separate affine map per feature, z = (x − shift) / scale, whose two numbers are
/// fitted on the training data. Min-max, mean normalisation and z-score differ only in the choice of
/// shift and scale (see <see cref="MinMaxScaler"/>, <see cref="MeanNormalizer"/>, <see cref="StandardScaler"/>).
/// </summary>
/// <remarks>
/// Usage: fit on the training set only, then apply the same map to every split, so no statistic of the
/// test set leaks into training:
/// <code>
/// var scaler = new StandardScaler();
/// scaler.Fit(train.X);
/// train = scaler.Transform(train);
/// test = scaler.Transform(test);
/// </code>
/// Shapes: X is [n, …]; each position in the trailing dimensions is one feature (a pixel of an image is
/// a feature), so a fitted scaler holds F = (product of the trailing dimensions) shifts and scales.
/// <para>
/// Scaling is invertible and removes nothing: <see cref="InverseTransform"/> gives the original values
/// back up to rounding (within 1e-12 of the value's size in float64). What it changes is the conditioning of the loss, and
/// so how fast gradient descent converges (curriculum X8).
/// </para>
/// <para>
/// A constant feature (all training values equal) has a spread of 0, and dividing by it would give NaN.
/// Such a feature gets scale = 1 instead, so it becomes x − shift: exactly 0 on the training data, and
/// still exactly invertible.
/// </para>
/// The arithmetic is done in double; results keep the input's dtype.
/// </remarks>
public abstract class FeatureScaler
{
    private double[]? shift;
    private double[]? scale;
    private int[]? featureShape;

    /// <summary>True once <see cref="Fit"/> has been called.</summary>
    public bool IsFitted => shift != null;

    /// <summary>What is subtracted from each feature (length F).</summary>
    public IReadOnlyList<double> Shift => shift ?? throw NotFitted();

    /// <summary>What each feature is divided by after the shift (length F); never 0.</summary>
    public IReadOnlyList<double> Scale => scale ?? throw NotFitted();

    /// <summary>The shape of one example the scaler was fitted on (X's shape without the first dimension).</summary>
    public IReadOnlyList<int> FeatureShape => featureShape ?? throw NotFitted();

    /// <summary>
    /// The statistics of one feature: given all n training values of that feature, its shift and scale.
    /// A scale of 0 (constant feature) is replaced by 1 in <see cref="Fit"/>.
    /// </summary>
    protected abstract (double Shift, double Scale) FitFeature(double[] column);

    /// <summary>Computes each feature's shift and scale from training data X [n, …] (n ≥ 1). Returns this scaler.</summary>
    public FeatureScaler Fit(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank == 0 || x.Shape[0] == 0)
            throw new ArgumentException($"{GetType().Name}.Fit: needs at least one example, got shape {Shapes.Format(x.Shape)}.", nameof(x));
        int n = x.Shape[0], features = x.Size / n;
        double[] values = x.ToArray(); // row-major: feature j of example i is values[i·F + j]
        var newShift = new double[features];
        var newScale = new double[features];
        var column = new double[n];
        for (int j = 0; j < features; j++)
        {
            for (int i = 0; i < n; i++) column[i] = values[i * features + j];
            var (s, c) = FitFeature(column);
            newShift[j] = s;
            newScale[j] = c == 0 ? 1 : c; // constant feature: see the remarks
        }
        shift = newShift;
        scale = newScale;
        featureShape = x.Shape.Skip(1).ToArray();
        return this;
    }

    /// <summary>z = (x − shift) / scale, feature by feature. X must have the shape of one example the scaler was fitted on.</summary>
    public Tensor Transform(Tensor x) => Apply(x, inverse: false);

    /// <summary>x = z · scale + shift: undoes <see cref="Transform(Tensor)"/>.</summary>
    public Tensor InverseTransform(Tensor z) => Apply(z, inverse: true);

    /// <summary><see cref="Fit"/> then <see cref="Transform(Tensor)"/> on the same data.</summary>
    public Tensor FitTransform(Tensor x) => Fit(x).Transform(x);

    /// <summary>The data set with its features transformed; labels and targets unchanged.</summary>
    public Dataset Transform(Dataset data) => data.WithX(Transform(data.X));

    private Tensor Apply(Tensor x, bool inverse)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (shift == null || scale == null || featureShape == null) throw NotFitted();
        var exampleShape = x.Shape.Skip(1).ToArray();
        if (x.Rank == 0 || !exampleShape.SequenceEqual(featureShape))
            throw new ArgumentException($"{GetType().Name}: fitted on examples of shape {Shapes.Format(featureShape)}, but got X of shape {Shapes.Format(x.Shape)}.", nameof(x));
        int features = shift.Length;
        double[] values = x.ToArray();
        for (int k = 0; k < values.Length; k++)
        {
            int j = k % features;
            values[k] = inverse ? values[k] * scale[j] + shift[j] : (values[k] - shift[j]) / scale[j];
        }
        return Tensor.From(values, x.Shape.ToArray()).To(x.DType);
    }

    private InvalidOperationException NotFitted() =>
        new($"{GetType().Name}: call Fit on the training data first.");
}
