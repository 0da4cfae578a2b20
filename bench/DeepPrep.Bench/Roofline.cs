using System.Globalization;
using System.Runtime.Intrinsics;

namespace DeepPrep.Bench;

/// <summary>
/// The CPU's theoretical peak: cores × FMA units per core × SIMD lanes × 2 flops per FMA × clock.
/// </summary>
/// <remarks>
/// On the machine these figures were measured on (AMD EPYC, family 25 model 1 = Zen 3, 2 cores, AVX2):
/// Zen 3 has two 256-bit FMA pipes per core, a 256-bit vector holds 8 floats or 4 doubles, and the
/// reported clock is 2.445 GHz, so the peak is 2 × 2 × 8 × 2 × 2.445 = 156.5 GFLOP/s for float and
/// 78.2 for double. Cores and vector width are read from the runtime, the clock from /proc/cpuinfo;
/// the FMA unit count (2) holds for Zen 2–4 and Intel since Haswell and is an assumption elsewhere.
/// Turbo clocks can push a real run above "100 %" of this nominal peak.
/// </remarks>
internal static class Roofline
{
    public const int FmaUnitsPerCore = 2;

    public static double ClockGhz()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
                if (line.StartsWith("cpu MHz"))
                    return double.Parse(line[(line.IndexOf(':') + 1)..].Trim(), CultureInfo.InvariantCulture) / 1000;
        }
        catch (IOException) { }
        return 2.5; // no /proc/cpuinfo: a typical server clock, stated rather than guessed silently
    }

    public static int VectorBytes => Vector512.IsHardwareAccelerated ? 64 : Vector256.IsHardwareAccelerated ? 32 : 16;

    /// <summary>Peak GFLOP/s for elements of the given size (4 = float, 8 = double).</summary>
    public static double PeakGflops(int elementBytes) =>
        Environment.ProcessorCount * FmaUnitsPerCore * (VectorBytes / elementBytes) * 2 * ClockGhz();
}
