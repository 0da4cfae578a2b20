namespace DeepPrep.Training;

/// <summary>One mini-batch: inputs, and class labels or regression targets, plus which rows of the data set they are.</summary>
public sealed record Batch(Tensor X, int[]? Labels, Tensor? Targets, int[] Indices)
{
    public int Count => Indices.Length;
}

/// <summary>Cuts a data set into mini-batches, in a freshly shuffled order each epoch.</summary>
public static class Batching
{
    /// <summary>
    /// The batches of one epoch: ⌈n / batchSize⌉ of them, the last one smaller if batchSize does not
    /// divide n (so iterations per epoch = ⌈n/b⌉, notebook 06). With a shuffle rng the order is a new
    /// random permutation each call; without one it is 0..n−1.
    /// </summary>
    public static IEnumerable<Batch> Epoch(Tensor x, int[]? labels, Tensor? targets, int batchSize, Rng? shuffle)
    {
        int n = x.Dim(0);
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Batch size must be positive.");
        int[] order = Order(n, shuffle);
        for (int start = 0; start < n; start += batchSize)
        {
            var idx = order[start..Math.Min(n, start + batchSize)];
            yield return Cut(x, labels, targets, idx);
        }
    }

    /// <summary>The order of one epoch's rows: a fresh random permutation with a shuffle rng, else 0..n−1.</summary>
    internal static int[] Order(int n, Rng? shuffle) => shuffle != null ? shuffle.Permutation(n) : Enumerable.Range(0, n).ToArray();

    // NOTE: not an iterator on purpose. A NoGrad scope opened inside an iterator stays open across
    // `yield return`, i.e. while the caller runs its forward pass, and no graph would be recorded.
    internal static Batch Cut(Tensor x, int[]? labels, Tensor? targets, int[] idx)
    {
        using var _ = Autodiff.NoGrad();
        return new Batch(x.Gather(idx), labels == null ? null : idx.Select(i => labels[i]).ToArray(), targets?.Gather(idx), idx);
    }

    /// <summary>Iterations in one epoch: ⌈n / batchSize⌉.</summary>
    public static int StepsPerEpoch(int n, int batchSize) => (n + batchSize - 1) / batchSize;
}
