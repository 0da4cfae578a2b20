using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DeepPrep.Backends.Managed;

/// <summary>
/// Row-wise softmax and log-softmax of x viewed as [rows, cols], stable: each row's maximum m is subtracted
/// before exponentiating, so eˣ⁻ᵐ ≤ 1 never overflows.
/// </summary>
/// <remarks>
/// softmax:     y = e^(x−m) / Σ e^(x−m)           three passes per row: max, exp-and-store, divide
/// log-softmax: y = (x − m) − log Σ e^(x−m)       the exponentials are summed from a stack buffer, never stored in y
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
        Span<T> buffer = stackalloc T[log ? Elementwise.Chunk : 0];
        for (int r = 0; r < rows; r++)
        {
            var xr = x.Slice(r * cols, cols);
            var yr = y.Slice(r * cols, cols);
            T max = RowMax(xr);
            if (!log)
            {
                TensorPrimitives.Subtract(xr, max, yr);
                TensorPrimitives.Exp(yr, yr);
                T sum = TensorPrimitives.Sum<T>(yr);
                TensorPrimitives.Divide(yr, sum, yr);
            }
            else
            {
                T sum = T.Zero;
                for (int start = 0; start < cols; start += Elementwise.Chunk)
                {
                    var t = buffer[..Math.Min(Elementwise.Chunk, cols - start)];
                    TensorPrimitives.Subtract(xr.Slice(start, t.Length), max, t);
                    TensorPrimitives.Exp(t, t);
                    sum += TensorPrimitives.Sum<T>(t);
                }
                TensorPrimitives.Subtract(xr, max, yr);
                TensorPrimitives.Subtract(yr, T.Log(sum), yr);
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
}
