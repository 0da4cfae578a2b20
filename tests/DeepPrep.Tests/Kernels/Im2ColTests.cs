using DeepPrep.Backends;
using static DeepPrep.Tests.Kernels.KernelTestUtil;

namespace DeepPrep.Tests.Kernels;

/// <summary>
/// Im2Col / Col2Im against the reference over many geometries. Im2Col only copies, and Col2Im adds in the
/// reference's order, so both must agree exactly.
/// </summary>
public class Im2ColTests
{
    private static readonly IBackend Fast = ManagedBackend.Instance, Reference = ReferenceBackend.Instance;

    public static IEnumerable<object[]> Geometries()
    {
        foreach (int c in new[] { 1, 3 })
            foreach (int h in new[] { 1, 2, 5, 8 })
                foreach (int w in new[] { 1, 3, 7, 12 })
                    foreach (int k in new[] { 1, 2, 3, 5 })
                        foreach (int s in new[] { 1, 2, 3 })
                            foreach (int p in new[] { 0, 1, 2 })
                                if (KernelChecks.ConvOutputSize(h, k, s, p) > 0 && KernelChecks.ConvOutputSize(w, k, s, p) > 0)
                                    yield return [c, h, w, k, s, p];
    }

    [Fact]
    public void AllGeometries()
    {
        int seed = 0, count = 0;
        foreach (var g in Geometries())
        {
            int c = (int)g[0], h = (int)g[1], w = (int)g[2], k = (int)g[3], s = (int)g[4], p = (int)g[5];
            int kh = k, kw = Math.Max(1, k - (seed % 2)); // square and non-square kernels
            int outH = KernelChecks.ConvOutputSize(h, kh, s, p), outW = KernelChecks.ConvOutputSize(w, kw, s, p);
            if (outH <= 0 || outW <= 0) continue;
            string what = $"C={c} H={h} W={w} k={kh}x{kw} s={s} p={p}";
            var image = Uniform<float>(c * h * w, seed++);
            int n = c * kh * kw * outH * outW;
            var want = new float[n]; var got = new float[n];
            Array.Fill(got, float.NaN); // every entry, padding included, must be written
            Reference.Im2Col(image, c, h, w, kh, kw, s, p, want);
            Fast.Im2Col(image, c, h, w, kh, kw, s, p, got);
            AssertSame<float>(want, got, "im2col " + what);

            var columns = Uniform<double>(n, seed++);
            var imgWant = Uniform<double>(c * h * w, seed++);
            var imgGot = (double[])imgWant.Clone();
            Reference.Col2Im(columns, c, h, w, kh, kw, s, p, imgWant);
            Fast.Col2Im(columns, c, h, w, kh, kw, s, p, imgGot);
            AssertSame<double>(imgWant, imgGot, "col2im " + what);
            count++;
        }
        Assert.True(count > 300, $"only {count} geometries ran");
    }

    [Fact]
    public void BadSizes_Throw()
    {
        var e = Assert.Throws<ArgumentException>(() => Fast.Im2Col(new float[16], 1, 4, 4, 3, 3, 1, 0, new float[35]));
        Assert.Contains("35", e.Message); Assert.Contains("36", e.Message);
        Assert.Throws<ArgumentException>(() => Fast.Col2Im(new float[36], 1, 4, 4, 3, 3, 1, 0, new float[15]));
        Assert.Throws<ArgumentException>(() => Fast.Im2Col(new float[4], 1, 2, 2, 3, 3, 1, 0, new float[1]));
    }
}
