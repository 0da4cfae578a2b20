using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DeepPrep.Backends.Managed;

// Shared loop drivers for elementwise kernels (the TensorPrimitives pattern): an op is a tiny struct with
// a scalar Invoke and a Vector256 Invoke; a driver walks the spans 8 floats (4 doubles) at a time and
// finishes the last few elements with the scalar Invoke. Because the op is a struct type parameter, the JIT
// compiles one specialised loop per op with the Invoke calls inlined: no virtual calls, no delegates.
//
// The drivers are marked AggressiveOptimization so they run optimised from the first call (see MicroKernel.Run), and
// NoInlining so that each op gets a compiled loop of its own instead of being inlined into a kernel's switch over
// twenty ops, where the JIT's inlining budget for that one method would have to cover every op's vector math.
//
// Aliasing: each driver reads element i of every input before writing element i of the output, so the
// output may be the same span as any input (in-place ops). Partially overlapping spans are not supported.

/// <summary>y = f(x), one element or one vector at a time.</summary>
internal interface IUnaryMap<T> where T : unmanaged
{
    T Invoke(T x);
    Vector256<T> Invoke(Vector256<T> x);
}

/// <summary>z = f(x, y).</summary>
internal interface IBinaryMap<T> where T : unmanaged
{
    /// <summary>False for ops with no vector form (Pow): the drivers then use the scalar Invoke only.</summary>
    bool Vectorized { get; }
    T Invoke(T x, T y);
    Vector256<T> Invoke(Vector256<T> x, Vector256<T> y);
}

/// <summary>out = f(x, y, z): used by backward kernels, e.g. dx = dy·f′(x, y).</summary>
internal interface ITernaryMap<T> where T : unmanaged
{
    T Invoke(T x, T y, T z);
    Vector256<T> Invoke(Vector256<T> x, Vector256<T> y, Vector256<T> z);
}

internal static class Elementwise
{
    /// <summary>y[i] = op(x[i]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public static void Map<T, TOp>(ReadOnlySpan<T> x, Span<T> y, TOp op)
        where T : unmanaged where TOp : struct, IUnaryMap<T>
    {
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T yr = ref MemoryMarshal.GetReference(y);
        int n = x.Length, i = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
                op.Invoke(Vector256.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref yr, (nuint)i);
        for (; i < n; i++) Unsafe.Add(ref yr, i) = op.Invoke(Unsafe.Add(ref xr, i));
    }

    /// <summary>z[i] = op(x[i], y[i]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public static void Map<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> z, TOp op)
        where T : unmanaged where TOp : struct, IBinaryMap<T>
        => MapStrided(z.Length, ref MemoryMarshal.GetReference(x), 1, ref MemoryMarshal.GetReference(y), 1, ref MemoryMarshal.GetReference(z), op);

    /// <summary>out[i] = op(x[i], y[i], z[i]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public static void Map<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> z, Span<T> result, TOp op)
        where T : unmanaged where TOp : struct, ITernaryMap<T>
    {
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T yr = ref MemoryMarshal.GetReference(y);
        ref T zr = ref MemoryMarshal.GetReference(z);
        ref T rr = ref MemoryMarshal.GetReference(result);
        int n = result.Length, i = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
                op.Invoke(Vector256.LoadUnsafe(ref xr, (nuint)i), Vector256.LoadUnsafe(ref yr, (nuint)i), Vector256.LoadUnsafe(ref zr, (nuint)i))
                  .StoreUnsafe(ref rr, (nuint)i);
        for (; i < n; i++) Unsafe.Add(ref rr, i) = op.Invoke(Unsafe.Add(ref xr, i), Unsafe.Add(ref yr, i), Unsafe.Add(ref zr, i));
    }

    /// <summary>
    /// A dense layer's epilogue in one pass over a [rows, cols] matrix: z[r, j] += b[j], then y[r, j] = op(z[r, j]).
    /// cols must be a multiple of the vector width and at most four vectors, so b stays in registers and every element
    /// takes the vector path (exactly the vectors a separate bias add and a separate map would use: the same bits).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public static void MapWithRowBias<T, TOp>(Span<T> z, ReadOnlySpan<T> b, Span<T> y, int rows, int cols, TOp op)
        where T : unmanaged, INumberBase<T> where TOp : struct, IUnaryMap<T>
    {
        int w = Vector256<T>.Count, vectors = cols / w;
        ref T zr = ref MemoryMarshal.GetReference(z);
        ref T yr = ref MemoryMarshal.GetReference(y);
        ref T br = ref MemoryMarshal.GetReference(b);
        var b0 = Vector256.LoadUnsafe(ref br);
        var b1 = vectors > 1 ? Vector256.LoadUnsafe(ref br, (nuint)w) : default;
        var b2 = vectors > 2 ? Vector256.LoadUnsafe(ref br, (nuint)(2 * w)) : default;
        var b3 = vectors > 3 ? Vector256.LoadUnsafe(ref br, (nuint)(3 * w)) : default;
        for (nuint row = 0, end = (nuint)rows * (nuint)cols; row < end; row += (nuint)cols)
        {
            Epilogue(ref zr, ref yr, row, b0, op);
            if (vectors > 1) Epilogue(ref zr, ref yr, row + (nuint)w, b1, op);
            if (vectors > 2) Epilogue(ref zr, ref yr, row + (nuint)(2 * w), b2, op);
            if (vectors > 3) Epilogue(ref zr, ref yr, row + (nuint)(3 * w), b3, op);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Epilogue<T, TOp>(ref T z, ref T y, nuint at, Vector256<T> bias, TOp op)
        where T : unmanaged, INumberBase<T> where TOp : struct, IUnaryMap<T>
    {
        var sum = Vector256.LoadUnsafe(ref z, at) + bias;
        sum.StoreUnsafe(ref z, at);
        op.Invoke(sum).StoreUnsafe(ref y, at);
    }

    /// <summary>
    /// An activation's backward and the bias gradient in one pass over [rows, cols]: dx = op(x, y, dy) elementwise, and
    /// sums[j] = Σ_r dx[r, j], added row after row from 0 (the order of a column-sum reduction, so the same bits). Same
    /// shape rule as <see cref="MapWithRowBias"/>: the running sums stay in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public static void MapWithColumnSums<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, Span<T> sums,
                                                 int rows, int cols, TOp op)
        where T : unmanaged, INumberBase<T> where TOp : struct, ITernaryMap<T>
    {
        int w = Vector256<T>.Count, vectors = cols / w;
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T yr = ref MemoryMarshal.GetReference(y);
        ref T dyr = ref MemoryMarshal.GetReference(dy);
        ref T dxr = ref MemoryMarshal.GetReference(dx);
        Vector256<T> s0 = Vector256<T>.Zero, s1 = s0, s2 = s0, s3 = s0;
        for (nuint row = 0, end = (nuint)rows * (nuint)cols; row < end; row += (nuint)cols)
        {
            s0 += Gradient(ref xr, ref yr, ref dyr, ref dxr, row, op);
            if (vectors > 1) s1 += Gradient(ref xr, ref yr, ref dyr, ref dxr, row + (nuint)w, op);
            if (vectors > 2) s2 += Gradient(ref xr, ref yr, ref dyr, ref dxr, row + (nuint)(2 * w), op);
            if (vectors > 3) s3 += Gradient(ref xr, ref yr, ref dyr, ref dxr, row + (nuint)(3 * w), op);
        }
        ref T sr = ref MemoryMarshal.GetReference(sums);
        s0.StoreUnsafe(ref sr);
        if (vectors > 1) s1.StoreUnsafe(ref sr, (nuint)w);
        if (vectors > 2) s2.StoreUnsafe(ref sr, (nuint)(2 * w));
        if (vectors > 3) s3.StoreUnsafe(ref sr, (nuint)(3 * w));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Gradient<T, TOp>(ref T x, ref T y, ref T dy, ref T dx, nuint at, TOp op)
        where T : unmanaged, INumberBase<T> where TOp : struct, ITernaryMap<T>
    {
        var g = op.Invoke(Vector256.LoadUnsafe(ref x, at), Vector256.LoadUnsafe(ref y, at), Vector256.LoadUnsafe(ref dy, at));
        g.StoreUnsafe(ref dx, at);
        return g;
    }

    /// <summary>True when a [rows, cols] matrix fits <see cref="MapWithRowBias"/> and <see cref="MapWithColumnSums"/>.</summary>
    public static bool FitsRowRegisters<T>(int cols) where T : unmanaged =>
        Vector256.IsHardwareAccelerated && cols > 0 && cols % Vector256<T>.Count == 0 && cols <= 4 * Vector256<T>.Count;

    /// <summary>
    /// One run of a binary op: z[i] = op(x[i·sx], y[i·sy]) for i &lt; n, z contiguous. The four strides that
    /// cover almost every broadcast get a vector loop: both contiguous, or one side a single broadcast value
    /// (stride 0). Any other stride (a transpose, a slice) is a gather, element by element.
    /// </summary>
    // Inlined into its callers' loops: a broadcast like [256, 16] + [16] calls it once per 16-element row.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MapStrided<T, TOp>(int n, ref T x, nint sx, ref T y, nint sy, ref T z, TOp op)
        where T : unmanaged where TOp : struct, IBinaryMap<T>
    {
        int i = 0, w = Vector256<T>.Count;
        if (Vector256.IsHardwareAccelerated && op.Vectorized)
        {
            if (sx == 1 && sy == 1)
                for (; i <= n - w; i += w)
                    op.Invoke(Vector256.LoadUnsafe(ref x, (nuint)i), Vector256.LoadUnsafe(ref y, (nuint)i)).StoreUnsafe(ref z, (nuint)i);
            else if (sx == 1 && sy == 0)
            {
                var yv = Vector256.Create(y);
                for (; i <= n - w; i += w)
                    op.Invoke(Vector256.LoadUnsafe(ref x, (nuint)i), yv).StoreUnsafe(ref z, (nuint)i);
            }
            else if (sx == 0 && sy == 1)
            {
                var xv = Vector256.Create(x);
                for (; i <= n - w; i += w)
                    op.Invoke(xv, Vector256.LoadUnsafe(ref y, (nuint)i)).StoreUnsafe(ref z, (nuint)i);
            }
            else if (sx == 0 && sy == 0)
            {
                var zv = Vector256.Create(op.Invoke(x, y));
                for (; i <= n - w; i += w) zv.StoreUnsafe(ref z, (nuint)i);
            }
        }
        for (; i < n; i++) Unsafe.Add(ref z, i) = op.Invoke(Unsafe.Add(ref x, i * sx), Unsafe.Add(ref y, i * sy));
    }
}
