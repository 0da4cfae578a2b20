// DeepPrep benchmarks. Prints one JSON line per case, with the same case names as the PyTorch peer
// (shared/bench/torch_peer.py), so bench/compare can pair them up.
//   dotnet run -c Release --project bench/DeepPrep.Bench -- [gemm] [tiny] [mlp] [micro] [--smoke]
// "micro" runs the BenchmarkDotNet micro-benchmarks (GEMM kernels per path) instead of the plain harness.
using DeepPrep.Bench;

var cases = args.Where(a => !a.StartsWith("--")).ToList();
bool smoke = args.Contains("--smoke");   // tiny sizes, one repetition: checks the harness runs (CI)
if (cases.Count == 0) cases = ["gemm", "tiny", "mlp"];
foreach (var c in cases)
{
    switch (c)
    {
        case "gemm": GemmCases.Run(smoke); break;
        case "tiny": TinyNetCase.Run(smoke); break;
        case "mlp": MlpCase.Run(smoke); break;
        case "micro": BenchmarkDotNet.Running.BenchmarkRunner.Run<GemmMicro>(); break;
        default: Console.Error.WriteLine($"Unknown case '{c}'. Cases: gemm, tiny, mlp, micro."); return 2;
    }
}
return 0;
