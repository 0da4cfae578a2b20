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
    internal static int[] Order(int n, Rng? shuffle)
    {
        var order = new int[n];
        Order(order, shuffle);
        return order;
    }

    /// <summary><see cref="Order(int, Rng?)"/> written into <paramref name="order"/> (reused from epoch to epoch by the trainer).</summary>
    internal static void Order(Span<int> order, Rng? shuffle)
    {
        for (int i = 0; i < order.Length; i++) order[i] = i;
        shuffle?.Shuffle(order); // Rng.Permutation is exactly this: 0..n−1, then Shuffle
    }

    // NOTE: not an iterator on purpose. A NoGrad scope opened inside an iterator stays open across
    // `yield return`, i.e. while the caller runs its forward pass, and no graph would be recorded.
    internal static Batch Cut(Tensor x, int[]? labels, Tensor? targets, int[] idx)
    {
        // GatherRows records no graph: a batch is data, even if x itself is a parameter.
        return new Batch(x.GatherRows(idx), labels == null ? null : idx.Select(i => labels[i]).ToArray(), targets?.GatherRows(idx), idx);
    }

    /// <summary>Iterations in one epoch: ⌈n / batchSize⌉.</summary>
    public static int StepsPerEpoch(int n, int batchSize) => (n + batchSize - 1) / batchSize;
}

/// <summary>
/// Cuts batches into index and label arrays kept from one step to the next (one set per batch size), for a training loop
/// whose tensors a <see cref="BufferPool"/> reuses: the <see cref="Batch"/> of one step is overwritten by the next.
/// </summary>
internal sealed class BatchBuffers
{
    private readonly Dictionary<int, (int[] Indices, int[] Labels, Batch? Last)> bySize = [];

    public Batch Cut(Tensor x, int[]? labels, Tensor? targets, ReadOnlySpan<int> rows)
    {
        if (!bySize.TryGetValue(rows.Length, out var buffers)) buffers = (new int[rows.Length], new int[labels == null ? 0 : rows.Length], null);
        rows.CopyTo(buffers.Indices);
        if (labels != null) for (int i = 0; i < rows.Length; i++) buffers.Labels[i] = labels[rows[i]];
        var batchX = x.GatherRows(rows);
        var batchTargets = targets?.GatherRows(rows);
        // In a pool that reuses tensors, the gathered tensors are the last step's objects again, so the Batch can be too.
        var batch = buffers.Last is { } last && ReferenceEquals(last.X, batchX) && ReferenceEquals(last.Targets, batchTargets)
            ? last
            : new Batch(batchX, labels == null ? null : buffers.Labels, batchTargets, buffers.Indices);
        bySize[rows.Length] = (buffers.Indices, buffers.Labels, batch);
        return batch;
    }
}
