using DeepPrep.Backends;

namespace DeepPrep;

// Ops that move elements around without changing them: reshape, transpose, broadcast, slice, concat, stack, gather.
public sealed partial class Tensor
{
    private int[] ResolveReshape(int[] newShape)
    {
        var result = (int[])newShape.Clone();
        int infer = Array.IndexOf(result, -1);
        if (infer >= 0)
        {
            long known = 1;
            for (int d = 0; d < result.Length; d++) if (d != infer) known *= result[d];
            if (known == 0 || Size % known != 0)
                throw new ArgumentException($"Reshape: cannot infer -1 in {Shapes.Format(newShape)} for {Size} elements (shape {Shapes.Format(shape)}).");
            result[infer] = (int)(Size / known);
        }
        if (Shapes.Size(result) != Size)
            throw new ArgumentException($"Reshape: shape {Shapes.Format(shape)} ({Size} elements) cannot become {Shapes.Format(newShape)}.");
        return result;
    }

    internal Tensor ReshapeNoGraph(int[] newShape) => new(data, ResolveReshape(newShape));

    /// <summary>The same elements with a new shape (one dimension may be -1, inferred). Shares storage: no copy.</summary>
    public Tensor Reshape(params int[] newShape)
    {
        var x = this;
        var y = ReshapeNoGraph(newShape);
        return Autodiff.Record(y, "reshape", [x], g => [g.ReshapeNoGraph(x.shape)]);
    }

    /// <summary>Same as <see cref="Reshape"/> (PyTorch's name).</summary>
    public Tensor View(params int[] newShape) => Reshape(newShape);

    /// <summary>Flattens all dimensions from <paramref name="startAxis"/> on: [N, C, H, W] → [N, C·H·W].</summary>
    public Tensor Flatten(int startAxis = 1)
    {
        int a = Rank == 0 ? 0 : Shapes.NormalizeAxis(startAxis, Rank, "Flatten");
        return Reshape([.. shape[..a], -1]);
    }

    /// <summary>Inserts a size-1 dimension at <paramref name="axis"/>.</summary>
    public Tensor Unsqueeze(int axis)
    {
        int a = axis < 0 ? axis + Rank + 1 : axis;
        if (a < 0 || a > Rank) throw new ArgumentOutOfRangeException(nameof(axis), $"Unsqueeze: axis {axis} out of range for rank {Rank}.");
        return Reshape([.. shape[..a], 1, .. shape[a..]]);
    }

    /// <summary>Removes a size-1 dimension (all of them if no axis is given).</summary>
    public Tensor Squeeze(int? axis = null)
    {
        if (axis is int ax)
        {
            int a = Shapes.NormalizeAxis(ax, Rank, "Squeeze");
            if (shape[a] != 1) throw new ArgumentException($"Squeeze: axis {ax} has size {shape[a]}, not 1 (shape {Shapes.Format(shape)}).");
            return Reshape([.. shape[..a], .. shape[(a + 1)..]]);
        }
        return Reshape(shape.Where(d => d != 1).ToArray());
    }

    /// <summary>Reads this tensor with the given strides into a new contiguous tensor of shape <paramref name="outShape"/> (through the backend's strided kernel).</summary>
    private Tensor StridedCopy(int[] strides, int[] outShape)
    {
        var y = Empty(outShape, DType);
        var zero = new int[outShape.Length]; // y reads a single 0 everywhere: y = x[strided] + 0
        if (DType == DType.Float32) Kernels.Binary(BinaryOp.Add, Span<float>(), strides, [0f], zero, y.Span<float>(), outShape);
        else Kernels.Binary(BinaryOp.Add, Span<double>(), strides, [0.0], zero, y.Span<double>(), outShape);
        return y;
    }

    /// <summary>Repeats size-1 (or missing leading) dimensions to reach <paramref name="target"/>. Backward sums the copies.</summary>
    public Tensor BroadcastTo(IReadOnlyList<int> target)
    {
        var x = this;
        var outShape = target.ToArray();
        var check = Shapes.Broadcast(shape, outShape, "BroadcastTo");
        if (!Shapes.Equal(check, outShape))
            throw new ArgumentException($"BroadcastTo: shape {Shapes.Format(shape)} cannot be broadcast to {Shapes.Format(outShape)}.");
        if (Shapes.Equal(shape, outShape)) return this;
        var y = StridedCopy(Shapes.BroadcastStrides(shape, outShape), outShape);
        return Autodiff.Record(y, "broadcast", [x], g => [g]); // Autodiff.SumToShape does the summing
    }

    /// <summary>Reorders the axes: result axis i is this tensor's axis perm[i]. A copy.</summary>
    public Tensor Permute(params int[] perm)
    {
        var x = this;
        if (perm.Length != Rank || perm.Select(p => Shapes.NormalizeAxis(p, Rank, "Permute")).Distinct().Count() != Rank)
            throw new ArgumentException($"Permute: [{string.Join(", ", perm)}] is not a permutation of the {Rank} axes of shape {Shapes.Format(shape)}.");
        var p = perm.Select(a => Shapes.NormalizeAxis(a, Rank, "Permute")).ToArray();
        var own = Shapes.Strides(shape);
        var y = StridedCopy(p.Select(a => own[a]).ToArray(), p.Select(a => shape[a]).ToArray());
        var inverse = new int[Rank];
        for (int i = 0; i < Rank; i++) inverse[p[i]] = i;
        return Autodiff.Record(y, "permute", [x], g => [g.Permute(inverse)]);
    }

    /// <summary>Swaps two axes. A copy.</summary>
    public Tensor Transpose(int axis0 = -2, int axis1 = -1)
    {
        var perm = Enumerable.Range(0, Rank).ToArray();
        int a = Shapes.NormalizeAxis(axis0, Rank, "Transpose"), b = Shapes.NormalizeAxis(axis1, Rank, "Transpose");
        (perm[a], perm[b]) = (perm[b], perm[a]);
        return Permute(perm);
    }

    /// <summary>The transpose of a matrix.</summary>
    public Tensor T => Rank == 2 ? Transpose(0, 1) : throw new InvalidOperationException($"T needs a matrix, got shape {Shapes.Format(shape)}; use Transpose(a, b) or Permute.");

    /// <summary>Elements start..start+length-1 along <paramref name="axis"/>. A copy; the backward scatters into zeros.</summary>
    public Tensor Slice(int axis, int start, int length)
    {
        var x = this;
        int a = Shapes.NormalizeAxis(axis, Rank, "Slice");
        if (start < 0 || length < 0 || start + length > shape[a])
            throw new ArgumentOutOfRangeException(nameof(start), $"Slice: [{start}, {start + length}) is outside axis {axis} of size {shape[a]} (shape {Shapes.Format(shape)}).");
        var outShape = (int[])shape.Clone();
        outShape[a] = length;
        int outer = 1, inner = 1;
        for (int d = 0; d < a; d++) outer *= shape[d];
        for (int d = a + 1; d < Rank; d++) inner *= shape[d];
        var y = Empty(outShape, DType);
        for (int o = 0; o < outer; o++)
            Array.Copy(data, (o * shape[a] + start) * inner, y.data, o * length * inner, length * inner);
        return Autodiff.Record(y, "slice", [x], g =>
        {
            var dx = ZerosLike(x);
            for (int o = 0; o < outer; o++)
                Array.Copy(g.data, o * length * inner, dx.data, (o * shape[a] + start) * inner, length * inner);
            return [dx];
        });
    }

    /// <summary>Rows start..start+count-1 (axis 0).</summary>
    public Tensor Rows(int start, int count) => Slice(0, start, count);

    /// <summary>
    /// Picks entries along axis 0 by index (repeats allowed): x.Gather([3, 0, 3]) has rows 3, 0, 3.
    /// This is how a mini-batch is cut from a data set. The backward adds each row's gradient back where it came from.
    /// </summary>
    public Tensor Gather(int[] indices)
    {
        var y = GatherRows(indices);
        return RequiresGrad && Autodiff.IsEnabled ? RecordGather(this, y, indices) : y;
    }

    /// <summary>The rows picked by <paramref name="indices"/>, with no graph (a data set's batch needs none).</summary>
    internal Tensor GatherRows(ReadOnlySpan<int> indices)
    {
        if (Rank == 0) throw new InvalidOperationException("Gather needs at least one dimension.");
        int rowSize = Size / Math.Max(1, shape[0]);
        foreach (int i in indices)
            if (i < 0 || i >= shape[0]) throw new IndexOutOfRangeException($"Gather: index {i} is out of range for axis 0 of size {shape[0]} (shape {Shapes.Format(shape)}).");
        Span<int> outShape = stackalloc int[Rank];
        shape.CopyTo(outShape);
        outShape[0] = indices.Length;
        var y = Uninitialized((ReadOnlySpan<int>)outShape, DType); // every row is copied in
        for (int r = 0; r < indices.Length; r++) Array.Copy(data, indices[r] * rowSize, y.data, r * rowSize, rowSize);
        return y;
    }

    // A method of its own so that the closure (an object) is only made when there is a graph to record.
    private static Tensor RecordGather(Tensor x, Tensor y, int[] indices)
    {
        int rowSize = x.Size / Math.Max(1, x.shape[0]);
        return Autodiff.Record(y, "gather", [x], g =>
        {
            var dx = ZerosLike(x);
            ScatterAddRows(dx, g, indices, rowSize);
            return [dx];
        });
    }

    private static void ScatterAddRows(Tensor dx, Tensor g, int[] indices, int rowSize)
    {
        if (dx.data is float[] f)
        {
            var gf = g.F32;
            for (int r = 0; r < indices.Length; r++)
                for (int j = 0; j < rowSize; j++) f[indices[r] * rowSize + j] += gf[r * rowSize + j];
        }
        else
        {
            var d = dx.F64; var gd = g.F64;
            for (int r = 0; r < indices.Length; r++)
                for (int j = 0; j < rowSize; j++) d[indices[r] * rowSize + j] += gd[r * rowSize + j];
        }
    }

    /// <summary>Joins tensors along an existing axis; all other dimensions must agree.</summary>
    public static Tensor Concat(IReadOnlyList<Tensor> tensors, int axis = 0)
    {
        if (tensors.Count == 0) throw new ArgumentException("Concat needs at least one tensor.");
        var first = tensors[0];
        int a = Shapes.NormalizeAxis(axis, first.Rank, "Concat");
        int total = 0;
        foreach (var t in tensors)
        {
            bool ok = t.Rank == first.Rank && t.DType == first.DType;
            for (int d = 0; ok && d < t.Rank; d++) ok = d == a || t.shape[d] == first.shape[d];
            if (!ok)
                throw new ArgumentException($"Concat along axis {axis}: shapes {string.Join(" and ", tensors.Select(x => Shapes.Format(x.shape) + " " + x.DType.Name()))} do not agree off that axis.");
            total += t.shape[a];
        }
        var outShape = (int[])first.shape.Clone();
        outShape[a] = total;
        int outer = 1, inner = 1;
        for (int d = 0; d < a; d++) outer *= outShape[d];
        for (int d = a + 1; d < outShape.Length; d++) inner *= outShape[d];
        var y = Empty(outShape, first.DType);
        int offset = 0;
        foreach (var t in tensors)
        {
            int len = t.shape[a];
            for (int o = 0; o < outer; o++)
                Array.Copy(t.data, o * len * inner, y.data, (o * total + offset) * inner, len * inner);
            offset += len;
        }
        var inputs = tensors.ToArray();
        return Autodiff.Record(y, "concat", inputs, g =>
        {
            var grads = new Tensor?[inputs.Length];
            int start = 0;
            for (int k = 0; k < inputs.Length; k++)
            {
                int len = inputs[k].shape[a];
                grads[k] = inputs[k].RequiresGrad ? g.Slice(a, start, len) : null;
                start += len;
            }
            return grads;
        });
    }

    /// <summary>Stacks equal-shaped tensors along a new axis: n tensors of shape [A, B] → [n, A, B] for axis 0.</summary>
    public static Tensor Stack(IReadOnlyList<Tensor> tensors, int axis = 0)
    {
        if (tensors.Count == 0) throw new ArgumentException("Stack needs at least one tensor.");
        foreach (var t in tensors)
            if (!Shapes.Equal(t.shape, tensors[0].shape))
                throw new ArgumentException($"Stack: shapes {Shapes.Format(tensors[0].shape)} and {Shapes.Format(t.shape)} differ.");
        return Concat(tensors.Select(t => t.Unsqueeze(axis)).ToArray(), axis);
    }
}
