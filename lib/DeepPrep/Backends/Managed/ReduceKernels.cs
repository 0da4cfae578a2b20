using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DeepPrep.Backends.Managed;

/// <summary>
/// Sum / max / min over the middle axis of x viewed as [outer, axis, inner] (see <see cref="IBackend.Reduce{T}"/>).
/// </summary>
/// <remarks>
/// <para>inner == 1 (reducing the last axis, e.g. a row sum): each output is a horizontal reduction of one
/// contiguous row. Four vector accumulators run side by side (to hide the add latency), then are combined.
/// The sum's rounding therefore differs from the reference's left-to-right sum by a few ulps·(row length).</para>
/// <para>inner &gt; 1 (reducing an outer axis, e.g. a column sum of [N, C]): the output row of inner values is
/// the accumulator; each of the axis input rows is added to it with vector ops. Every output element sees its
/// inputs in the same order as the reference, so sums agree exactly. The inner dimension is processed in
/// blocks small enough for the accumulator to stay in L1.</para>
/// <para>Max and Min propagate NaN like the reference: a NaN anywhere in the reduced values is the result.</para>
/// </remarks>
internal static class ReduceKernels
{
    /// <summary>Inner elements per block (16 KiB of floats): the accumulator block stays in L1.</summary>
    private const int InnerBlock = 4096;

    public static void Run<T>(ReduceOp op, ReadOnlySpan<T> x, int outer, int axis, int inner, Span<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        KernelChecks.Reduce(op, x.Length, outer, axis, inner, y.Length);
        if (y.Length == 0) return;
        switch (op)
        {
            case ReduceOp.Sum: Run(x, outer, axis, inner, y, new SumOp<T>()); break;
            case ReduceOp.Max: Run(x, outer, axis, inner, y, new MaxOp<T>()); break;
            case ReduceOp.Min: Run(x, outer, axis, inner, y, new MinOp<T>()); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown reduce op.");
        }
    }

    private static void Run<T, TOp>(ReadOnlySpan<T> x, int outer, int axis, int inner, Span<T> y, TOp op)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> where TOp : struct, IReduceOp<T>
    {
        if (axis == 1) { ReduceSingletonAxis(x, y, op); return; }
        for (int o = 0; o < outer; o++)
        {
            var block = x.Slice(o * axis * inner, axis * inner);
            if (inner == 1) y[o] = ReduceRow(block, op);
            else ReduceColumns(block, axis, inner, y.Slice(o * inner, inner), op);
        }
    }

    /// <summary>
    /// An axis of length 1: every output is op(identity, its one input), e.g. 0 + x for a sum (which turns −0 into +0,
    /// as the loops below would). One vector pass over everything, where the general loops would run one reduction per
    /// element: summing a [256, 1] tensor over its last axis was 256 of them.
    /// </summary>
    private static void ReduceSingletonAxis<T, TOp>(ReadOnlySpan<T> x, Span<T> y, TOp op)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> where TOp : struct, IReduceOp<T>
    {
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T yr = ref MemoryMarshal.GetReference(y);
        int n = y.Length, i = 0, w = Vector256<T>.Count;
        if (Vector256.IsHardwareAccelerated)
        {
            var id = Vector256.Create(op.Identity);
            for (; i <= n - w; i += w) op.Combine(id, Vector256.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref yr, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref yr, i) = op.Combine(op.Identity, Unsafe.Add(ref xr, i));
    }

    /// <summary>Reduces one contiguous row to a single value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T ReduceRow<T, TOp>(ReadOnlySpan<T> row, TOp op)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> where TOp : struct, IReduceOp<T>
    {
        ref T r = ref MemoryMarshal.GetReference(row);
        int n = row.Length, i = 0, w = Vector256<T>.Count;
        T acc = op.Identity;
        if (Vector256.IsHardwareAccelerated && n >= 4 * w)
        {
            var id = Vector256.Create(op.Identity);
            Vector256<T> a0 = id, a1 = id, a2 = id, a3 = id;
            for (; i <= n - 4 * w; i += 4 * w)
            {
                a0 = op.Combine(a0, Vector256.LoadUnsafe(ref r, (nuint)i));
                a1 = op.Combine(a1, Vector256.LoadUnsafe(ref r, (nuint)(i + w)));
                a2 = op.Combine(a2, Vector256.LoadUnsafe(ref r, (nuint)(i + 2 * w)));
                a3 = op.Combine(a3, Vector256.LoadUnsafe(ref r, (nuint)(i + 3 * w)));
            }
            for (; i <= n - w; i += w) a0 = op.Combine(a0, Vector256.LoadUnsafe(ref r, (nuint)i));
            var all = op.Combine(op.Combine(a0, a1), op.Combine(a2, a3));
            for (int lane = 0; lane < w; lane++) acc = op.Combine(acc, all.GetElement(lane));
        }
        for (; i < n; i++) acc = op.Combine(acc, Unsafe.Add(ref r, i));
        return acc;
    }

    /// <summary>y[i] = reduce over a of x[a·inner + i], for one [axis, inner] block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReduceColumns<T, TOp>(ReadOnlySpan<T> x, int axis, int inner, Span<T> y, TOp op)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> where TOp : struct, IReduceOp<T>
    {
        ref T x0 = ref MemoryMarshal.GetReference(x);
        int w = Vector256<T>.Count;
        if (Vector256.IsHardwareAccelerated && inner % w == 0 && inner <= 4 * w)
        {
            // Narrow rows (e.g. a bias gradient: [batch, 16] summed over the batch): the whole accumulator row
            // fits in up to four registers, so keep it there instead of loading and storing y for every input row.
            ReduceNarrowColumns(ref x0, axis, inner, y, op);
            return;
        }
        for (int start = 0; start < inner; start += InnerBlock)
        {
            int length = Math.Min(InnerBlock, inner - start);
            var acc = y.Slice(start, length);
            acc.Fill(op.Identity);
            ref T accRef = ref MemoryMarshal.GetReference(acc);
            for (int a = 0; a < axis; a++)
            {
                ref T row = ref Unsafe.Add(ref x0, (nint)a * inner + start);
                int i = 0;
                if (Vector256.IsHardwareAccelerated)
                    for (; i <= length - w; i += w)
                        op.Combine(Vector256.LoadUnsafe(ref accRef, (nuint)i), Vector256.LoadUnsafe(ref row, (nuint)i)).StoreUnsafe(ref accRef, (nuint)i);
                for (; i < length; i++) Unsafe.Add(ref accRef, i) = op.Combine(Unsafe.Add(ref accRef, i), Unsafe.Add(ref row, i));
            }
        }
    }

    /// <summary>ReduceColumns for inner = w, 2w, 3w or 4w (w = lanes per vector), accumulators in registers.</summary>
    private static void ReduceNarrowColumns<T, TOp>(ref T x0, int axis, int inner, Span<T> y, TOp op)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> where TOp : struct, IReduceOp<T>
    {
        int w = Vector256<T>.Count, vectors = inner / w;
        var id = Vector256.Create(op.Identity);
        Vector256<T> a0 = id, a1 = id, a2 = id, a3 = id;
        for (int a = 0; a < axis; a++)
        {
            ref T row = ref Unsafe.Add(ref x0, (nint)a * inner);
            a0 = op.Combine(a0, Vector256.LoadUnsafe(ref row));
            if (vectors > 1) a1 = op.Combine(a1, Vector256.LoadUnsafe(ref row, (nuint)w));
            if (vectors > 2) a2 = op.Combine(a2, Vector256.LoadUnsafe(ref row, (nuint)(2 * w)));
            if (vectors > 3) a3 = op.Combine(a3, Vector256.LoadUnsafe(ref row, (nuint)(3 * w)));
        }
        ref T yr = ref MemoryMarshal.GetReference(y);
        a0.StoreUnsafe(ref yr);
        if (vectors > 1) a1.StoreUnsafe(ref yr, (nuint)w);
        if (vectors > 2) a2.StoreUnsafe(ref yr, (nuint)(2 * w));
        if (vectors > 3) a3.StoreUnsafe(ref yr, (nuint)(3 * w));
    }

    /// <summary>An associative reduction with an identity element, for scalars and vectors.</summary>
    private interface IReduceOp<T> where T : unmanaged
    {
        T Identity { get; }
        T Combine(T acc, T v);
        Vector256<T> Combine(Vector256<T> acc, Vector256<T> v);
    }

    private readonly struct SumOp<T> : IReduceOp<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Identity => T.Zero;
        public T Combine(T acc, T v) => acc + v;
        public Vector256<T> Combine(Vector256<T> acc, Vector256<T> v) => acc + v;
    }

    /// <summary>v replaces acc if v is NaN or larger; once acc is NaN nothing is larger, so NaN sticks.</summary>
    private readonly struct MaxOp<T> : IReduceOp<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Identity => T.NegativeInfinity;
        public T Combine(T acc, T v) => T.IsNaN(v) || v > acc ? v : acc;
        public Vector256<T> Combine(Vector256<T> acc, Vector256<T> v) =>
            Vector256.ConditionalSelect(Vector256.GreaterThan(v, acc) | ~Vector256.Equals(v, v), v, acc);
    }

    private readonly struct MinOp<T> : IReduceOp<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Identity => T.PositiveInfinity;
        public T Combine(T acc, T v) => T.IsNaN(v) || v < acc ? v : acc;
        public Vector256<T> Combine(Vector256<T> acc, Vector256<T> v) =>
            Vector256.ConditionalSelect(Vector256.LessThan(v, acc) | ~Vector256.Equals(v, v), v, acc);
    }
}
