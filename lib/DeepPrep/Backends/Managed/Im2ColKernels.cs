using System.Numerics;
using System.Runtime.Intrinsics;

namespace DeepPrep.Backends.Managed;

/// <summary>
/// Im2Col (image → columns, so convolution becomes one GEMM) and its adjoint Col2Im (columns → image, summed).
/// </summary>
/// <remarks>
/// Row (c, ki, kj) of the columns holds, for every output position (oy, ox), the input pixel
/// image[c, oy·s − p + ki, ox·s − p + kj], or 0 where that falls in the padding. For a fixed (kj) the
/// output columns whose pixel is inside the image form one interval [oxLo, oxHi), computed once per row,
/// so the inner loop has no bounds test: it is a plain copy (a memcpy when the stride is 1) between
/// two runs of zeros. Rows oy whose input row iy is in the padding are all zeros. Col2Im walks the same
/// intervals and adds instead of copying, in the reference's order, so its sums agree exactly.
/// </remarks>
internal static class Im2ColKernels
{
    public static void Im2Col<T>(ReadOnlySpan<T> image, int channels, int height, int width, int kh, int kw,
                                 int stride, int padding, Span<T> columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var (outH, outW) = KernelChecks.Im2Col(image.Length, channels, height, width, kh, kw, stride, padding, columns.Length);
        for (int c = 0; c < channels; c++)
            for (int ki = 0; ki < kh; ki++)
                for (int kj = 0; kj < kw; kj++)
                {
                    var (oxLo, oxHi) = InsideRange(kj, stride, padding, width, outW);
                    int row = (c * kh + ki) * kw + kj;
                    var dst = columns.Slice(row * outH * outW, outH * outW);
                    for (int oy = 0; oy < outH; oy++)
                    {
                        var d = dst.Slice(oy * outW, outW);
                        int iy = oy * stride - padding + ki;
                        if (iy < 0 || iy >= height || oxLo >= oxHi) { d.Clear(); continue; }
                        d[..oxLo].Clear();
                        d[oxHi..].Clear();
                        var src = image.Slice((c * height + iy) * width, width);
                        int ix = oxLo * stride - padding + kj;
                        if (stride == 1) src.Slice(ix, oxHi - oxLo).CopyTo(d[oxLo..]);
                        else for (int ox = oxLo; ox < oxHi; ox++, ix += stride) d[ox] = src[ix];
                    }
                }
    }

    public static void Col2Im<T>(ReadOnlySpan<T> columns, int channels, int height, int width, int kh, int kw,
                                 int stride, int padding, Span<T> image)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var (outH, outW) = KernelChecks.Im2Col(image.Length, channels, height, width, kh, kw, stride, padding, columns.Length);
        for (int c = 0; c < channels; c++)
            for (int ki = 0; ki < kh; ki++)
                for (int kj = 0; kj < kw; kj++)
                {
                    var (oxLo, oxHi) = InsideRange(kj, stride, padding, width, outW);
                    if (oxLo >= oxHi) continue;
                    int row = (c * kh + ki) * kw + kj;
                    var src = columns.Slice(row * outH * outW, outH * outW);
                    for (int oy = 0; oy < outH; oy++)
                    {
                        int iy = oy * stride - padding + ki;
                        if (iy < 0 || iy >= height) continue;
                        var s = src.Slice(oy * outW, outW);
                        var dst = image.Slice((c * height + iy) * width, width);
                        int ix = oxLo * stride - padding + kj;
                        if (stride == 1)
                        {
                            var run = dst.Slice(ix, oxHi - oxLo);
                            Elementwise.Map<T, AddOp<T>>(run, s[oxLo..oxHi], run, default);
                        }
                        else for (int ox = oxLo; ox < oxHi; ox++, ix += stride) dst[ix] += s[ox];
                    }
                }
    }

    /// <summary>
    /// The output columns ox whose input column ix = ox·stride − padding + kj lies in [0, width), as [lo, hi).
    /// </summary>
    internal static (int Lo, int Hi) InsideRange(int kj, int stride, int padding, int width, int outW)
    {
        // ix ≥ 0  ⇔  ox ≥ (padding − kj) / stride, rounded up.
        int before = padding - kj;
        int lo = before <= 0 ? 0 : (before + stride - 1) / stride;
        // ix ≤ width − 1  ⇔  ox ≤ (width − 1 + padding − kj) / stride, rounded down.
        int last = width - 1 + padding - kj;
        int hi = last < 0 ? 0 : last / stride + 1;
        lo = Math.Min(lo, outW);
        hi = Math.Clamp(hi, lo, outW);
        return (lo, hi);
    }

    private readonly struct AddOp<T> : IBinaryMap<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public bool Vectorized => true;
        public T Invoke(T x, T y) => x + y;
        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => x + y;
    }
}
