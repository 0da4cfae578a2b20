namespace DeepPrep;

// Creating tensors: filled, ranges, from .NET arrays, and seeded random.
public sealed partial class Tensor
{
    /// <summary>
    /// The element type used when none is given (like torch.set_default_dtype). float32 by default;
    /// notebooks that claim exact numbers set it to Float64.
    /// </summary>
    public static DType DefaultDType { get; set; } = DType.Float32;

    // Zeroed storage: new, or reused from the open BufferPool step.
    internal static Array Allocate(DType dtype, long size) => BufferPool.Allocate(dtype, (int)size);

    /// <summary>An uninitialised-in-spirit (actually zeroed) tensor: the output buffer ops write into. It keeps <paramref name="shape"/> (never modify it afterwards).</summary>
    internal static Tensor Empty(int[] shape, DType dtype) => BufferPool.NewTensor(shape, shape, dtype, clear: true);

    /// <summary>
    /// An output buffer whose old contents do not matter, because the kernel writing it overwrites every element
    /// (a GEMM with β = 0, an elementwise map). Outside a <see cref="BufferPool"/> step it is zeroed like any new
    /// array; inside one, a reused array keeps the previous step's numbers instead of being cleared first, which
    /// saves a pass over memory per op. Use <see cref="Empty"/> whenever a kernel accumulates into its output.
    /// </summary>
    internal static Tensor Uninitialized(int[] shape, DType dtype) => BufferPool.NewTensor(shape, shape, dtype, clear: false);

    /// <summary><see cref="Uninitialized(int[], DType)"/> for a shape written in place (<c>[n, m]</c>): its array is only made if the tensor is new.</summary>
    internal static Tensor Uninitialized(ReadOnlySpan<int> shape, DType dtype) => BufferPool.NewTensor(shape, null, dtype, clear: false);

    /// <summary>All zeros, default dtype. <c>Tensor.Zeros(2, 3)</c>.</summary>
    public static Tensor Zeros(params int[] shape) => Zeros(shape, DefaultDType);

    public static Tensor Zeros(int[] shape, DType dtype) => Empty((int[])shape.Clone(), dtype);

    /// <summary>All ones, default dtype.</summary>
    public static Tensor Ones(params int[] shape) => Full(shape, 1.0, DefaultDType);

    public static Tensor Ones(int[] shape, DType dtype) => Full(shape, 1.0, dtype);

    /// <summary>Every element equal to <paramref name="value"/>.</summary>
    public static Tensor Full(int[] shape, double value, DType? dtype = null)
    {
        var t = Zeros(shape, dtype ?? DefaultDType);
        if (value != 0) t.FillInPlace(value);
        return t;
    }

    /// <summary>A zero-dimensional tensor holding one number.</summary>
    public static Tensor Scalar(double value, DType? dtype = null) => Full([], value, dtype);

    // x's shape array is shared, not copied: a tensor's shape never changes.
    public static Tensor ZerosLike(Tensor x) => Empty(x.shape, x.DType);

    public static Tensor OnesLike(Tensor x)
    {
        var ones = Uninitialized(x.shape, x.DType);
        ones.FillInPlace(1);
        return ones;
    }

    /// <summary>start, start+step, … up to but excluding stop (like numpy.arange). 1-D.</summary>
    public static Tensor Arange(double start, double stop, double step = 1, DType? dtype = null)
    {
        if (step == 0 || double.IsNaN(step)) throw new ArgumentException("Arange: step must be non-zero.");
        int n = Math.Max(0, (int)Math.Ceiling((stop - start) / step));
        var t = Zeros([n], dtype ?? DefaultDType);
        for (int i = 0; i < n; i++) t.SetFlat(i, start + i * step);
        return t;
    }

    /// <summary>n evenly spaced points from start to stop, both included. 1-D.</summary>
    public static Tensor Linspace(double start, double stop, int n, DType? dtype = null)
    {
        if (n < 0) throw new ArgumentException($"Linspace: n must be non-negative, got {n}.");
        var t = Zeros([n], dtype ?? DefaultDType);
        for (int i = 0; i < n; i++) t.SetFlat(i, n == 1 ? start : start + (stop - start) * i / (n - 1));
        return t;
    }

    /// <summary>A float64 tensor with the given values (copied), shaped as given (1-D if no shape).</summary>
    public static Tensor From(double[] values, params int[] shape) =>
        new((double[])values.Clone(), shape.Length == 0 ? [values.Length] : (int[])shape.Clone());

    /// <summary>A float32 tensor with the given values (copied), shaped as given (1-D if no shape).</summary>
    public static Tensor From(float[] values, params int[] shape) =>
        new((float[])values.Clone(), shape.Length == 0 ? [values.Length] : (int[])shape.Clone());

    /// <summary>A float64 matrix from a 2-D array.</summary>
    public static Tensor From(double[,] values)
    {
        int rows = values.GetLength(0), cols = values.GetLength(1);
        var flat = new double[rows * cols];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) flat[i * cols + j] = values[i, j];
        return new Tensor(flat, [rows, cols]);
    }

    /// <summary>A float32 matrix from a 2-D array.</summary>
    public static Tensor From(float[,] values)
    {
        int rows = values.GetLength(0), cols = values.GetLength(1);
        var flat = new float[rows * cols];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) flat[i * cols + j] = values[i, j];
        return new Tensor(flat, [rows, cols]);
    }

    /// <summary>A matrix from rows of equal length (jagged array), in the given dtype.</summary>
    public static Tensor FromRows(IReadOnlyList<double[]> rows, DType? dtype = null)
    {
        int cols = rows.Count == 0 ? 0 : rows[0].Length;
        var t = Zeros([rows.Count, cols], dtype ?? DefaultDType);
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != cols)
                throw new ArgumentException($"FromRows: row {i} has {rows[i].Length} values, row 0 has {cols}.");
            for (int j = 0; j < cols; j++) t.SetFlat(i * cols + j, rows[i][j]);
        }
        return t;
    }

    /// <summary>Samples from N(mean, sd²), drawn from <paramref name="rng"/> (default: the global seed's init stream).</summary>
    public static Tensor Randn(int[] shape, Rng? rng = null, double mean = 0, double sd = 1, DType? dtype = null)
    {
        rng ??= DeepPrep.Seed.Global.Init;
        var t = Zeros(shape, dtype ?? DefaultDType);
        for (int i = 0; i < t.Size; i++) t.SetFlat(i, rng.Normal(mean, sd));
        return t;
    }

    /// <summary>Samples from U[low, high), drawn from <paramref name="rng"/> (default: the global seed's init stream).</summary>
    public static Tensor Rand(int[] shape, Rng? rng = null, double low = 0, double high = 1, DType? dtype = null)
    {
        rng ??= DeepPrep.Seed.Global.Init;
        var t = Zeros(shape, dtype ?? DefaultDType);
        for (int i = 0; i < t.Size; i++) t.SetFlat(i, rng.Uniform(low, high));
        return t;
    }

    internal void SetFlat(int flat, double value)
    {
        if (data is float[] f) f[flat] = (float)value; else F64[flat] = value;
    }

    /// <summary>Sets every element to <paramref name="value"/>, in place, outside the graph.</summary>
    public void FillInPlace(double value)
    {
        if (data is float[] f) Array.Fill(f, (float)value); else Array.Fill(F64, value);
    }

    /// <summary>Copies <paramref name="source"/>'s values into this tensor, in place, outside the graph. Shapes must match.</summary>
    public void CopyFrom(Tensor source)
    {
        if (!Shapes.Equal(shape, source.shape))
            throw new ArgumentException($"CopyFrom: shapes {Shapes.Format(shape)} and {Shapes.Format(source.shape)} differ.");
        if (source.DType == DType) Array.Copy(source.data, data, Size);
        else for (int i = 0; i < Size; i++) SetFlat(i, source.GetFlat(i));
    }

    /// <summary>A copy with its own storage, outside the graph.</summary>
    public Tensor Clone()
    {
        var copy = new Tensor((Array)data.Clone(), (int[])shape.Clone()) { Name = Name };
        return copy;
    }
}
