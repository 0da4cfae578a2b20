using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepPrep.Backends.Managed;

/// <summary>
/// eˣ and log x for a whole Vector256 at once, for float and double, accurate to about 2 ulps.
/// </summary>
/// <remarks>
/// <para>Why not TensorPrimitives.Exp/Log? On this stack (System.Numerics.Tensors 10.0.0 under a net8.0 library)
/// its loops measured at scalar speed (~1 ns per element, even for Add), 5–8× slower than a plain Vector256 loop.</para>
/// <para><b>exp.</b> Write x = n·ln 2 + r with n = round(x / ln 2), so |r| ≤ ln 2 / 2 ≈ 0.347. Then eˣ = 2ⁿ·eʳ: eʳ is a
/// short Taylor polynomial (degree 7 for float, 12 for double: the first omitted term is below half an ulp), and
/// 2ⁿ is built directly in the exponent bits. r is computed as (x − n·ln2_hi) − n·ln2_lo with ln 2 split in two
/// (Cody–Waite), so that n·ln2_hi is exact and r keeps full precision. x is clamped to the range where eˣ is finite
/// and non-zero, and 2ⁿ is applied in two halves so that results in the subnormal range and overflow to ∞ come out
/// right. NaN passes through.</para>
/// <para><b>log.</b> Write x = 2ᵉ·m with m ∈ [√½, √2), so log x = e·ln 2 + log m. With f = m − 1 and s = f / (2 + f),
/// log m = 2·atanh s = 2s(1 + s²/3 + s⁴/5 + …), |s| ≤ 0.172 (5 terms for float, 11 for double). Subnormal x is
/// first scaled into the normal range; log 0 = −∞, log of a negative number = NaN, log ∞ = ∞.</para>
/// <para>Everything is AggressiveInlining: called once per vector from a loop, a real call (with its vector arguments
/// passed through memory) measured slower than the arithmetic itself.</para>
/// </remarks>
internal static class VectorMath
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Exp<T>(Vector256<T> x) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float)) return ExpSingle(x.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double)) return ExpDouble(x.AsDouble()).As<double, T>();
        throw new NotSupportedException($"Exp of {typeof(T).Name} vectors.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Log<T>(Vector256<T> x) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float)) return LogSingle(x.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double)) return LogDouble(x.AsDouble()).As<double, T>();
        throw new NotSupportedException($"Log of {typeof(T).Name} vectors.");
    }

    /// <summary>a·b + c, rounded once (one FMA instruction) where the CPU has FMA; a·b then + c otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c)
        => Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : a * b + c;

    // ---- exp

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ExpSingle(Vector256<float> x)
    {
        // e^88.73 overflows float; below e^−104 the result rounds to 0.
        var xc = Vector256.Min(Vector256.Max(x, Vector256.Create(-104f)), Vector256.Create(88.8f));
        // n = round(x / ln 2), by the add-and-subtract-1.5·2²³ trick (forces rounding to an integer).
        var magic = Vector256.Create(12582912f);
        var nf = xc * Vector256.Create(1.44269504f) + magic - magic;
        var r = xc - nf * Vector256.Create(0.693359375f) - nf * Vector256.Create(-2.12194440e-4f);
        // eʳ ≈ Σ_{k≤7} rᵏ/k!, by Horner.
        var p = Vector256.Create(1f / 5040);
        p = p * r + Vector256.Create(1f / 720);
        p = p * r + Vector256.Create(1f / 120);
        p = p * r + Vector256.Create(1f / 24);
        p = p * r + Vector256.Create(1f / 6);
        p = p * r + Vector256.Create(0.5f);
        p = p * r + Vector256<float>.One;
        p = p * r + Vector256<float>.One;
        // 2ⁿ in two halves (n1 + n2 = n), each a normal float: exponent bits (k + 127) << 23.
        var n = Vector256.ConvertToInt32(nf);
        var n1 = Vector256.ShiftRightArithmetic(n, 1);
        var n2 = n - n1;
        var s1 = Vector256.ShiftLeft(n1 + Vector256.Create(127), 23).AsSingle();
        var s2 = Vector256.ShiftLeft(n2 + Vector256.Create(127), 23).AsSingle();
        var result = p * s1 * s2;
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), result, x); // NaN in, NaN out
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> ExpDouble(Vector256<double> x)
    {
        var xc = Vector256.Min(Vector256.Max(x, Vector256.Create(-746.0)), Vector256.Create(709.8));
        // AVX2 has no 64-bit integer conversions or arithmetic shifts, so for doubles n stays a double and its integer
        // bits are read off y = n + 1.5·2⁵², whose low mantissa bits hold n exactly (two's complement).
        var magic = Vector256.Create(6755399441055744.0); // 1.5·2⁵²
        var nf = xc * Vector256.Create(1.4426950408889634) + magic - magic;
        var r = xc - nf * Vector256.Create(6.93147180369123816490e-01) - nf * Vector256.Create(1.90821492927058770002e-10);
        // eʳ ≈ Σ_{k≤12} rᵏ/k!.
        var p = Vector256.Create(1.0 / 479001600);
        p = p * r + Vector256.Create(1.0 / 39916800);
        p = p * r + Vector256.Create(1.0 / 3628800);
        p = p * r + Vector256.Create(1.0 / 362880);
        p = p * r + Vector256.Create(1.0 / 40320);
        p = p * r + Vector256.Create(1.0 / 5040);
        p = p * r + Vector256.Create(1.0 / 720);
        p = p * r + Vector256.Create(1.0 / 120);
        p = p * r + Vector256.Create(1.0 / 24);
        p = p * r + Vector256.Create(1.0 / 6);
        p = p * r + Vector256.Create(0.5);
        p = p * r + Vector256<double>.One;
        p = p * r + Vector256<double>.One;
        var n1f = nf * Vector256.Create(0.5) + magic - magic; // n1 ≈ n/2, n2 = n − n1 (exact)
        var n2f = nf - n1f;
        var s1 = Vector256.ShiftLeft((n1f + magic).AsInt64() - magic.AsInt64() + Vector256.Create(1023L), 52).AsDouble();
        var s2 = Vector256.ShiftLeft((n2f + magic).AsInt64() - magic.AsInt64() + Vector256.Create(1023L), 52).AsDouble();
        var result = p * s1 * s2;
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), result, x);
    }

    // ---- log

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> LogSingle(Vector256<float> x)
    {
        // Subnormals: scale by 2²⁴ into the normal range and remember to subtract 24 from the exponent.
        var subnormal = Vector256.LessThan(x, Vector256.Create(1.17549435e-38f));
        var xs = Vector256.ConditionalSelect(subnormal, x * Vector256.Create(16777216f), x);
        var bits = xs.AsInt32();
        // Split into exponent and mantissa, choosing m ∈ [√½, √2): adding (1 − √½'s mantissa offset) trick:
        // shift the bits so that mantissas ≥ √2 roll over into the next exponent.
        var shifted = bits + Vector256.Create(0x3F800000 - 0x3F3504F3); // 0x3F3504F3 = √½
        var e = Vector256.ShiftRightArithmetic(shifted, 23) - Vector256.Create(127);
        e -= subnormal.AsInt32() & Vector256.Create(24);
        var m = ((shifted & Vector256.Create(0x007FFFFF)) + Vector256.Create(0x3F3504F3)).AsSingle();
        var f = m - Vector256<float>.One;
        var s = f / (Vector256.Create(2f) + f);
        var z = s * s;
        var p = Vector256.Create(1f / 9);
        p = p * z + Vector256.Create(1f / 7);
        p = p * z + Vector256.Create(1f / 5);
        p = p * z + Vector256.Create(1f / 3);
        p = p * z + Vector256<float>.One;
        var ef = Vector256.ConvertToSingle(e);
        // e·ln 2 in two parts, the small one added to the small terms first.
        var result = ef * Vector256.Create(0.693359375f) + (ef * Vector256.Create(-2.12194440e-4f) + (s + s) * p);
        return FixLogSpecials(x, result);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> LogDouble(Vector256<double> x)
    {
        var subnormal = Vector256.LessThan(x, Vector256.Create(2.2250738585072014e-308));
        var xs = Vector256.ConditionalSelect(subnormal, x * Vector256.Create(18014398509481984.0), x); // 2⁵⁴
        var bits = xs.AsInt64();
        const long sqrtHalf = 0x3FE6A09E667F3BCD; // √½
        var shifted = bits + Vector256.Create(0x3FF0000000000000 - sqrtHalf);
        var e = Vector256.ShiftRightLogical(shifted, 52) - Vector256.Create(1023L); // x > 0 here, so the sign bit is clear
        e -= subnormal.AsInt64() & Vector256.Create(54L);
        var m = ((shifted & Vector256.Create(0x000FFFFFFFFFFFFFL)) + Vector256.Create(sqrtHalf)).AsDouble();
        var f = m - Vector256<double>.One;
        var s = f / (Vector256.Create(2.0) + f);
        var z = s * s;
        var p = Vector256.Create(1.0 / 21);
        p = p * z + Vector256.Create(1.0 / 19);
        p = p * z + Vector256.Create(1.0 / 17);
        p = p * z + Vector256.Create(1.0 / 15);
        p = p * z + Vector256.Create(1.0 / 13);
        p = p * z + Vector256.Create(1.0 / 11);
        p = p * z + Vector256.Create(1.0 / 9);
        p = p * z + Vector256.Create(1.0 / 7);
        p = p * z + Vector256.Create(1.0 / 5);
        p = p * z + Vector256.Create(1.0 / 3);
        p = p * z + Vector256<double>.One;
        var magic = Vector256.Create(6755399441055744.0); // 1.5·2⁵²: e as a double without a 64-bit conversion
        var ed = (e + magic.AsInt64()).AsDouble() - magic;
        var result = ed * Vector256.Create(6.93147180369123816490e-01) + (ed * Vector256.Create(1.90821492927058770002e-10) + (s + s) * p);
        return FixLogSpecials(x, result);
    }

    /// <summary>log 0 = −∞, log(negative) = NaN, log ∞ = ∞, log NaN = NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> FixLogSpecials<T>(Vector256<T> x, Vector256<T> result) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        result = Vector256.ConditionalSelect(Vector256.Equals(x, Vector256.Create(T.PositiveInfinity)), x, result);
        result = Vector256.ConditionalSelect(Vector256.Equals(x, Vector256<T>.Zero), Vector256.Create(T.NegativeInfinity), result);
        result = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<T>.Zero), Vector256.Create(T.NaN), result);
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), result, x);
    }
}
