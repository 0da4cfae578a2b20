namespace DeepPrep;

/// <summary>Shape arithmetic: sizes, strides, axes, broadcasting, and the messages when they do not fit.</summary>
public static class Shapes
{
    /// <summary>"[2, 3]" — the way shapes appear in every error message.</summary>
    public static string Format(IReadOnlyList<int> shape) => "[" + string.Join(", ", shape) + "]";

    /// <summary>Product of the dimensions (1 for a scalar's empty shape).</summary>
    public static long Size(IReadOnlyList<int> shape) => Size(shape as int[] ?? shape.ToArray());

    /// <summary>Product of the dimensions (1 for a scalar's empty shape). The array form, which every tensor's creation
    /// calls: looping over an int[] directly, not through the list interface, allocates no enumerator.</summary>
    public static long Size(int[] shape) => Size((ReadOnlySpan<int>)shape);

    /// <summary>Product of the dimensions of a shape given as a span (e.g. one written in place, <c>[n, m]</c>).</summary>
    public static long Size(ReadOnlySpan<int> shape)
    {
        long size = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] < 0) throw new ArgumentException($"Shape {Format(shape.ToArray())} has a negative dimension.");
            size *= shape[i];
        }
        if (size > Array.MaxLength) throw new ArgumentException($"Shape {Format(shape.ToArray())} has {size} elements, more than an array can hold.");
        return size;
    }

    /// <summary>Row-major strides: the distance in elements between neighbours along each axis.</summary>
    public static int[] Strides(IReadOnlyList<int> shape)
    {
        var strides = new int[shape.Count];
        int s = 1;
        for (int d = shape.Count - 1; d >= 0; d--) { strides[d] = s; s *= shape[d]; }
        return strides;
    }

    /// <summary>Maps a possibly negative axis to 0..rank-1, or throws naming the op.</summary>
    public static int NormalizeAxis(int axis, int rank, string op)
    {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) throw new ArgumentOutOfRangeException(nameof(axis), $"{op}: axis {axis} is out of range for a tensor of rank {rank}.");
        return a;
    }

    internal static int FlatIndex(int[] shape, int[] index)
    {
        if (index.Length != shape.Length)
            throw new IndexOutOfRangeException($"Index [{string.Join(", ", index)}] has {index.Length} coordinates but the tensor has shape {Format(shape)}.");
        int flat = 0;
        for (int d = 0; d < shape.Length; d++)
        {
            int i = index[d] < 0 ? index[d] + shape[d] : index[d];
            if (i < 0 || i >= shape[d])
                throw new IndexOutOfRangeException($"Index [{string.Join(", ", index)}] is out of range for shape {Format(shape)} (axis {d}).");
            flat = flat * shape[d] + i;
        }
        return flat;
    }

    /// <summary>
    /// The NumPy broadcasting rule: align shapes on the right; each pair of dimensions must be equal
    /// or one of them 1; the result takes the larger. [4, 1, 3] and [5, 3] give [4, 5, 3].
    /// </summary>
    public static int[] Broadcast(IReadOnlyList<int> a, IReadOnlyList<int> b, string op)
    {
        int rank = Math.Max(a.Count, b.Count);
        var result = new int[rank];
        for (int i = 1; i <= rank; i++)
        {
            int da = i <= a.Count ? a[a.Count - i] : 1;
            int db = i <= b.Count ? b[b.Count - i] : 1;
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException($"{op}: shapes {Format(a)} and {Format(b)} cannot be broadcast together (dimension {-i} is {da} vs {db}).");
            result[rank - i] = da == 1 ? db : da;
        }
        return result;
    }

    /// <summary>
    /// Strides for reading a tensor of shape <paramref name="from"/> as if it had the broadcast shape
    /// <paramref name="to"/>: 0 along every dimension that is repeated.
    /// </summary>
    public static int[] BroadcastStrides(IReadOnlyList<int> from, IReadOnlyList<int> to)
    {
        var own = Strides(from);
        var strides = new int[to.Count];
        int offset = to.Count - from.Count;
        for (int d = 0; d < to.Count; d++)
        {
            int k = d - offset;
            strides[d] = k < 0 || from[k] == 1 ? 0 : own[k];
        }
        return strides;
    }

    internal static bool Equal(int[] a, int[] b) => a.AsSpan().SequenceEqual(b);

    internal static bool Equal(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        if (a.Count != b.Count) return false;
        for (int i = 0; i < a.Count; i++) if (a[i] != b[i]) return false;
        return true;
    }
}
