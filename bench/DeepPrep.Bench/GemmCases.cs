using System.Diagnostics;
using DeepPrep.Backends;

namespace DeepPrep.Bench;

/// <summary>
/// sgemm N / dgemm N: C = A·B for N×N row-major matrices, in GFLOP/s (2N³ flops per product), with the
/// fraction of this CPU's theoretical peak (see <see cref="Roofline"/>).
/// </summary>
internal static class GemmCases
{
    public static void Run(bool smoke)
    {
        foreach (int n in smoke ? [16, 64] : new[] { 128, 512, 1024 })
        {
            Case<float>("sgemm", n, smoke);
            Case<double>("dgemm", n, smoke);
        }
    }

    private static void Case<T>(string name, int n, bool smoke) where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        var rng = new Rng(0);
        var a = new T[n * n]; var b = new T[n * n]; var c = new T[n * n];
        for (int i = 0; i < a.Length; i++) { a[i] = T.CreateTruncating(rng.NextDouble()); b[i] = T.CreateTruncating(rng.NextDouble()); }
        var backend = Backend.Current;
        void Multiply() => backend.Gemm(false, false, n, n, n, T.One, a, n, b, n, T.Zero, c, n);
        // Same repetition rule as the peer: enough products for ~3·10⁹ flops, at least 5.
        int reps = smoke ? 1 : Math.Max(5, (int)(3e9 / (2.0 * n * n * n)));
        Multiply(); Multiply(); // warm-up: JIT tiers, pack buffers, thread pool
        var sw = Stopwatch.StartNew();
        for (int r = 0; r < reps; r++) Multiply();
        double seconds = sw.Elapsed.TotalSeconds / reps;
        double gflops = 2.0 * n * n * n / seconds / 1e9;
        double peak = Roofline.PeakGflops(typeof(T) == typeof(float) ? 4 : 8);
        Json.Line(("case", $"{name} {n}"), ("gflops", Math.Round(gflops, 1)), ("fraction_of_peak", Math.Round(gflops / peak, 3)),
                  ("peak_gflops", Math.Round(peak, 1)), ("backend", backend.Name));
    }
}
