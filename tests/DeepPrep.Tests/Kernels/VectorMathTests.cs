using System.Numerics;
using System.Runtime.Intrinsics;
using DeepPrep.Backends.Managed;
using static DeepPrep.Tests.Kernels.KernelTestUtil;

namespace DeepPrep.Tests.Kernels;

/// <summary>
/// The vectorised exp and log against Math.Exp / Math.Log. Tolerance: 3 ulps of the result (the polynomials are
/// accurate to well under an ulp; the rest is rounding in range reduction and Horner). In the subnormal range
/// the spacing of numbers is fixed, so there the tolerance is 3 ulps of the smallest normal number.
/// </summary>
public class VectorMathTests
{
    private static T[] Apply<T>(T[] x, bool log) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var y = new T[x.Length];
        int w = Vector256<T>.Count;
        var buffer = new T[w];
        for (int i = 0; i < x.Length; i += w)
        {
            for (int j = 0; j < w; j++) buffer[j] = i + j < x.Length ? x[i + j] : T.One;
            var v = Vector256.Create<T>(buffer);
            var r = log ? VectorMath.Log(v) : VectorMath.Exp(v);
            for (int j = 0; j < w && i + j < x.Length; j++) y[i + j] = r.GetElement(j);
        }
        return y;
    }

    private static void Check<T>(T[] x, bool log) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var got = Apply(x, log);
        var want = x.Select(v => T.CreateTruncating(log ? Math.Log(double.CreateTruncating(v)) : Math.Exp(double.CreateTruncating(v)))).ToArray();
        double eps = Eps<T>(), minNormal = typeof(T) == typeof(float) ? 1.1754943508222875e-38 : 2.2250738585072014e-308;
        AssertClose<T>(want, got, i => 3 * eps * Math.Max(Math.Abs(double.CreateTruncating(want[i])), minNormal),
            $"{typeof(T).Name} {(log ? "log" : "exp")}");
    }

    private static T[] Inputs<T>(double lo, double hi, int n, int seed) where T : IBinaryFloatingPointIeee754<T> =>
        Uniform<T>(n, seed, lo, hi);

    [Fact]
    public void Exp_Float()
    {
        Check(Inputs<float>(-1, 1, 20000, 1), log: false);
        Check(Inputs<float>(-110, 90, 20000, 2), log: false); // includes overflow to ∞ and the subnormal range
        Check<float>([0f, -0f, 1f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 88.72f, 88.73f, -87.3f, -103.9f, -150f, 1e-30f, -1e-30f], log: false);
    }

    [Fact]
    public void Exp_Double()
    {
        Check(Inputs<double>(-1, 1, 20000, 3), log: false);
        Check(Inputs<double>(-750, 712, 20000, 4), log: false);
        Check<double>([0, -0.0, 1, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 709.78, 709.79, -708.4, -745.1, -800, 1e-300], log: false);
    }

    [Fact]
    public void Log_Float()
    {
        Check(Inputs<float>(0.5, 2, 20000, 5), log: true);
        Check(Enumerable.Range(0, 20000).Select(i => (float)Math.Pow(10, -45 + 83.0 * i / 20000)).ToArray(), log: true); // subnormals to 1e38
        Check<float>([1f, 0f, -0f, -1f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, float.MaxValue, 1.0000001f, 0.99999994f], log: true);
    }

    [Fact]
    public void Log_Double()
    {
        Check(Inputs<double>(0.5, 2, 20000, 6), log: true);
        Check(Enumerable.Range(0, 20000).Select(i => Math.Pow(10, -320 + 628.0 * i / 20000)).ToArray(), log: true);
        Check<double>([1, 0, -0.0, -1, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, double.MaxValue, 1.0000000000000002, 0.9999999999999999], log: true);
    }
}
