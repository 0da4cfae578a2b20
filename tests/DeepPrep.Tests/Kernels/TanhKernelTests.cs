using System.Runtime.Intrinsics;
using DeepPrep.Backends.Managed;

namespace DeepPrep.Tests.Kernels;

/// <summary>
/// TanhKernel against Math.Tanh evaluated in double. float uses a rational approximation whose largest error, found by
/// checking every float in [0, 12] once (bench/fit_tanh.py says how it was fitted), is 5.6 ulps at x ≈ 8.49; the test
/// walks a dense, evenly spread subset of those floats (every 61st bit pattern: all exponents, ~18 million values)
/// and allows 6 ulps. double keeps the exp-based formula with its series near 0 (3 ulps, see VectorMathTests).
/// </summary>
public class TanhKernelTests
{
    /// <summary>The distance between y and the exact value in units of the float spacing at the exact value.</summary>
    private static double UlpsOff(float y, double exact)
    {
        float rounded = (float)exact;
        double ulp = MathF.BitIncrement(Math.Abs(rounded)) - Math.Abs(rounded);
        return Math.Abs(y - exact) / ulp;
    }

    private static float[] Apply(float[] x)
    {
        var y = new float[x.Length];
        for (int i = 0; i + 8 <= x.Length; i += 8)
            TanhKernel.Tanh(Vector256.Create(x, i)).CopyTo(y, i);
        return y;
    }

    [Fact]
    public void Float_WithinSixUlps_OverEveryExponentUpTo12()
    {
        int top = BitConverter.SingleToInt32Bits(12f);
        var xs = new List<float>();
        for (int bits = 1; bits < top; bits += 61) { float v = BitConverter.Int32BitsToSingle(bits); xs.Add(v); xs.Add(-v); }
        while (xs.Count % 8 != 0) xs.Add(0.5f);
        var x = xs.ToArray();
        var y = Apply(x);
        double worst = 0; float worstAt = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double off = UlpsOff(y[i], Math.Tanh(x[i]));
            if (off > worst) { worst = off; worstAt = x[i]; }
        }
        Assert.True(worst <= 6, $"float tanh is {worst:F2} ulps off at x = {worstAt:R}");
        Assert.True(worst >= 1, $"suspiciously exact ({worst:F2} ulps): is the rational approximation in use?");
    }

    [Fact]
    public void Float_SpecialValues()
    {
        float[] x = [0f, -0f, 1e-40f, -1e-30f, 9.1f, 20f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, 8.5f, -8.5f, 1f, -1f, 0.5f, 3f, 30f];
        var y = Apply(x);
        Assert.Equal(0f, y[0]); Assert.False(float.IsNegative(y[0]));
        Assert.Equal(0f, y[1]); Assert.True(float.IsNegative(y[1]), "tanh(−0) keeps its sign");
        Assert.Equal(1e-40f, y[2]);  // tiny (even subnormal) x: tanh x = x exactly
        Assert.Equal(-1e-30f, y[3]);
        Assert.Equal(1f, y[5]); Assert.Equal(1f, y[6]); Assert.Equal(-1f, y[7]);
        Assert.True(float.IsNaN(y[8]));
        foreach (var v in y.Where(v => !float.IsNaN(v))) Assert.InRange(v, -1f, 1f); // never past ±1, so 1 − y² ≥ 0
        Assert.Equal(Math.Tanh(1), y[11], 6e-8);
        Assert.Equal(-Math.Tanh(1), y[12], 6e-8);
        Assert.Equal(Math.Tanh(0.5), y[13], 3e-8);
    }
}
