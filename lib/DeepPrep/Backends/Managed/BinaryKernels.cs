using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DeepPrep.Backends.Managed;

/// <summary>
/// z = x ∘ y with broadcasting by strides (see <see cref="IBackend.Binary{T}"/>).
/// </summary>
/// <remarks>
/// <para>Step 1, simplify the shape: drop size-1 dimensions and merge neighbours that are laid out
/// contiguously for both inputs (stride[d] = stride[d+1]·shape[d+1]). A same-shape add of two [N, C, H, W]
/// tensors becomes one run of N·C·H·W elements; [N, C] + [C] becomes N runs of C with y's stride 0 on N.</para>
/// <para>Step 2, walk the outer dimensions with an odometer and hand each innermost run to
/// <see cref="Elementwise.MapStrided"/>, which vectorises the runs that matter: both inputs contiguous
/// (same shape, row broadcast [N, C] + [C]), or one side a single value (scalar, column broadcast
/// [N, C] + [N, 1]).</para>
/// <para>Step 3, a 2-D tiled walk for when an input's innermost stride is neither 0 nor 1: a transposed
/// read, which is how the tensor layer makes transposes contiguous (x + 0 with strides). Walking the
/// output in 8×8 tiles means each cache line of the input is reused across the tile instead of being
/// fetched once per element. Why 8 and not 32: a transpose reads its tile's columns from addresses one row
/// apart, and when rows are a power of two bytes long (a 1024-float row is 4 KiB) all those lines fall into
/// the same L1 cache set, which holds only 8 lines (8-way associative); a 32-wide tile evicts its own lines
/// (measured: 1024×1024 transpose 3.0 ms with 32×32 tiles, 1.5 ms with 8×8).</para>
/// </remarks>
internal static class BinaryKernels
{
    public static void Run<T>(BinaryOp op, ReadOnlySpan<T> x, ReadOnlySpan<int> xStrides, ReadOnlySpan<T> y, ReadOnlySpan<int> yStrides,
                              Span<T> z, ReadOnlySpan<int> shape)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // The loops below index with raw offsets (no bounds checks): KernelChecks.Binary rejects negative strides
        // and proves every offset in range.
        KernelChecks.Binary(x.Length, xStrides, y.Length, yStrides, z.Length, shape);
        if (z.Length == 0) return;
        switch (op)
        {
            case BinaryOp.Add: Run(x, xStrides, y, yStrides, z, shape, new AddOp<T>()); break;
            case BinaryOp.Sub: Run(x, xStrides, y, yStrides, z, shape, new SubOp<T>()); break;
            case BinaryOp.Mul: Run(x, xStrides, y, yStrides, z, shape, new MulOp<T>()); break;
            case BinaryOp.Div: Run(x, xStrides, y, yStrides, z, shape, new DivOp<T>()); break;
            case BinaryOp.Max: Run(x, xStrides, y, yStrides, z, shape, new MaxOp<T>()); break;
            case BinaryOp.Min: Run(x, xStrides, y, yStrides, z, shape, new MinOp<T>()); break;
            case BinaryOp.Pow: Run(x, xStrides, y, yStrides, z, shape, new PowOp<T>()); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown binary op.");
        }
    }

    private const int TransposeTile = 8;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<int> xStrides, ReadOnlySpan<T> y, ReadOnlySpan<int> yStrides,
                                    Span<T> z, ReadOnlySpan<int> shape, TOp op)
        where T : unmanaged where TOp : struct, IBinaryMap<T>
    {
        int maxRank = Math.Max(shape.Length, 1);
        Span<int> dims = stackalloc int[maxRank], xs = stackalloc int[maxRank], ys = stackalloc int[maxRank];
        int rank = Collapse(shape, xStrides, yStrides, dims, xs, ys);
        ref T x0 = ref MemoryMarshal.GetReference(x);
        ref T y0 = ref MemoryMarshal.GetReference(y);
        ref T z0 = ref MemoryMarshal.GetReference(z);

        if (rank == 0) { z0 = op.Invoke(x0, y0); return; } // every dimension had size 1

        int n = dims[rank - 1];
        nint sx = xs[rank - 1], sy = ys[rank - 1];
        bool gather = (sx != 0 && sx != 1) || (sy != 0 && sy != 1);
        if (gather && rank >= 2)
        {
            TiledWalk(rank, dims, xs, ys, ref x0, ref y0, ref z0, op);
            return;
        }

        // [rows, n] ∘ [n] with short rows (a bias add: [256, 16] + [16]): the y row is the same for every output row, so
        // it is loaded into registers once; the odometer below would pay its bookkeeping once per 16-element row.
        if (rank == 2 && sx == 1 && sy == 1 && xs[0] == n && ys[0] == 0 && n <= 4 * Vector256<T>.Count
            && Vector256.IsHardwareAccelerated && op.Vectorized)
        {
            RowBroadcast(dims[0], n, ref x0, ref y0, ref z0, op);
            return;
        }

        // Odometer over the outer dimensions; each step is one run of n output elements.
        int outerRank = rank - 1;
        Span<int> index = stackalloc int[Math.Max(outerRank, 1)];
        index.Clear();
        nint xo = 0, yo = 0;
        for (int zo = 0; zo < z.Length; zo += n)
        {
            Elementwise.MapStrided(n, ref Unsafe.Add(ref x0, xo), sx, ref Unsafe.Add(ref y0, yo), sy, ref Unsafe.Add(ref z0, zo), op);
            for (int d = outerRank - 1; d >= 0; d--)
            {
                xo += xs[d]; yo += ys[d];
                if (++index[d] < dims[d]) break;
                xo -= (nint)xs[d] * dims[d]; yo -= (nint)ys[d] * dims[d];
                index[d] = 0;
            }
        }
    }

    /// <summary>z[r, j] = op(x[r, j], y[j]) for rows of n ≤ 4 vectors: y's vectors stay in registers across rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowBroadcast<T, TOp>(int rows, int n, ref T x0, ref T y0, ref T z0, TOp op)
        where T : unmanaged where TOp : struct, IBinaryMap<T>
    {
        int w = Vector256<T>.Count, vectors = n / w;
        var y1 = vectors > 0 ? Vector256.LoadUnsafe(ref y0) : default;
        var y2 = vectors > 1 ? Vector256.LoadUnsafe(ref y0, (nuint)w) : default;
        var y3 = vectors > 2 ? Vector256.LoadUnsafe(ref y0, (nuint)(2 * w)) : default;
        var y4 = vectors > 3 ? Vector256.LoadUnsafe(ref y0, (nuint)(3 * w)) : default;
        for (int r = 0; r < rows; r++)
        {
            ref T x = ref Unsafe.Add(ref x0, (nint)r * n);
            ref T z = ref Unsafe.Add(ref z0, (nint)r * n);
            // Each vector of the row is read before it is written, so z may be x (an in-place bias add).
            if (vectors > 0) op.Invoke(Vector256.LoadUnsafe(ref x), y1).StoreUnsafe(ref z);
            if (vectors > 1) op.Invoke(Vector256.LoadUnsafe(ref x, (nuint)w), y2).StoreUnsafe(ref z, (nuint)w);
            if (vectors > 2) op.Invoke(Vector256.LoadUnsafe(ref x, (nuint)(2 * w)), y3).StoreUnsafe(ref z, (nuint)(2 * w));
            if (vectors > 3) op.Invoke(Vector256.LoadUnsafe(ref x, (nuint)(3 * w)), y4).StoreUnsafe(ref z, (nuint)(3 * w));
            for (int j = vectors * w; j < n; j++) Unsafe.Add(ref z, j) = op.Invoke(Unsafe.Add(ref x, j), Unsafe.Add(ref y0, j));
        }
    }

    /// <summary>
    /// The last two dimensions in square tiles (rows r, columns c of each output plane), the ones before by odometer.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TiledWalk<T, TOp>(int rank, Span<int> dims, Span<int> xs, Span<int> ys, ref T x0, ref T y0, ref T z0, TOp op)
        where T : unmanaged where TOp : struct, IBinaryMap<T>
    {
        int rows = dims[rank - 2], cols = dims[rank - 1];
        nint xr = xs[rank - 2], xc = xs[rank - 1], yr = ys[rank - 2], yc = ys[rank - 1];
        int planes = 1;
        for (int d = 0; d < rank - 2; d++) planes *= dims[d];
        int outerRank = rank - 2;
        Span<int> index = stackalloc int[Math.Max(outerRank, 1)];
        index.Clear();
        nint xo = 0, yo = 0, zo = 0;
        for (int plane = 0; plane < planes; plane++)
        {
            for (int i0 = 0; i0 < rows; i0 += TransposeTile)
            {
                int i1 = Math.Min(rows, i0 + TransposeTile);
                for (int j0 = 0; j0 < cols; j0 += TransposeTile)
                {
                    int j1 = Math.Min(cols, j0 + TransposeTile);
                    for (int i = i0; i < i1; i++)
                    {
                        ref T zRow = ref Unsafe.Add(ref z0, zo + (nint)i * cols);
                        ref T xRow = ref Unsafe.Add(ref x0, xo + i * xr);
                        ref T yRow = ref Unsafe.Add(ref y0, yo + i * yr);
                        for (int j = j0; j < j1; j++)
                            Unsafe.Add(ref zRow, j) = op.Invoke(Unsafe.Add(ref xRow, j * xc), Unsafe.Add(ref yRow, j * yc));
                    }
                }
            }
            zo += (nint)rows * cols;
            for (int d = outerRank - 1; d >= 0; d--)
            {
                xo += xs[d]; yo += ys[d];
                if (++index[d] < dims[d]) break;
                xo -= (nint)xs[d] * dims[d]; yo -= (nint)ys[d] * dims[d];
                index[d] = 0;
            }
        }
    }

    /// <summary>
    /// Drops size-1 dimensions and merges adjacent dimensions that are contiguous for both inputs.
    /// Writes the simplified shape and strides (outermost first) and returns its rank.
    /// </summary>
    internal static int Collapse(ReadOnlySpan<int> shape, ReadOnlySpan<int> xStrides, ReadOnlySpan<int> yStrides,
                                 Span<int> dims, Span<int> xs, Span<int> ys)
    {
        int rank = 0;
        for (int d = 0; d < shape.Length; d++)
        {
            if (shape[d] == 1) continue;
            if (rank > 0 && xs[rank - 1] == xStrides[d] * shape[d] && ys[rank - 1] == yStrides[d] * shape[d])
            {
                // Dimension d continues the previous one in memory for both inputs: fold it in.
                dims[rank - 1] *= shape[d];
                xs[rank - 1] = xStrides[d];
                ys[rank - 1] = yStrides[d];
                continue;
            }
            dims[rank] = shape[d]; xs[rank] = xStrides[d]; ys[rank] = yStrides[d];
            rank++;
        }
        return rank;
    }

    // ---- Op structs, scalar forms exactly as in Scalar.Apply.

    private readonly struct AddOp<T> : IBinaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public bool Vectorized => true;
        public T Invoke(T x, T y) => x + y;
        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => x + y;
    }

    private readonly struct SubOp<T> : IBinaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public bool Vectorized => true;
        public T Invoke(T x, T y) => x - y;
        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => x - y;
    }

    private readonly struct MulOp<T> : IBinaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public bool Vectorized => true;
        public T Invoke(T x, T y) => x * y;
        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => x * y;
    }

    private readonly struct DivOp<T> : IBinaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public bool Vectorized => true;
        public T Invoke(T x, T y) => x / y;
        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => x / y;
    }

    /// <summary>x if x is NaN or x ≥ y, else y: a NaN on either side wins (NaN ≥ y and x ≥ NaN are both false).</summary>
    private readonly struct MaxOp<T> : IBinaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public bool Vectorized => true;
        public T Invoke(T x, T y) => T.IsNaN(x) || x >= y ? x : y;
        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) =>
            Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, y) | ~Vector256.Equals(x, x), x, y);
    }

    private readonly struct MinOp<T> : IBinaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public bool Vectorized => true;
        public T Invoke(T x, T y) => T.IsNaN(x) || x <= y ? x : y;
        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) =>
            Vector256.ConditionalSelect(Vector256.LessThanOrEqual(x, y) | ~Vector256.Equals(x, x), x, y);
    }

    /// <summary>Pow has no vector instruction; the drivers call the scalar form for every element.</summary>
    private readonly struct PowOp<T> : IBinaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public bool Vectorized => false;
        public T Invoke(T x, T y) => T.Pow(x, y);
        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => throw new NotSupportedException("Pow is scalar only.");
    }
}
