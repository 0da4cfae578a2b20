namespace DeepPrep.Classic;

// A decision stump under sample weights: the weak learner AdaBoost (Freund & Schapire 1997) reweights and
// refits every round. Unlike DecisionTree (which counts errors over quantile thresholds), a stump here
// minimises the *weighted* error over every possible split: each feature, each gap between consecutive
// distinct training values, and both orientations. That exhaustiveness is what the boosting bound needs:
// the weak learner must return a split whose weighted error is the smallest there is (at most ½, since
// flipping a split's orientation turns error ε into 1 − ε).

/// <summary>
/// A one-split classifier for two classes {0, 1}: predicts <see cref="Polarity"/>'s class when
/// x[<see cref="Feature"/>] &gt; <see cref="Threshold"/> and the other class otherwise.
/// </summary>
/// <remarks>
/// <see cref="Fit(double[,], int[], double[])"/> is exact: sort each feature once (N log N), then sweep the thresholds in order,
/// moving one example at a time from the "above" side to the "below" side and updating the weighted error
/// in O(1). Cost O(d · N log N) for N examples with d features. Thresholds are midpoints between
/// consecutive distinct values, plus one below the smallest value (a constant classifier, split
/// "everything above").
/// </remarks>
public sealed class DecisionStump
{
    /// <summary>The feature the stump tests.</summary>
    public int Feature { get; }

    /// <summary>Split point: x[Feature] &gt; Threshold is the "above" side.</summary>
    public double Threshold { get; }

    /// <summary>The class predicted above the threshold (0 or 1); the other class is predicted below.</summary>
    public int Polarity { get; }

    /// <summary>The weighted training error of this stump: Σ w_i over misclassified i, divided by Σ w_i.</summary>
    public double WeightedError { get; }

    /// <summary>A stump with the given split (Fit finds the best one).</summary>
    public DecisionStump(int feature, double threshold, int polarity, double weightedError = double.NaN)
    {
        if (feature < 0) throw new ArgumentOutOfRangeException(nameof(feature), $"DecisionStump: feature must be ≥ 0, got {feature}.");
        if (polarity is not (0 or 1)) throw new ArgumentOutOfRangeException(nameof(polarity), $"DecisionStump: polarity is a class, 0 or 1, got {polarity}.");
        Feature = feature;
        Threshold = threshold;
        Polarity = polarity;
        WeightedError = weightedError;
    }

    /// <summary>
    /// The stump with the smallest weighted error over every feature, every threshold between distinct
    /// training values and both orientations. Ties keep the first found (features in order, thresholds
    /// ascending, polarity 1 before 0).
    /// </summary>
    /// <param name="x">Inputs [N, d].</param>
    /// <param name="labels">Classes 0 or 1, length N.</param>
    /// <param name="weights">Non-negative sample weights, length N, not all zero (default: all equal).</param>
    public static DecisionStump Fit(double[,] x, int[] labels, double[]? weights = null)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        if (labels.Length != n) throw new ArgumentException($"DecisionStump: {n} rows but {labels.Length} labels.");
        if (n == 0 || d == 0) throw new ArgumentException($"DecisionStump: need at least one example and one feature, got [{n}, {d}].");
        if (labels.Any(l => l is not (0 or 1))) throw new ArgumentException("DecisionStump: labels must be 0 or 1.");
        weights ??= Enumerable.Repeat(1.0, n).ToArray();
        if (weights.Length != n) throw new ArgumentException($"DecisionStump: {n} rows but {weights.Length} weights.");
        if (weights.Any(w => w < 0 || double.IsNaN(w))) throw new ArgumentException("DecisionStump: weights must be ≥ 0.");
        double total = weights.Sum();
        if (!(total > 0)) throw new ArgumentException("DecisionStump: the weights sum to zero.");

        // With polarity 1 ("class 1 above"), the threshold below everything predicts 1 for all:
        // its error is the weight of the class-0 examples.
        double weightOfZeros = 0;
        for (int i = 0; i < n; i++) if (labels[i] == 0) weightOfZeros += weights[i];

        int bestFeature = 0, bestPolarity = 1;
        double bestThreshold = double.NegativeInfinity, bestError = double.PositiveInfinity;
        var order = new int[n];
        var column = new double[n];
        for (int j = 0; j < d; j++)
        {
            for (int i = 0; i < n; i++) { order[i] = i; column[i] = x[i, j]; }
            Array.Sort((double[])column.Clone(), order);            // order: rows by ascending x[·, j]
            double errorClassOneAbove = weightOfZeros;              // threshold below the smallest value
            for (int k = 0; k < n; k++)
            {
                // Candidate threshold just below sorted position k: below everything (k = 0) or halfway
                // between two distinct neighbours. ("Above everything" is "below everything" with the other
                // polarity, so it needs no turn of its own.)
                if (k == 0 || column[order[k]] != column[order[k - 1]])
                {
                    double threshold = k == 0 ? column[order[0]] - 1 : 0.5 * (column[order[k - 1]] + column[order[k]]);
                    double e1 = errorClassOneAbove / total, e0 = 1 - e1;  // polarity 0 flips every prediction
                    if (e1 < bestError) (bestFeature, bestThreshold, bestPolarity, bestError) = (j, threshold, 1, e1);
                    if (e0 < bestError) (bestFeature, bestThreshold, bestPolarity, bestError) = (j, threshold, 0, e0);
                }
                // Example order[k] crosses to the "below" side (predicted 0 under polarity 1):
                // a class-0 example stops being an error, a class-1 example becomes one.
                int row = order[k];
                errorClassOneAbove += labels[row] == 0 ? -weights[row] : weights[row];
            }
        }
        return new DecisionStump(bestFeature, bestThreshold, bestPolarity, Math.Clamp(bestError, 0, 1));
    }

    /// <summary>Fit on a float tensor [N, d] (see <see cref="Fit(double[,], int[], double[])"/>).</summary>
    public static DecisionStump Fit(Tensor x, int[] labels, double[]? weights = null)
    {
        if (x.Rank != 2) throw new ArgumentException($"DecisionStump: inputs must be a matrix [N, d], got shape {Shapes.Format(x.Shape)}.");
        return Fit(x.ToArray2D(), labels, weights);
    }

    /// <summary>The predicted class (0 or 1) of one input row.</summary>
    public int Predict(ReadOnlySpan<double> x) => x[Feature] > Threshold ? Polarity : 1 - Polarity;

    /// <summary>The predicted class of every row of x [N, d].</summary>
    public int[] Predict(double[,] x)
    {
        var classes = new int[x.GetLength(0)];
        for (int i = 0; i < classes.Length; i++) classes[i] = x[i, Feature] > Threshold ? Polarity : 1 - Polarity;
        return classes;
    }

    public override string ToString() =>
        $"DecisionStump(x[{Feature}] > {Threshold:G4} → class {Polarity}, else {1 - Polarity}; weighted error {WeightedError:G4})";
}
