using BenchmarkDotNet.Attributes;
using DeepPrep.Backends;

namespace DeepPrep.Bench;

/// <summary>BenchmarkDotNet micro-benchmarks of GEMM: fast backend against the naive reference on small sizes.</summary>
[MemoryDiagnoser]
public class GemmMicro
{
    private float[] a = [], b = [], c = [];

    [Params(16, 64, 128)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Rng(0);
        a = Enumerable.Range(0, N * N).Select(_ => (float)rng.NextDouble()).ToArray();
        b = Enumerable.Range(0, N * N).Select(_ => (float)rng.NextDouble()).ToArray();
        c = new float[N * N];
    }

    [Benchmark(Baseline = true)]
    public void Reference() => ReferenceBackend.Instance.Gemm(false, false, N, N, N, 1f, a, N, b, N, 0f, c, N);

    [Benchmark]
    public void Current() => Backend.Current.Gemm(false, false, N, N, N, 1f, a, N, b, N, 0f, c, N);
}
