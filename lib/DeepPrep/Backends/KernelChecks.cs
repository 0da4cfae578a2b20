namespace DeepPrep.Backends;

/// <summary>
/// Argument checks shared by every backend, so a bad call fails with the sizes in the message
/// instead of reading past the end of an array deep inside a SIMD loop.
/// </summary>
public static class KernelChecks
{
    public static void Gemm(bool transA, bool transB, int m, int n, int k,
                            int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        if (m < 0 || n < 0 || k < 0)
            throw new ArgumentException($"Gemm: dimensions must be non-negative, got m={m}, n={n}, k={k}.");
        // Stored shapes: A is m×k (or k×m if transposed), B is k×n (or n×k), C is m×n.
        int aRows = transA ? k : m, aCols = transA ? m : k;
        int bRows = transB ? n : k, bCols = transB ? k : n;
        CheckMatrix("A", aRows, aCols, lda, aLength, m, n, k);
        CheckMatrix("B", bRows, bCols, ldb, bLength, m, n, k);
        CheckMatrix("C", m, n, ldc, cLength, m, n, k);
    }

    private static void CheckMatrix(string name, int rows, int cols, int ld, int length, int m, int n, int k)
    {
        if (ld < Math.Max(1, cols))
            throw new ArgumentException($"Gemm (m={m}, n={n}, k={k}): leading dimension of {name} is {ld}, must be at least {Math.Max(1, cols)}.");
        long needed = rows == 0 || cols == 0 ? 0 : (long)(rows - 1) * ld + cols;
        if (length < needed)
            throw new ArgumentException($"Gemm (m={m}, n={n}, k={k}): {name} ({rows}×{cols}, ld={ld}) needs {needed} elements but the span has {length}.");
    }

    // Two- and three-span forms first: every elementwise kernel call checks its lengths, and a params array would be
    // allocated on each call.
    public static void SameLength(string op, int a, int b)
    {
        if (a != b) throw new ArgumentException($"{op}: spans must have the same length, got {a}, {b}.");
    }

    public static void SameLength(string op, int a, int b, int c)
    {
        if (a != b || a != c) throw new ArgumentException($"{op}: spans must have the same length, got {a}, {b}, {c}.");
    }

    /// <summary>Two spans holding a [rows, cols] matrix and one holding a row of cols.</summary>
    public static void RowMatrix(string op, int aLength, int bLength, int rowLength, int rows, int cols)
    {
        if (rows < 0 || cols < 0 || (long)rows * cols != aLength || bLength != aLength || rowLength != cols)
            throw new ArgumentException($"{op}: expected two spans of {rows}×{cols} elements and one of {cols}, got {aLength}, {bLength} and {rowLength}.");
    }

    // Any number of spans: `params ReadOnlySpan` puts the lengths on the stack, so this allocates nothing either.
    public static void SameLength(string op, params ReadOnlySpan<int> lengths)
    {
        for (int i = 1; i < lengths.Length; i++)
            if (lengths[i] != lengths[0])
                throw new ArgumentException($"{op}: spans must have the same length, got {string.Join(", ", lengths.ToArray())}.");
    }

    public static void Binary(int xLength, ReadOnlySpan<int> xStrides, int yLength, ReadOnlySpan<int> yStrides, int zLength, ReadOnlySpan<int> shape)
    {
        if (xStrides.Length != shape.Length || yStrides.Length != shape.Length)
            throw new ArgumentException($"Binary: shape has rank {shape.Length} but strides have ranks {xStrides.Length} and {yStrides.Length}.");
        // Strides are non-negative (broadcasting uses 0); the range check below is only a proof for those, and the
        // managed kernels index with raw offsets on the strength of it.
        foreach (int s in xStrides) if (s < 0) throw new ArgumentException($"Binary: negative stride {s} in x strides [{string.Join(", ", xStrides.ToArray())}].");
        foreach (int s in yStrides) if (s < 0) throw new ArgumentException($"Binary: negative stride {s} in y strides [{string.Join(", ", yStrides.ToArray())}].");
        long size = 1, xMax = 0, yMax = 0;
        for (int d = 0; d < shape.Length; d++)
        {
            if (shape[d] < 0) throw new ArgumentException($"Binary: negative dimension {shape[d]}.");
            size *= shape[d];
            if (shape[d] > 0) { xMax += (long)(shape[d] - 1) * xStrides[d]; yMax += (long)(shape[d] - 1) * yStrides[d]; }
        }
        if (zLength != size) throw new ArgumentException($"Binary: output has {zLength} elements, shape needs {size}.");
        if (size > 0 && (xMax >= xLength || yMax >= yLength))
            throw new ArgumentException($"Binary: strides reach elements {xMax} and {yMax} but inputs have {xLength} and {yLength}.");
    }

    public static void Reduce(ReduceOp op, int xLength, int outer, int axis, int inner, int yLength)
    {
        if (outer < 0 || axis < 0 || inner < 0)
            throw new ArgumentException($"Reduce: sizes must be non-negative, got [{outer}, {axis}, {inner}].");
        if ((long)outer * axis * inner != xLength)
            throw new ArgumentException($"Reduce: input has {xLength} elements, [{outer}, {axis}, {inner}] needs {(long)outer * axis * inner}.");
        if ((long)outer * inner != yLength)
            throw new ArgumentException($"Reduce: output has {yLength} elements, needs {(long)outer * inner}.");
        if (axis == 0 && op != ReduceOp.Sum && outer * inner > 0)
            throw new ArgumentException($"Reduce: {op} of an empty axis is undefined.");
    }

    public static void Softmax(int xLength, int yLength, int rows, int cols)
    {
        if (rows < 0 || cols < 0 || (long)rows * cols != xLength || yLength != xLength)
            throw new ArgumentException($"Softmax: [{rows}, {cols}] needs {(long)rows * cols} elements, got input {xLength} and output {yLength}.");
    }

    public static (int OutH, int OutW) Im2Col(int imageLength, int channels, int height, int width, int kh, int kw,
                                              int stride, int padding, int columnsLength)
    {
        if (channels < 0 || height < 0 || width < 0 || kh <= 0 || kw <= 0 || stride <= 0 || padding < 0)
            throw new ArgumentException($"Im2Col: bad geometry C={channels} H={height} W={width} kernel={kh}×{kw} stride={stride} padding={padding}.");
        int outH = ConvOutputSize(height, kh, stride, padding), outW = ConvOutputSize(width, kw, stride, padding);
        if (outH <= 0 || outW <= 0)
            throw new ArgumentException($"Im2Col: kernel {kh}×{kw} does not fit a {height}×{width} image with padding {padding}.");
        if ((long)channels * height * width != imageLength)
            throw new ArgumentException($"Im2Col: image has {imageLength} elements, [{channels}, {height}, {width}] needs {(long)channels * height * width}.");
        long cols = (long)channels * kh * kw * outH * outW;
        if (cols != columnsLength)
            throw new ArgumentException($"Im2Col: columns have {columnsLength} elements, [{channels * kh * kw}, {outH * outW}] needs {cols}.");
        return (outH, outW);
    }

    /// <summary>Output size of a convolution or pooling window: ⌊(n + 2p − k) / s⌋ + 1.</summary>
    public static int ConvOutputSize(int n, int k, int stride, int padding) => (n + 2 * padding - k) / stride + 1;
}
