namespace DeepPrep.Data;

/// <summary>
/// A data set held in memory: n examples, each a feature tensor, with class labels (classification),
/// regression targets, or neither (samples from a distribution).
/// </summary>
/// <remarks>
/// Shapes, with n = <see cref="Count"/>:
/// <code>
/// X        [n, …]   features; row i is example i. Tabular: [n, d]; images: [n, d] flat or [n, C, H, W].
/// Labels   int[n]   class indices 0..ClassCount-1 (classification), or null.
/// Targets  [n, k]   real-valued outputs (regression; an autoencoder's target is X itself), or null.
/// </code>
/// A training loop cuts a mini-batch with the same row indices from all three:
/// <c>X.Gather(rows)</c>, <c>rows.Select(i => Labels[i])</c>, <c>Targets.Gather(rows)</c>.
/// A data set never changes after it is made: <see cref="Subset"/>, <see cref="Split"/>,
/// <see cref="To"/> and the scalers all return new data sets. (The arrays are not copied on the way
/// out, so do not write into <see cref="Labels"/> or <see cref="X"/>.)
/// </remarks>
public sealed class Dataset
{
    /// <summary>Features, shape [n, …]. Row i is example i.</summary>
    public Tensor X { get; }

    /// <summary>Class index of each example (0..ClassCount-1), or null if the data set has no classes.</summary>
    public int[]? Labels { get; }

    /// <summary>Regression targets, shape [n, …] (usually [n, k]) and the same dtype as X, or null.</summary>
    public Tensor? Targets { get; }

    /// <summary>Number of classes (labels lie in 0..ClassCount-1); 0 if there are no labels.</summary>
    /// <remarks>A subset keeps its parent's class count even if some classes are missing from it.</remarks>
    public int ClassCount { get; }

    /// <summary>Optional readable class names, one per class ("T-shirt/top", "Trouser", …).</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>A short name shown by <see cref="ToString"/> ("digits", "moons", "digits/train").</summary>
    public string Name { get; }

    /// <summary>Number of examples, n: the first dimension of X.</summary>
    public int Count => X.Shape[0];

    /// <summary>The shape of one example: X's shape without its first dimension ([64] for digits).</summary>
    public IReadOnlyList<int> FeatureShape => X.Shape.Skip(1).ToArray();

    /// <summary>The element type of X (and of Targets).</summary>
    public DType DType => X.DType;

    /// <summary>
    /// Makes a data set, checking that the pieces fit together.
    /// </summary>
    /// <param name="x">Features [n, …]; must have at least one dimension.</param>
    /// <param name="labels">Class indices, one per row of x (copied), or null.</param>
    /// <param name="targets">Regression targets [n, …], same dtype as x, or null.</param>
    /// <param name="classCount">Number of classes; if null, max(label) + 1. Ignored without labels.</param>
    /// <param name="name">Name for printing.</param>
    /// <param name="classNames">Optional class names; if given, one per class.</param>
    public Dataset(Tensor x, int[]? labels = null, Tensor? targets = null, int? classCount = null,
                   string name = "dataset", IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank == 0)
            throw new ArgumentException($"Dataset '{name}': X must have a first (example) dimension, got a scalar.", nameof(x));
        int n = x.Shape[0];
        Name = name;
        X = x;

        if (labels != null)
        {
            if (labels.Length != n)
                throw new ArgumentException($"Dataset '{name}': X has {n} rows but there are {labels.Length} labels; they must match one to one.", nameof(labels));
            int count = classCount ?? (labels.Length == 0 ? 0 : labels.Max() + 1);
            if (count < 1 && labels.Length > 0)
                throw new ArgumentOutOfRangeException(nameof(classCount), $"Dataset '{name}': classCount must be at least 1, got {count}.");
            for (int i = 0; i < labels.Length; i++)
                if (labels[i] < 0 || labels[i] >= count)
                    throw new ArgumentOutOfRangeException(nameof(labels), $"Dataset '{name}': label {labels[i]} at row {i} is outside 0..{count - 1} (classCount = {count}).");
            Labels = (int[])labels.Clone();
            ClassCount = count;
        }
        else if (classNames != null)
            throw new ArgumentException($"Dataset '{name}': class names were given but no labels.", nameof(classNames));

        if (classNames != null && classNames.Count != ClassCount)
            throw new ArgumentException($"Dataset '{name}': {classNames.Count} class names for {ClassCount} classes.", nameof(classNames));
        ClassNames = classNames?.ToArray();

        if (targets != null)
        {
            if (targets.Rank == 0 || targets.Shape[0] != n)
                throw new ArgumentException($"Dataset '{name}': X has {n} rows but Targets has shape {Shapes.Format(targets.Shape)}; the first dimensions must match.", nameof(targets));
            if (targets.DType != x.DType)
                throw new ArgumentException($"Dataset '{name}': X is {x.DType.Name()} but Targets is {targets.DType.Name()}; use one dtype so losses can compare them.", nameof(targets));
            Targets = targets;
        }
    }

    /// <summary>The same labels and targets with new features (e.g. scaled or reshaped). Row counts must match.</summary>
    public Dataset WithX(Tensor x, string? name = null) =>
        new(x, Labels, Targets, Labels == null ? null : ClassCount, name ?? Name, ClassNames);

    /// <summary>
    /// The same features with new labels: relabelling (digit → even/odd), label noise, random labels.
    /// Class names are dropped unless given again.
    /// </summary>
    public Dataset WithLabels(int[] labels, int? classCount = null, IReadOnlyList<string>? classNames = null, string? name = null) =>
        new(X, labels, Targets, classCount, name ?? Name, classNames);

    /// <summary>The same features and labels with new regression targets (an autoencoder: <c>data.WithTargets(data.X)</c>).</summary>
    public Dataset WithTargets(Tensor? targets, string? name = null) =>
        new(X, Labels, targets, Labels == null ? null : ClassCount, name ?? Name, ClassNames);

    /// <summary>
    /// The examples whose label passes a test, in their original order: <c>digits.WhereLabel(y => y &lt; 5)</c>
    /// keeps the digits 0–4. The class count is kept (labels are not renumbered).
    /// </summary>
    public Dataset WhereLabel(Func<int, bool> keep)
    {
        if (Labels == null) throw new InvalidOperationException($"Dataset '{Name}' has no labels to filter on.");
        return Subset(Enumerable.Range(0, Count).Where(i => keep(Labels[i])).ToArray());
    }

    /// <summary>
    /// The same examples with each row reshaped, e.g. digits [n, 64] → <c>ReshapeFeatures(1, 8, 8)</c> → [n, 1, 8, 8]
    /// for a convolutional net. Shares storage with X.
    /// </summary>
    public Dataset ReshapeFeatures(params int[] featureShape) => WithX(X.Reshape([Count, .. featureShape]));

    /// <summary>The examples at the given row indices, in that order (repeats allowed, as in a bootstrap sample).</summary>
    public Dataset Subset(int[] indices, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(indices);
        foreach (int i in indices)
            if (i < 0 || i >= Count)
                throw new IndexOutOfRangeException($"Dataset '{Name}': index {i} is outside 0..{Count - 1}.");
        return new Dataset(
            X.Gather(indices),
            Labels == null ? null : indices.Select(i => Labels[i]).ToArray(),
            Targets?.Gather(indices),
            Labels == null ? null : ClassCount,
            name ?? Name,
            ClassNames);
    }

    /// <summary>The first n examples (no shuffling).</summary>
    public Dataset Take(int n)
    {
        if (n < 0 || n > Count)
            throw new ArgumentOutOfRangeException(nameof(n), $"Dataset '{Name}': cannot take {n} of {Count} examples.");
        return Subset(Enumerable.Range(0, n).ToArray());
    }

    /// <summary>
    /// A random train/test split: permute the row indices with <paramref name="rng"/>, the first
    /// <paramref name="trainCount"/> rows of the permutation are the training set, the rest the test set.
    /// </summary>
    /// <param name="trainCount">Examples in the training set, 0..Count.</param>
    /// <param name="rng">Source of the permutation; default <c>Seed.Global.Data</c>.</param>
    /// <remarks>
    /// The split is random but not stratified, so class proportions vary a little between the parts.
    /// Same seed → same permutation → same split. <c>Split(1200, new Rng(0))</c> on digits is the
    /// curriculum's standard split.
    /// </remarks>
    public (Dataset Train, Dataset Test) Split(int trainCount, Rng? rng = null)
    {
        if (trainCount < 0 || trainCount > Count)
            throw new ArgumentOutOfRangeException(nameof(trainCount), $"Dataset '{Name}': cannot put {trainCount} of {Count} examples in the training set.");
        int[] permutation = (rng ?? Seed.Global.Data).Permutation(Count);
        return (Subset(permutation[..trainCount], Name + "/train"),
                Subset(permutation[trainCount..], Name + "/test"));
    }

    /// <summary>The same data with X (and Targets) converted to another element type.</summary>
    public Dataset To(DType dtype) =>
        dtype == DType ? this : new Dataset(X.To(dtype), Labels, Targets?.To(dtype), Labels == null ? null : ClassCount, Name, ClassNames);

    /// <summary>How many examples carry each label: result[c] = #{i : Labels[i] = c}.</summary>
    public int[] ClassCounts()
    {
        if (Labels == null) throw new InvalidOperationException($"Dataset '{Name}' has no labels.");
        var counts = new int[ClassCount];
        foreach (int label in Labels) counts[label]++;
        return counts;
    }

    /// <summary>For example "digits: 1797 × [64] float32, 10 classes".</summary>
    public override string ToString()
    {
        string text = $"{Name}: {Count} × {Shapes.Format(FeatureShape)} {DType.Name()}";
        if (Labels != null) text += $", {ClassCount} classes";
        if (Targets != null) text += $", targets {Shapes.Format(Targets.Shape.Skip(1).ToArray())}";
        return text;
    }
}
