namespace DeepPrep.Classic;

// Rosenblatt's perceptron (1958): one linear unit with a step output, trained by its own mistake-driven
// rule rather than by gradient descent. Kept here, outside Nn, because it is the historical baseline the
// curriculum compares an MLP against (X1): it converges on linearly separable data (Novikoff 1962) and
// never stops making mistakes on XOR.

/// <summary>
/// A binary perceptron: predicts ŷ = step(w·x + b) ∈ {0, 1}. Training visits the examples in order and, on
/// each mistake, moves the boundary toward the misclassified point: w ← w + η·(y − ŷ)·x, b ← b + η·(y − ŷ).
/// Correct predictions change nothing.
/// </summary>
/// <remarks>
/// Novikoff's theorem: if some unit vector u separates the data with margin γ (y±·u·x ≥ γ, ‖x‖ ≤ R), the rule
/// makes at most (R/γ)² mistakes in total, whatever the order. On data no line separates (XOR) it never
/// settles: every epoch has mistakes.
/// </remarks>
public sealed class Perceptron
{
    /// <summary>The weights w, one per input feature.</summary>
    public double[] Weights { get; }

    /// <summary>The bias b.</summary>
    public double Bias { get; private set; }

    /// <summary>Step size η of the update rule (any η &gt; 0 gives the same predictions when starting from 0).</summary>
    public double LearningRate { get; }

    /// <summary>A perceptron for <paramref name="inputs"/> features, starting from w = 0, b = 0.</summary>
    public Perceptron(int inputs, double learningRate = 1.0)
    {
        if (inputs < 1) throw new ArgumentOutOfRangeException(nameof(inputs), $"Perceptron: needs at least one input, got {inputs}.");
        if (!(learningRate > 0)) throw new ArgumentOutOfRangeException(nameof(learningRate), $"Perceptron: the learning rate must be > 0, got {learningRate}.");
        Weights = new double[inputs];
        LearningRate = learningRate;
    }

    /// <summary>The class (0 or 1) of one input: 1 when w·x + b &gt; 0.</summary>
    public int Predict(ReadOnlySpan<double> x)
    {
        if (x.Length != Weights.Length) throw new ArgumentException($"Perceptron: expected {Weights.Length} features, got {x.Length}.");
        double z = Bias;
        for (int j = 0; j < x.Length; j++) z += Weights[j] * x[j];
        return z > 0 ? 1 : 0;
    }

    /// <summary>Classes of every row of x [N, d], as a float64 tensor [N] (the form <c>Chart.DecisionRegions</c> takes).</summary>
    public Tensor Predict(Tensor x)
    {
        var rows = Rows(x);
        var classes = new double[rows.GetLength(0)];
        for (int i = 0; i < classes.Length; i++) classes[i] = Predict(Row(rows, i));
        return Tensor.From(classes, classes.Length);
    }

    /// <summary>Fraction of rows of x [N, d] whose predicted class equals the label.</summary>
    public double Accuracy(Tensor x, int[] labels)
    {
        var predicted = Predict(x).ToArray();
        if (labels.Length != predicted.Length) throw new ArgumentException($"Perceptron: {predicted.Length} rows but {labels.Length} labels.");
        return (double)predicted.Zip(labels).Count(p => (int)p.First == p.Second) / labels.Length;
    }

    /// <summary>
    /// One pass over the examples, applying the update rule on each mistake. Returns the number of
    /// mistakes made during the pass (0 means the data is separated and training has converged).
    /// </summary>
    /// <param name="x">Inputs [N, d].</param>
    /// <param name="labels">Classes 0 or 1, length N.</param>
    /// <param name="shuffle">If given, visit the examples in a fresh random order (from this generator); else in order.
    /// A fixed order on data whose labels cycle (XOR blobs alternate 1, 0, 1, 0) can lock the rule into a cycle of
    /// mistakes; shuffling is the usual practice.</param>
    public int Epoch(Tensor x, int[] labels, Rng? shuffle = null)
    {
        var rows = Rows(x);
        if (labels.Length != rows.GetLength(0)) throw new ArgumentException($"Perceptron: {rows.GetLength(0)} rows but {labels.Length} labels.");
        var order = shuffle?.Permutation(labels.Length) ?? Enumerable.Range(0, labels.Length).ToArray();
        int mistakes = 0;
        foreach (int i in order)
        {
            if (labels[i] is not (0 or 1)) throw new ArgumentException($"Perceptron: labels must be 0 or 1, label {i} is {labels[i]}.");
            var row = Row(rows, i);
            int error = labels[i] - Predict(row);            // +1, 0 or −1
            if (error == 0) continue;
            mistakes++;
            for (int j = 0; j < row.Length; j++) Weights[j] += LearningRate * error * row[j];
            Bias += LearningRate * error;
        }
        return mistakes;
    }

    /// <summary>Runs up to <paramref name="epochs"/> passes (shuffled if <paramref name="shuffle"/> is given) and returns the mistakes in each; stops early after a pass with none.</summary>
    public List<int> Fit(Tensor x, int[] labels, int epochs, Rng? shuffle = null)
    {
        var mistakes = new List<int>();
        for (int e = 0; e < epochs; e++)
        {
            mistakes.Add(Epoch(x, labels, shuffle));
            if (mistakes[^1] == 0) break;
        }
        return mistakes;
    }

    private static double[,] Rows(Tensor x) =>
        x.Rank == 2 ? x.ToArray2D() : throw new ArgumentException($"Perceptron: inputs must be a matrix [N, d], got shape {Shapes.Format(x.Shape)}.");

    private static double[] Row(double[,] rows, int i)
    {
        var row = new double[rows.GetLength(1)];
        for (int j = 0; j < row.Length; j++) row[j] = rows[i, j];
        return row;
    }
}
