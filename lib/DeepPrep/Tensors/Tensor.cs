using System.Runtime.CompilerServices;

namespace DeepPrep;

/// <summary>
/// An n-dimensional array of float32 or float64 numbers that remembers how it was computed,
/// so that <see cref="Backward"/> can apply the chain rule through every op that made it.
/// </summary>
/// <remarks>
/// Storage is one flat, contiguous, row-major array: element [i, j, k] of a tensor with shape
/// [I, J, K] lives at (i·J + j)·K + k. Images are [N, C, H, W] (batch, channels, height, width).
/// The class is split by concern over several files: creation (Tensor.Create.cs), reading values,
/// shape ops, autodiff (Autodiff/), and one file per op family under Ops/.
/// </remarks>
public sealed partial class Tensor
{
    // float[] for Float32, double[] for Float64. Length == Size. Shared (not copied) by Reshape and Detach.
    // Replaced by an empty array when a BufferPool step that lent it ends (see Release).
    internal Array data;
    internal readonly int[] shape;

    /// <summary>float32 or float64.</summary>
    public DType DType { get; }

    /// <summary>The size of each dimension, outermost first.</summary>
    public IReadOnlyList<int> Shape => shape;

    /// <summary>Number of dimensions (0 for a scalar).</summary>
    public int Rank => shape.Length;

    /// <summary>Number of elements: the product of the shape.</summary>
    public int Size { get; }

    /// <summary>An optional name shown by <see cref="ToString"/> and in error messages (e.g. "fc1.weight").</summary>
    public string? Name { get; set; }

    internal Tensor(Array data, int[] shape)
    {
        DType = data switch
        {
            float[] => DType.Float32,
            double[] => DType.Float64,
            _ => throw new ArgumentException($"Tensor storage must be float[] or double[], got {data.GetType().Name}."),
        };
        long size = Shapes.Size(shape);
        if (size != data.Length)
            throw new ArgumentException($"Shape {Shapes.Format(shape)} needs {size} elements but {data.Length} were given.");
        this.data = data;
        this.shape = shape;
        Size = (int)size;
        BufferPool.Adopt(this);
    }

    /// <summary>True once the <see cref="BufferPool"/> step this tensor was computed in has ended and taken its storage back.</summary>
    public bool IsReleased => data.Length != Size;

    /// <summary>Called by <see cref="BufferPool"/> at the end of a step: the storage goes back to the pool.</summary>
    internal void Release() => data = DType == DType.Float32 ? Array.Empty<float>() : Array.Empty<double>();

    /// <summary>
    /// Called by a <see cref="BufferPool"/> that reuses tensors: this released tensor comes back as a new op output, with
    /// <paramref name="storage"/> (its own old array) and no name, gradient or graph.
    /// </summary>
    internal void Revive(Array storage)
    {
        data = storage;
        Name = null;
        ForgetGraph();
    }

    private void ThrowIfReleased()
    {
        if (IsReleased)
            throw new InvalidOperationException($"This tensor (shape {Shapes.Format(shape)}{(Name != null ? ", " + Name : "")}) was computed inside a BufferPool step that has ended, so its storage was reused. Copy what you need (Item(), ToArray(), Clone()) inside the step.");
    }

    /// <summary>The size of one dimension; negative axes count from the end (-1 is the last).</summary>
    public int Dim(int axis) => shape[Shapes.NormalizeAxis(axis, Rank, "Dim")];

    /// <summary>The elements as a span of T (float for Float32, double for Float64). Writes go straight into the tensor.</summary>
    public Span<T> AsSpan<T>() where T : unmanaged
    {
        ThrowIfReleased();
        if (data is T[] typed) return typed;
        throw new InvalidOperationException($"Tensor is {DType.Name()}, but its elements were read as {typeof(T).Name}. Use ToArray() or To(DType) to convert.");
    }

    // Fast unchecked access for ops that already dispatched on DType.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Span<T> Span<T>() => Unsafe.As<T[]>(data);

    internal float[] F32 => (float[])data;
    internal double[] F64 => (double[])data;

    /// <summary>Element at a multi-index, as a double. <c>x[1, 2]</c>.</summary>
    [IndexerName("Element")]
    public double this[params int[] index]
    {
        get { ThrowIfReleased(); return GetFlat(Shapes.FlatIndex(shape, index)); }
        set
        {
            ThrowIfReleased();
            int flat = Shapes.FlatIndex(shape, index);
            if (data is float[] f) f[flat] = (float)value; else F64[flat] = value;
        }
    }

    internal double GetFlat(int flat) => data is float[] f ? f[flat] : F64[flat];

    /// <summary>The single value of a one-element tensor (a loss, an accuracy).</summary>
    public double Item()
    {
        ThrowIfReleased();
        if (Size != 1) throw new InvalidOperationException($"Item() needs a tensor with one element, this one has shape {Shapes.Format(shape)}.");
        return GetFlat(0);
    }

    /// <summary>All elements, row-major, as doubles (a copy).</summary>
    public double[] ToArray()
    {
        ThrowIfReleased();
        if (data is double[] d) return (double[])d.Clone();
        var f = F32;
        var result = new double[f.Length];
        for (int i = 0; i < f.Length; i++) result[i] = f[i];
        return result;
    }

    /// <summary>All elements, row-major, as floats (a copy).</summary>
    public float[] ToFloatArray()
    {
        ThrowIfReleased();
        if (data is float[] f) return (float[])f.Clone();
        var d = F64;
        var result = new float[d.Length];
        for (int i = 0; i < d.Length; i++) result[i] = (float)d[i];
        return result;
    }

    /// <summary>A 2-D tensor as a [rows, cols] array of doubles (a copy).</summary>
    public double[,] ToArray2D()
    {
        if (Rank != 2) throw new InvalidOperationException($"ToArray2D needs a 2-D tensor, got shape {Shapes.Format(shape)}.");
        var result = new double[shape[0], shape[1]];
        for (int i = 0; i < shape[0]; i++)
            for (int j = 0; j < shape[1]; j++)
                result[i, j] = GetFlat(i * shape[1] + j);
        return result;
    }

    /// <summary>A copy with the other element type (or this tensor itself if it already has it). Gradients flow through.</summary>
    public Tensor To(DType dtype)
    {
        if (dtype == DType) return this;
        var result = new Tensor(dtype == DType.Float32 ? ToFloatArray() : ToArray(), (int[])shape.Clone());
        return Autodiff.Record(result, "to", [this], g => [g.To(DType)]);
    }
}
