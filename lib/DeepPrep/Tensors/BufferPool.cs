namespace DeepPrep;

/// <summary>
/// Reuses the storage of one training step's tensors in the next step, so that steady-state training
/// allocates no new arrays: every step has the same shapes, so the arrays the last step needed are
/// exactly the ones this step needs.
/// </summary>
/// <remarks>
/// <para>Usage, around each step of a training loop (<see cref="Training.Trainer"/> does this when asked to):</para>
/// <code>
/// var pool = new BufferPool();
/// for (int step = 0; step &lt; steps; step++)
///     using (pool.Step())
///     {
///         optimizer.ZeroGrad();
///         var loss = Loss.Mse(model.Forward(x), y);
///         loss.Backward();
///         optimizer.Step();
///         losses.Add(loss.Item());          // read what you need inside the step
///     }
/// </code>
/// <para>While a step is open on a thread, every op on that thread takes its output array (forward results
/// and gradients alike) from the pool instead of allocating it. When the step ends, those tensors are
/// <b>released</b>: their arrays go back to the pool and the tensors become empty; reading one afterwards
/// throws an <see cref="InvalidOperationException"/> that says so, instead of silently showing the next step's
/// numbers. To keep a value, copy it inside the step: <c>Item()</c>, <c>ToArray()</c>, <c>Clone()</c>.</para>
/// <para>What is not affected: tensors created before the step (data, parameters), parameter gradients
/// (<c>Grad</c> is a private copy the first time and updated in place after), optimizer state, and anything
/// made by copying (<c>Clone</c>, <c>From</c>, <c>To</c>). The values computed are the same with or without a
/// pool, bit for bit: only where the numbers are stored changes.</para>
/// <para>Why not always on? Because of the release rule: a notebook that keeps a step's activations to plot
/// them later must not find them gone. So the pool is opt-in, for loops that only keep numbers.</para>
/// <para><b>Reusing the tensors too</b> (<c>new BufferPool(reuseTensors: true)</c>). Arrays are only part of what a
/// step creates: every op also makes a <see cref="Tensor"/> object, its shape, and its graph node. With this option
/// the pool keeps the step's tensor objects as well, in the order they were made, and the next step's k-th new
/// tensor <i>is</i> the last step's k-th tensor (if dtype and shape agree; otherwise a new one takes its place), brought
/// back with its array. Ops whose backward is a small class rather than a closure (the dense layer, the losses) reuse
/// that too, so a steady-state training step allocates no memory at all. The price is a weaker release rule: between
/// steps a released tensor still throws when read, but a tensor held into a later step may have been brought back as
/// one of that step's tensors and show its numbers. Use it where the loop owns every tensor (the
/// <see cref="Training.Trainer"/> with <c>reuseBuffers</c>, benchmarks), not for code that keeps tensors across steps.</para>
/// </remarks>
public sealed class BufferPool
{
    /// <summary>The pool whose step is open on this thread, if any: <see cref="Tensor"/> creation asks it for arrays.</summary>
    [ThreadStatic] private static BufferPool? active;

    // Arrays not in use, by length. Steady state: one step's worth of arrays cycling through here.
    private readonly Dictionary<int, Stack<float[]>> freeFloats = [];
    private readonly Dictionary<int, Stack<double[]>> freeDoubles = [];
    // Arrays handed out during the open step, and the tensors whose storage they are (views included).
    private readonly HashSet<Array> rented = new(ReferenceEqualityComparer.Instance);
    private readonly List<Tensor> holders = [];
    private BufferPool? outer;
    private bool open;

    // With reuseTensors: the tensors made through Tensor.Empty/Uninitialized, in order of creation, each with the array
    // it owns (kept here while the tensor is released); `next` is the open step's position in the list.
    private readonly bool reuseTensors;
    private readonly List<(Tensor Tensor, Array Storage)> slots = [];
    private readonly HashSet<Array> slotStorage = new(ReferenceEqualityComparer.Instance);
    private int next;

    /// <summary>A pool that reuses arrays from step to step; with <paramref name="reuseTensors"/>, the tensor objects too (see remarks).</summary>
    public BufferPool(bool reuseTensors = false) => this.reuseTensors = reuseTensors;

    /// <summary>True if this pool also reuses tensor objects from one step to the next.</summary>
    public bool ReusesTensors => reuseTensors;

    /// <summary>Arrays the pool has had to allocate so far (a steady-state step allocates none).</summary>
    public int ArraysAllocated { get; private set; }

    /// <summary>Starts a step on this thread; dispose it to end the step and release its tensors.</summary>
    public StepScope Step()
    {
        if (open) throw new InvalidOperationException("BufferPool.Step: a step of this pool is already open; end it before starting the next.");
        open = true;
        outer = active;
        active = this;
        return new StepScope(this);
    }

    /// <summary>The open step of a <see cref="BufferPool"/>. Disposing it releases the step's tensors.</summary>
    public readonly struct StepScope : IDisposable
    {
        private readonly BufferPool? pool;
        internal StepScope(BufferPool pool) => this.pool = pool;
        public void Dispose() => pool?.EndStep();
    }

    /// <summary>
    /// An array of <paramref name="size"/> elements: from the active step's pool if there is one, else new. It is zeroed
    /// unless <paramref name="clear"/> is false and it comes from the pool (then it holds whatever its last user left:
    /// only for outputs that a kernel overwrites completely).
    /// </summary>
    internal static Array Allocate(DType dtype, int size, bool clear = true)
    {
        var pool = active;
        if (pool == null || size == 0) return dtype == DType.Float32 ? new float[size] : new double[size];
        return dtype == DType.Float32 ? pool.Rent(pool.freeFloats, size, clear) : pool.Rent(pool.freeDoubles, size, clear);
    }

    /// <summary>
    /// A new tensor of <paramref name="shape"/> for an op's output. <paramref name="shapeArray"/>, if given, holds the same
    /// dims and becomes the tensor's own shape (it must never be modified afterwards); if null, a copy is made when needed.
    /// In a step of a pool that reuses tensors, this is where the last step's tensor at the same position comes back.
    /// </summary>
    internal static Tensor NewTensor(ReadOnlySpan<int> shape, int[]? shapeArray, DType dtype, bool clear)
    {
        var pool = active;
        if (pool != null && pool.reuseTensors) return pool.NextSlot(shape, shapeArray, dtype, clear);
        return new Tensor(Allocate(dtype, (int)Shapes.Size(shape), clear), shapeArray ?? shape.ToArray());
    }

    private Tensor NextSlot(ReadOnlySpan<int> shape, int[]? shapeArray, DType dtype, bool clear)
    {
        int position = next++;
        if (position < slots.Count)
        {
            var (tensor, storage) = slots[position];
            if (tensor.DType == dtype && shape.SequenceEqual(tensor.shape))
            {
                if (clear) Array.Clear(storage);
                tensor.Revive(storage);
                return tensor;
            }
            // The step took another path here (another shape, another op): this position gets a new tensor, and the
            // old one's array joins the free arrays.
            if (storage.Length > 0)
            {
                slotStorage.Remove(storage);
                if (storage is float[] f) Return(freeFloats, f); else Return(freeDoubles, (double[])storage);
            }
        }
        int size = (int)Shapes.Size(shape);
        Array array = size == 0 ? (dtype == DType.Float32 ? Array.Empty<float>() : Array.Empty<double>())
                    : dtype == DType.Float32 ? TakeFree(freeFloats, size, clear) : TakeFree(freeDoubles, size, clear);
        var created = new Tensor(array, shapeArray ?? shape.ToArray());
        if (position < slots.Count) slots[position] = (created, array); else slots.Add((created, array));
        if (size > 0) slotStorage.Add(array);
        return created;
    }

    // The array for a new slot: a free one of the right length if there is one, else a new one.
    private T[] TakeFree<T>(Dictionary<int, Stack<T[]>> free, int size, bool clear)
    {
        if (free.TryGetValue(size, out var stack) && stack.Count > 0)
        {
            var array = stack.Pop();
            if (clear) Array.Clear(array);
            return array;
        }
        ArraysAllocated++;
        return new T[size];
    }

    private T[] Rent<T>(Dictionary<int, Stack<T[]>> free, int size, bool clear)
    {
        T[] array;
        if (free.TryGetValue(size, out var stack) && stack.Count > 0)
        {
            array = stack.Pop();
            if (clear) Array.Clear(array); // ops may rely on a zeroed output (e.g. scatter-add into ZerosLike)
        }
        else
        {
            array = new T[size];
            ArraysAllocated++;
        }
        rented.Add(array);
        justRented = array;
        return array;
    }

    // The array Rent handed out last: the tensor being constructed right now almost always wraps it, so Adopt can
    // recognise it without a hash lookup (views of older arrays, e.g. a reshape, take the lookup).
    private Array? justRented;

    /// <summary>Called by every new tensor: remember it if its storage belongs to the open step, to release it later.</summary>
    internal static void Adopt(Tensor tensor)
    {
        var pool = active;
        if (pool == null) return;
        if (ReferenceEquals(tensor.data, pool.justRented)) { pool.justRented = null; pool.holders.Add(tensor); }
        else if (pool.rented.Contains(tensor.data)) pool.holders.Add(tensor);
        else if (pool.reuseTensors && pool.slotStorage.Contains(tensor.data)) pool.holders.Add(tensor); // a view of a slot's array
    }

    private void EndStep()
    {
        if (!open) return;
        if (active != this) throw new InvalidOperationException("BufferPool: steps of different pools must end in the reverse order they started.");
        active = outer;
        outer = null;
        open = false;
        foreach (var tensor in holders) tensor.Release();
        holders.Clear();
        for (int i = 0; i < next; i++) slots[i].Tensor.Release();
        next = 0;
        foreach (var array in rented)
        {
            if (array is float[] f) Return(freeFloats, f);
            else Return(freeDoubles, (double[])array);
        }
        rented.Clear();
        justRented = null;
    }

    private static void Return<T>(Dictionary<int, Stack<T[]>> free, T[] array)
    {
        if (!free.TryGetValue(array.Length, out var stack)) free[array.Length] = stack = new Stack<T[]>();
        stack.Push(array);
    }
}
