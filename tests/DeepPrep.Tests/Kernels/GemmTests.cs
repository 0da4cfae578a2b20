using System.Numerics;
using DeepPrep.Backends;
using DeepPrep.Backends.Gemm;
using static DeepPrep.Tests.Kernels.KernelTestUtil;

namespace DeepPrep.Tests.Kernels;

/// <summary>
/// ManagedBackend.Gemm against ReferenceBackend.Gemm. Tolerance: both compute each entry as a k-term dot product
/// in a different order (blocked, FMA), and each order's error is at most γ_k·Σ_p |a_ip·b_pj| with γ_k ≈ k·eps
/// (the standard dot-product bound); the two can differ by twice that, plus a few roundings for α and β. So
/// |fast − reference| ≤ (2k + 4)·eps·(|α|·Σ_p |a_ip·b_pj| + |β|·|c_ij|).
/// </summary>
public class GemmTests
{
    private static readonly IBackend Fast = ManagedBackend.Instance, Reference = ReferenceBackend.Instance;

    /// <summary>Runs one GEMM through both backends on identical inputs and compares every entry of C, including untouched padding.</summary>
    private static void Check<T>(bool transA, bool transB, int m, int n, int k, double alpha, double beta,
                                 int seed, int padA = 0, int padB = 0, int padC = 0, bool nanInC = false)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int aRows = transA ? k : m, aCols = transA ? m : k, bRows = transB ? n : k, bCols = transB ? k : n;
        int lda = Math.Max(1, aCols + padA), ldb = Math.Max(1, bCols + padB), ldc = Math.Max(1, n + padC);
        var a = Uniform<T>(Math.Max(0, aRows * lda), seed);
        var b = Uniform<T>(Math.Max(0, bRows * ldb), seed + 1);
        var c0 = Uniform<T>(Math.Max(0, m * ldc), seed + 2);
        // The padding between rows must never be read (NaN there would poison the result) ...
        for (int r = 0; r < aRows; r++) for (int j = aCols; j < lda; j++) a[r * lda + j] = T.NaN;
        for (int r = 0; r < bRows; r++) for (int j = bCols; j < ldb; j++) b[r * ldb + j] = T.NaN;
        // ... nor written (a sentinel in C's padding must survive).
        for (int r = 0; r < m; r++) for (int j = n; j < ldc; j++) c0[r * ldc + j] = T.CreateTruncating(12345);
        if (nanInC) for (int r = 0; r < m; r++) for (int j = 0; j < n; j++) c0[r * ldc + j] = T.NaN;

        var want = (T[])c0.Clone();
        var got = (T[])c0.Clone();
        T al = T.CreateTruncating(alpha), be = T.CreateTruncating(beta);
        Reference.Gemm(transA, transB, m, n, k, al, a, lda, b, ldb, be, want, ldc);
        Fast.Gemm(transA, transB, m, n, k, al, a, lda, b, ldb, be, got, ldc);

        double eps = Eps<T>();
        AssertClose<T>(want, got, idx =>
        {
            int i = idx / ldc, j = idx % ldc;
            if (j >= n) return 0; // padding: must be unchanged
            double sum = 0;
            for (int p = 0; p < k; p++)
            {
                double aip = double.CreateTruncating(transA ? a[p * lda + i] : a[i * lda + p]);
                double bpj = double.CreateTruncating(transB ? b[j * ldb + p] : b[p * ldb + j]);
                sum += Math.Abs(aip * bpj);
            }
            double cOld = beta == 0 ? 0 : Math.Abs(double.CreateTruncating(c0[idx]));
            return (2 * k + 4) * eps * (Math.Abs(alpha) * sum + Math.Abs(beta) * cOld);
        }, $"{typeof(T).Name} gemm tA={transA} tB={transB} m={m} n={n} k={k} α={alpha} β={beta} pads=({padA},{padB},{padC})");
    }

    /// <summary>Every (m, n, k) in 0..33 where some dimension is 0 or 1 (empty products, outer products, row/column vectors).</summary>
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void DegenerateSizes_AllCombinationsUpTo33(bool transA, bool transB)
    {
        int seed = 0;
        for (int m = 0; m <= 33; m++)
            for (int n = 0; n <= 33; n++)
                for (int k = 0; k <= 33; k++)
                {
                    if (m > 1 && n > 1 && k > 1) continue;
                    Check<float>(transA, transB, m, n, k, 1, 0, seed++);
                    Check<double>(transA, transB, m, n, k, 1, 0.5, seed++);
                }
    }

    /// <summary>A deterministic sample of 300 (m, n, k) in 2..33, covering every ragged edge against the 6×16 / 6×8 register tile.</summary>
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void SampledSmallSizes(bool transA, bool transB)
    {
        var rng = new Random(7);
        for (int t = 0; t < 300; t++)
        {
            int m = rng.Next(2, 34), n = rng.Next(2, 34), k = rng.Next(2, 34);
            Check<float>(transA, transB, m, n, k, 1, 0, 1000 + t);
            Check<double>(transA, transB, m, n, k, 1, 0, 2000 + t);
        }
    }

    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(0.5, 0.0)]
    [InlineData(1.0, 1.0)]
    [InlineData(0.5, 1.0)]
    [InlineData(-2.0, -0.75)]
    [InlineData(0.0, 0.5)]
    public void AlphaBeta(double alpha, double beta)
    {
        foreach (var (ta, tb) in new[] { (false, false), (true, false), (false, true), (true, true) })
            foreach (var (m, n, k) in new[] { (5, 7, 3), (6, 16, 9), (13, 35, 21), (70, 90, 80) })
            {
                Check<float>(ta, tb, m, n, k, alpha, beta, m + n + k);
                Check<double>(ta, tb, m, n, k, alpha, beta, m * n + k);
            }
    }

    /// <summary>β = 0 means "overwrite": NaN already in C must not leak into the result (BLAS convention).</summary>
    [Fact]
    public void BetaZero_DoesNotReadC()
    {
        foreach (var (m, n, k) in new[] { (1, 1, 1), (6, 16, 4), (7, 17, 5), (40, 50, 60), (150, 140, 300) })
        {
            Check<float>(false, false, m, n, k, 1, 0, 11, nanInC: true);
            Check<double>(true, true, m, n, k, 0.5, 0, 12, nanInC: true);
            var c = new float[m * n];
            Array.Fill(c, float.NaN);
            Fast.Gemm(false, false, m, n, k, 1f, Uniform<float>(m * k, 1), k, Uniform<float>(k * n, 2), n, 0f, c, n);
            Assert.DoesNotContain(c, float.IsNaN);
        }
    }

    /// <summary>Leading dimensions larger than the rows: padding is neither read (it holds NaN) nor written (it holds a sentinel).</summary>
    [Fact]
    public void LeadingDimensionsLargerThanWidth()
    {
        foreach (var (ta, tb) in new[] { (false, false), (true, false), (false, true), (true, true) })
            foreach (var (m, n, k) in new[] { (3, 5, 4), (7, 19, 11), (33, 20, 70), (100, 120, 90), (130, 70, 300) })
            {
                Check<float>(ta, tb, m, n, k, 1, 0.5, 3, padA: 3, padB: 5, padC: 7);
                Check<double>(ta, tb, m, n, k, 0.5, 0, 4, padA: 1, padB: 9, padC: 2);
            }
    }

    /// <summary>Odd shapes larger than the cache blocks (MC = 144/72 rows, KC = 256) and above the threading threshold.</summary>
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void LargeOddShapes(bool transA, bool transB)
    {
        Check<float>(transA, transB, 257, 129, 63, 1, 0, 21);
        Check<double>(transA, transB, 257, 129, 63, 1, 0.5, 22);
        Check<float>(transA, transB, 301, 203, 517, 0.5, 1, 23);    // 2 KC blocks + ragged, 3 MC blocks, threaded (split by rows)
        Check<double>(transA, transB, 149, 311, 263, 1, 0, 24);    // wider than tall: threads split columns
    }

    /// <summary>One row or one column of C (the matrix–vector path), both storage directions, padded leading dimensions, NaN in C with β = 0.</summary>
    [Fact]
    public void VectorShapes()
    {
        foreach (var (ta, tb) in new[] { (false, false), (true, false), (false, true), (true, true) })
            foreach (var (m, n, k) in new[] { (1, 1, 1), (1, 37, 5), (1, 100, 300), (1, 7, 1000), (37, 1, 5), (300, 1, 100), (7, 1, 1000), (1, 33, 8), (33, 1, 9) })
            {
                Check<float>(ta, tb, m, n, k, 1, 0, m + k, padA: 2, padB: 3, padC: 4, nanInC: true);
                Check<double>(ta, tb, m, n, k, 0.5, -1, m * k, padA: 1, padB: 0, padC: 3);
                Check<float>(ta, tb, m, n, k, 2, 0.5, n + k);
            }
    }

    /// <summary>A B panel wider than NC (4096 floats / 2048 doubles), so the outermost loop runs more than once.</summary>
    [Fact]
    public void WiderThanOnePanel()
    {
        Check<float>(false, false, 9, 4100, 20, 1, 0.5, 31);
        Check<double>(false, true, 9, 2060, 300, 1, 0, 32);
    }

    /// <summary>The same checks through the 512-bit and 128-bit kernels (emulated by .NET where the CPU lacks them).</summary>
    [Theory]
    [InlineData(512)]
    [InlineData(128)]
    public void OtherVectorWidths(int bits)
    {
        int saved = FastGemm.ForcedVectorBits;
        FastGemm.ForcedVectorBits = bits;
        try
        {
            var rng = new Random(bits);
            foreach (var (ta, tb) in new[] { (false, false), (true, false), (false, true), (true, true) })
            {
                for (int t = 0; t < 25; t++)
                    Check<float>(ta, tb, rng.Next(0, 40), rng.Next(0, 70), rng.Next(0, 40), 1, t % 2 == 0 ? 0 : 0.5, t);
                Check<float>(ta, tb, 157, 93, 300, 0.5, 0, 41);
                Check<double>(ta, tb, 150, 71, 270, 1, 1, 42);
            }
        }
        finally { FastGemm.ForcedVectorBits = saved; }
    }

    /// <summary>Forces the direct (unpacked) path, the packed path and the threaded path on the same small shapes.</summary>
    [Theory]
    [InlineData("direct")]
    [InlineData("packed")]
    [InlineData("threaded")]
    public void EveryPathOnSmallShapes(string path)
    {
        var fd = (GemmDriver<float, System.Runtime.Intrinsics.Vector256<float>, Simd256<float>>.DirectWork,
                  GemmDriver<float, System.Runtime.Intrinsics.Vector256<float>, Simd256<float>>.ParallelWork);
        var dd = (GemmDriver<double, System.Runtime.Intrinsics.Vector256<double>, Simd256<double>>.DirectWork,
                  GemmDriver<double, System.Runtime.Intrinsics.Vector256<double>, Simd256<double>>.ParallelWork);
        (long direct, long parallel) = path switch
        {
            "direct" => (long.MaxValue, long.MaxValue),
            "packed" => (0L, long.MaxValue),
            _ => (0L, 0L),
        };
        SetThresholds(direct, parallel);
        try
        {
            var rng = new Random(path.Length);
            foreach (var (ta, tb) in new[] { (false, false), (true, false), (false, true), (true, true) })
                for (int t = 0; t < 40; t++)
                {
                    int m = rng.Next(1, 50), n = rng.Next(1, 50), k = rng.Next(1, 300);
                    Check<float>(ta, tb, m, n, k, 1, t % 3 == 0 ? 0.5 : 0, t, padA: t % 2, padC: t % 3);
                    Check<double>(ta, tb, m, n, k, 0.5, t % 3 == 1 ? 1 : 0, t);
                }
        }
        finally
        {
            GemmDriver<float, System.Runtime.Intrinsics.Vector256<float>, Simd256<float>>.DirectWork = fd.Item1;
            GemmDriver<float, System.Runtime.Intrinsics.Vector256<float>, Simd256<float>>.ParallelWork = fd.Item2;
            GemmDriver<double, System.Runtime.Intrinsics.Vector256<double>, Simd256<double>>.DirectWork = dd.Item1;
            GemmDriver<double, System.Runtime.Intrinsics.Vector256<double>, Simd256<double>>.ParallelWork = dd.Item2;
        }

        static void SetThresholds(long direct, long parallel)
        {
            GemmDriver<float, System.Runtime.Intrinsics.Vector256<float>, Simd256<float>>.DirectWork = direct;
            GemmDriver<float, System.Runtime.Intrinsics.Vector256<float>, Simd256<float>>.ParallelWork = parallel;
            GemmDriver<double, System.Runtime.Intrinsics.Vector256<double>, Simd256<double>>.DirectWork = direct;
            GemmDriver<double, System.Runtime.Intrinsics.Vector256<double>, Simd256<double>>.ParallelWork = parallel;
        }
    }

    /// <summary>Several threads multiplying at once: the worker threads serve one call at a time, the others run serially.</summary>
    [Fact]
    public async Task ConcurrentCallers()
    {
        var tasks = Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (int r = 0; r < 3; r++)
            {
                Check<float>(t % 2 == 0, r % 2 == 0, 130 + t, 120 + r, 140, 1, 0, 100 * t + r);
                Check<double>(false, t % 2 == 1, 100, 90 + t, 110 + r, 0.5, 1, 200 * t + r);
            }
        })).ToArray();
        await Task.WhenAll(tasks);
    }

    /// <summary>
    /// Reproducibility: every route (direct or packed, one thread or several, 128/256/512-bit vectors) sums each
    /// entry of C in the same order, so all of them must give the same bits (k &gt; KC = 256 included).
    /// </summary>
    [Fact]
    public void EveryRouteGivesIdenticalBits()
    {
        foreach (var (ta, tb, m, n, k, beta) in new[] { (false, false, 37, 45, 600, 0.0), (true, false, 64, 30, 300, 0.5), (false, true, 13, 70, 257, 1.0), (true, true, 50, 50, 50, 0.0) })
        {
            float[] Run(int bits, long direct, long parallel)
            {
                var a = Uniform<float>(m * k, 1); var b = Uniform<float>(k * n, 2); var c = Uniform<float>(m * n, 3);
                int savedBits = FastGemm.ForcedVectorBits;
                var saved = (GemmDriver<float, System.Runtime.Intrinsics.Vector256<float>, Simd256<float>>.DirectWork,
                             GemmDriver<float, System.Runtime.Intrinsics.Vector256<float>, Simd256<float>>.ParallelWork);
                try
                {
                    FastGemm.ForcedVectorBits = bits;
                    GemmDriver<float, System.Runtime.Intrinsics.Vector256<float>, Simd256<float>>.DirectWork = direct;
                    GemmDriver<float, System.Runtime.Intrinsics.Vector256<float>, Simd256<float>>.ParallelWork = parallel;
                    Fast.Gemm(ta, tb, m, n, k, 0.75f, a, ta ? m : k, b, tb ? k : n, (float)beta, c, n);
                }
                finally
                {
                    FastGemm.ForcedVectorBits = savedBits;
                    GemmDriver<float, System.Runtime.Intrinsics.Vector256<float>, Simd256<float>>.DirectWork = saved.Item1;
                    GemmDriver<float, System.Runtime.Intrinsics.Vector256<float>, Simd256<float>>.ParallelWork = saved.Item2;
                }
                return c;
            }
            var baseline = Run(256, long.MaxValue, long.MaxValue); // direct, one thread
            string what = $"tA={ta} tB={tb} {m}x{n}x{k} β={beta}";
            Assert.Equal(baseline, Run(256, 0, long.MaxValue));          // packed
            Assert.Equal(baseline, Run(256, 0, 0));                      // packed, threaded
            Assert.Equal(baseline, Run(256, long.MaxValue, 0));          // direct, threaded
            Assert.Equal(baseline, Run(0, 64 * 64 * 64, 64 * 64 * 64));  // defaults
            if (System.Runtime.Intrinsics.X86.Fma.IsSupported)
            {
                Assert.Equal(baseline, Run(512, 0, 0));                  // (thresholds of the 512-bit instantiation stay default)
                Assert.Equal(baseline, Run(128, 0, 0));
            }
            Assert.True(baseline.All(float.IsFinite), what);
        }
    }

    /// <summary>A hand-computed product, so the test does not only trust the reference.</summary>
    [Fact]
    public void KnownProduct()
    {
        // [1 2 3; 4 5 6] · [7 8; 9 10; 11 12] = [58 64; 139 154]
        float[] a = [1, 2, 3, 4, 5, 6], b = [7, 8, 9, 10, 11, 12], c = new float[4];
        Fast.Gemm(false, false, 2, 2, 3, 1f, a, 3, b, 2, 0f, c, 2);
        Assert.Equal([58f, 64f, 139f, 154f], c);
        double[] at = [1, 4, 2, 5, 3, 6], bt = [7, 9, 11, 8, 10, 12], cd = [1, 1, 1, 1];
        Fast.Gemm(true, true, 2, 2, 3, 2.0, at, 2, bt, 3, -1.0, cd, 2);
        Assert.Equal([115.0, 127.0, 277.0, 307.0], cd);
    }

    [Fact]
    public void BadArguments_ThrowWithSizes()
    {
        var a = new float[12]; var b = new float[16]; var c = new float[9];
        var e1 = Assert.Throws<ArgumentException>(() => Fast.Gemm(false, false, 3, 4, 4, 1f, a, 4, b, 4, 0f, c, 4));
        Assert.Contains("C", e1.Message); Assert.Contains("12", e1.Message); Assert.Contains("9", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => Fast.Gemm(false, false, 3, 3, 4, 1f, a, 3, b, 4, 0f, c, 3));
        Assert.Contains("leading dimension of A is 3", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => Fast.Gemm(true, false, 3, 3, 4, 1f, a, 3, new float[11], 3, 0f, c, 3));
        Assert.Contains("B", e3.Message); Assert.Contains("11", e3.Message);
        var e4 = Assert.Throws<ArgumentException>(() => Fast.Gemm(false, false, -1, 3, 4, 1f, a, 4, b, 3, 0f, c, 3));
        Assert.Contains("m=-1", e4.Message);
        Assert.Throws<ArgumentException>(() => Fast.Gemm(false, false, 3, 3, 3, 1.0, new double[9], 3, new double[9], 3, 0.0, new double[9], 2));
    }
}
