using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DeepPrep.Backends.Managed;

/// <summary>
/// Row-wise softmax and log-softmax of x viewed as [rows, cols], stable: each row's maximum m is subtracted
/// before exponentiating, so e^(x−m) ≤ 1 never overflows.
/// </summary>
/// <remarks>
/// <code>
/// softmax:     y = e^(x−m) / Σ e^(x−m)      passes per row: max; exp, store and sum; divide
/// log-softmax: y = (x − m) − log Σ e^(x−m)  passes per row: max; sum of exps (not stored); subtract
/// </code>
/// Special values behave like the reference: the max ignores NaN (NaN &gt; m is false) and the NaN then flows
/// through the sum into the whole row; a row containing +∞ gives NaN (∞ − ∞); a row of all −∞ gives NaN.
/// x and y may be the same span.
/// </remarks>
internal static class SoftmaxKernel
{
    public static void Run<T>(ReadOnlySpan<T> x, Span<T> y, int rows, int cols, bool log)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        KernelChecks.Softmax(x.Length, y.Length, rows, cols);
        for (int r = 0; r < rows; r++)
        {
            var xr = x.Slice(r * cols, cols);
            var yr = y.Slice(r * cols, cols);
            T max = RowMax(xr);
            if (!log)
            {
                T sum = ExpSum(xr, max, yr, store: true);
                Elementwise.Map(yr, yr, new DivideBy<T>(sum));
            }
            else
            {
                T logSum = T.Log(ExpSum(xr, max, yr, store: false));
                Elementwise.Map(xr, yr, new ShiftBy<T>(max, logSum));
            }
        }
    }

    /// <summary>max over the row with the reference's rule (v &gt; m), starting from −∞: NaNs are skipped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T RowMax<T>(ReadOnlySpan<T> row) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ref T r = ref MemoryMarshal.GetReference(row);
        int n = row.Length, i = 0, w = Vector256<T>.Count;
        T max = T.NegativeInfinity;
        if (Vector256.IsHardwareAccelerated && n >= w)
        {
            var m = Vector256.Create(T.NegativeInfinity);
            for (; i <= n - w; i += w)
            {
                var v = Vector256.LoadUnsafe(ref r, (nuint)i);
                m = Vector256.ConditionalSelect(Vector256.GreaterThan(v, m), v, m);
            }
            for (int lane = 0; lane < w; lane++) if (m.GetElement(lane) > max) max = m.GetElement(lane);
        }
        for (; i < n; i++) if (Unsafe.Add(ref r, i) > max) max = Unsafe.Add(ref r, i);
        return max;
    }

    /// <summary>Σ e^(x[j] − max); with <paramref name="store"/>, also y[j] = e^(x[j] − max).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T ExpSum<T>(ReadOnlySpan<T> x, T max, Span<T> y, bool store) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T yr = ref MemoryMarshal.GetReference(y);
        int n = x.Length, i = 0, w = Vector256<T>.Count;
        T sum = T.Zero;
        if (Vector256.IsHardwareAccelerated && n >= w)
        {
            var m = Vector256.Create(max);
            var acc = Vector256<T>.Zero;
            for (; i <= n - w; i += w)
            {
                var e = VectorMath.Exp(Vector256.LoadUnsafe(ref xr, (nuint)i) - m);
                if (store) e.StoreUnsafe(ref yr, (nuint)i);
                acc += e;
            }
            sum = Vector256.Sum(acc);
        }
        for (; i < n; i++)
        {
            T e = T.Exp(Unsafe.Add(ref xr, i) - max);
            if (store) Unsafe.Add(ref yr, i) = e;
            sum += e;
        }
        return sum;
    }

    private readonly struct DivideBy<T>(T d) : IUnaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x) => x / d;
        public Vector256<T> Invoke(Vector256<T> x) => x / Vector256.Create(d);
    }

    /// <summary>(x − max) − logSum, in the reference's order.</summary>
    private readonly struct ShiftBy<T>(T max, T logSum) : IUnaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x) => x - max - logSum;
        public Vector256<T> Invoke(Vector256<T> x) => x - Vector256.Create(max) - Vector256.Create(logSum);
    }
}
