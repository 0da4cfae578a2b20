using System.Numerics;

namespace DeepPrep.Tests.Kernels;

/// <summary>Deterministic test data and element-by-element comparison with a stated tolerance.</summary>
internal static class KernelTestUtil
{
    /// <summary>Machine epsilon (distance from 1 to the next number): 2⁻²³ for float, 2⁻⁵² for double.</summary>
    public static double Eps<T>() => typeof(T) == typeof(float) ? Math.Pow(2, -23) : Math.Pow(2, -52);

    /// <summary>Uniform values in [lo, hi) from a fixed seed.</summary>
    public static T[] Uniform<T>(int n, int seed, double lo = -1, double hi = 1) where T : IBinaryFloatingPointIeee754<T>
    {
        var rng = new Random(seed);
        var x = new T[n];
        for (int i = 0; i < n; i++) x[i] = T.CreateTruncating(lo + (hi - lo) * rng.NextDouble());
        return x;
    }

    /// <summary>Values that break naive kernels: NaN, ±∞, ±0, huge and tiny magnitudes.</summary>
    public static T[] Specials<T>() where T : IBinaryFloatingPointIeee754<T> =>
    [
        T.NaN, T.PositiveInfinity, T.NegativeInfinity, T.Zero, T.NegativeZero, T.One, -T.One,
        T.CreateTruncating(1e30), T.CreateTruncating(-1e30), T.CreateTruncating(50), T.CreateTruncating(-50),
        T.CreateTruncating(1e-30), T.CreateTruncating(-1e-30), T.CreateTruncating(0.5), T.CreateTruncating(-3.25),
    ];

    /// <summary>Same value, or both NaN (any payload). +0 and −0 count as equal.</summary>
    public static bool SameValue<T>(T a, T b) where T : IBinaryFloatingPointIeee754<T> =>
        a == b || (T.IsNaN(a) && T.IsNaN(b));

    /// <summary>
    /// Asserts |got − want| ≤ tolerance(i) for every element; NaN must match NaN and infinities must match exactly.
    /// The message names the first bad index, both values and the tolerance.
    /// </summary>
    public static void AssertClose<T>(ReadOnlySpan<T> want, ReadOnlySpan<T> got, Func<int, double> tolerance, string what)
        where T : IBinaryFloatingPointIeee754<T>
    {
        Assert.True(want.Length == got.Length, $"{what}: length {got.Length}, expected {want.Length}");
        for (int i = 0; i < want.Length; i++)
        {
            double w = double.CreateTruncating(want[i]), g = double.CreateTruncating(got[i]);
            if (SameValue(want[i], got[i])) continue;
            bool ok = double.IsFinite(w) && double.IsFinite(g) && Math.Abs(g - w) <= tolerance(i);
            if (!ok) Assert.Fail($"{what}: element {i} is {g:R}, expected {w:R} (tolerance {tolerance(i):G3})");
        }
    }

    /// <summary>Exact agreement (bit-for-bit up to NaN payload and the sign of zero).</summary>
    public static void AssertSame<T>(ReadOnlySpan<T> want, ReadOnlySpan<T> got, string what) where T : IBinaryFloatingPointIeee754<T>
        => AssertClose(want, got, _ => 0, what);
}
