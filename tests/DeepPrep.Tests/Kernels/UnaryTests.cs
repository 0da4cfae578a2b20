using System.Numerics;
using DeepPrep.Backends;
using static DeepPrep.Tests.Kernels.KernelTestUtil;

namespace DeepPrep.Tests.Kernels;

/// <summary>
/// ManagedBackend.Unary / UnaryBackward against the reference (which applies Scalar.Apply / Scalar.Derivative
/// element by element), for every op, float and double, lengths 0..256 and a few longer, plus special values.
/// </summary>
/// <remarks>
/// Tolerances:
/// <list type="bullet">
/// <item>Exact ops (no transcendental function: neg, abs, sqrt, square, clamp, affine, relu, leaky relu, softsign,
/// step, and every backward built from y alone) must agree exactly: the fast kernels evaluate the same IEEE
/// operations in the same order, and sqrt is correctly rounded everywhere.</item>
/// <item>Transcendental ops go through DeepPrep's vectorised exp/log/tanh (VectorMath: within 3 ulps of the exact value,
/// see VectorMathTests; TanhKernel: 3 ulps for double, 6 for float, see TanhKernelTests), while the reference calls .NET's scalar Exp/Log/Tanh (within an ulp or so),
/// and composite formulas round a few more times: |fast − ref| ≤ 8·eps·|ref| (plus the smallest normal number, for
/// subnormal results).
/// Where the formula subtracts nearly equal numbers, an absolute term is added for the size of the intermediate
/// that cancels: ELU α(eˣ − 1) → 8·eps·|α|; log near 1 and softplus's log(1 + e^−|x|) → 8·eps; GELU ½x(1 + tanh u)
/// → 8·eps·|x|; GELU′ → 8·eps·|dy|·(1 + |x|)³ (the tanh error is multiplied by x·u′ ~ x³).</item>
/// </list>
/// </remarks>
public class UnaryTests
{
    private static readonly IBackend Fast = ManagedBackend.Instance, Reference = ReferenceBackend.Instance;

    public static IEnumerable<object[]> AllOps() => Enum.GetValues<UnaryOp>().Select(op => new object[] { op });

    private static readonly UnaryOp[] Transcendental = [UnaryOp.Exp, UnaryOp.Log, UnaryOp.Pow, UnaryOp.Sigmoid, UnaryOp.Tanh, UnaryOp.Elu, UnaryOp.Softplus, UnaryOp.Gelu];

    /// <summary>Parameters used per op (α, β): a non-integer power so negative x gives NaN; a clamp range; a slope.</summary>
    private static (double Alpha, double Beta) Parameters(UnaryOp op) => op switch
    {
        UnaryOp.Pow => (2.5, 0),
        UnaryOp.Clamp => (-0.5, 0.75),
        UnaryOp.Affine => (1.5, -0.25),
        UnaryOp.LeakyRelu => (0.01, 0),
        UnaryOp.Elu => (1.2, 0),
        _ => (0, 0),
    };

    private static T[] Inputs<T>(UnaryOp op, int n, int seed) where T : IBinaryFloatingPointIeee754<T>
    {
        // Mostly the interesting range (−4, 4), with every special value mixed in once the span is long enough.
        var x = Uniform<T>(n, seed, -4, 4);
        var specials = Specials<T>();
        if (n >= specials.Length) for (int i = 0; i < specials.Length; i++) x[(i * 7919) % n] = specials[i];
        return x;
    }

    private static double ForwardTolerance<T>(UnaryOp op, double x, double want, double alpha)
    {
        double eps = Eps<T>(), tiny = typeof(T) == typeof(float) ? 1.2e-38 : 2.3e-308;
        if (!Transcendental.Contains(op)) return 0;
        double abs = op switch
        {
            UnaryOp.Elu => 8 * eps * Math.Abs(alpha),
            UnaryOp.Log or UnaryOp.Softplus => 8 * eps,
            UnaryOp.Gelu => 8 * eps * Math.Abs(x),
            _ => 0,
        };
        return 8 * eps * Math.Abs(want) + abs + tiny;
    }

    private static double BackwardTolerance<T>(UnaryOp op, double x, double dy, double want)
    {
        double eps = Eps<T>(), tiny = typeof(T) == typeof(float) ? 1.2e-38 : 2.3e-308;
        return op switch
        {
            UnaryOp.Pow or UnaryOp.Softplus => 8 * eps * Math.Abs(want) + tiny,
            UnaryOp.Gelu => 8 * eps * Math.Abs(want) + 8 * eps * Math.Abs(dy) * Math.Pow(1 + Math.Abs(x), 3) + tiny,
            _ => 0, // everything else is built from x and y with exact arithmetic
        };
    }

    private static void CheckForward<T>(UnaryOp op, int n, int seed) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var (alpha, beta) = Parameters(op);
        T a = T.CreateTruncating(alpha), b = T.CreateTruncating(beta);
        var x = Inputs<T>(op, n, seed);
        var want = new T[n];
        var got = new T[n];
        Reference.Unary(op, x, want, a, b);
        Fast.Unary(op, x, got, a, b);
        AssertClose<T>(want, got, i => ForwardTolerance<T>(op, double.CreateTruncating(x[i]), double.CreateTruncating(want[i]), alpha),
            $"{typeof(T).Name} {op} n={n}");
    }

    private static void CheckBackward<T>(UnaryOp op, int n, int seed) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var (alpha, beta) = Parameters(op);
        T a = T.CreateTruncating(alpha), b = T.CreateTruncating(beta);
        var x = Inputs<T>(op, n, seed);
        var y = new T[n];
        Reference.Unary(op, x, y, a, b); // both backwards see the same forward output
        var dy = Uniform<T>(n, seed + 1, -2, 2);
        var want = new T[n];
        var got = new T[n];
        Reference.UnaryBackward(op, x, y, dy, want, a, b);
        Fast.UnaryBackward(op, x, y, dy, got, a, b);
        AssertClose<T>(want, got, i => BackwardTolerance<T>(op, double.CreateTruncating(x[i]), double.CreateTruncating(dy[i]), double.CreateTruncating(want[i])),
            $"{typeof(T).Name} {op}′ n={n}");
    }

    [Theory]
    [MemberData(nameof(AllOps))]
    public void Forward_Lengths0To256(UnaryOp op)
    {
        for (int n = 0; n <= 256; n++)
        {
            CheckForward<float>(op, n, n);
            CheckForward<double>(op, n, n);
        }
        CheckForward<float>(op, 1031, 1);
        CheckForward<double>(op, 4099, 2);
    }

    [Theory]
    [MemberData(nameof(AllOps))]
    public void Backward_Lengths0To256(UnaryOp op)
    {
        for (int n = 0; n <= 256; n++)
        {
            CheckBackward<float>(op, n, n);
            CheckBackward<double>(op, n, n);
        }
        CheckBackward<float>(op, 1031, 1);
        CheckBackward<double>(op, 4099, 2);
    }

    /// <summary>Only special values (NaN, ±∞, ±0, ±1e30, …), repeated past a vector width so both the vector and scalar paths see each.</summary>
    [Theory]
    [MemberData(nameof(AllOps))]
    public void SpecialValues(UnaryOp op)
    {
        var (alpha, beta) = Parameters(op);
        foreach (var x in new[] { Specials<float>().Concat(Specials<float>()).Concat(Specials<float>().Reverse()).ToArray() })
        {
            var want = new float[x.Length]; var got = new float[x.Length];
            Reference.Unary(op, x, want, (float)alpha, (float)beta);
            Fast.Unary(op, x, got, (float)alpha, (float)beta);
            AssertClose<float>(want, got, i => ForwardTolerance<float>(op, x[i], want[i], alpha), $"float {op} specials");
            // Each backward reads its own forward output, so the forward error carries over: f′ is computed from y
            // (tanh′ = 1 − y², σ′ = y(1 − y), exp′ = y), and |∂f′/∂y| ≤ 2 for all of them; 4 leaves room.
            var dy = Uniform<float>(x.Length, 5);
            var wantY = (float[])want.Clone();
            Reference.UnaryBackward(op, x, wantY, dy, want, (float)alpha, (float)beta);
            Fast.Unary(op, x, got, (float)alpha, (float)beta);
            Fast.UnaryBackward(op, x, got, dy, got, (float)alpha, (float)beta);
            AssertClose<float>(want, got, i => BackwardTolerance<float>(op, x[i], dy[i], want[i]) + ForwardTolerance<float>(op, x[i], wantY[i], alpha) * Math.Abs(dy[i]) * 4,
                $"float {op}′ specials");
        }
    }

    /// <summary>In place: y is the same array as x (and dx the same as dy).</summary>
    [Theory]
    [MemberData(nameof(AllOps))]
    public void InPlace(UnaryOp op)
    {
        var (alpha, beta) = Parameters(op);
        foreach (int n in new[] { 3, 8, 37, 300, 777 })
        {
            var x = Inputs<double>(op, n, n);
            var want = new double[n];
            Reference.Unary(op, x, want, alpha, beta);
            var inPlace = (double[])x.Clone();
            Fast.Unary(op, inPlace, inPlace, alpha, beta);
            AssertClose<double>(want, inPlace, i => ForwardTolerance<double>(op, x[i], want[i], alpha), $"{op} in place n={n}");

            var dy = Uniform<double>(n, 9);
            var wantDx = new double[n];
            Reference.UnaryBackward(op, x, want, dy, wantDx, alpha, beta);
            var dxInPlace = (double[])dy.Clone();
            Fast.UnaryBackward(op, x, want, dxInPlace, dxInPlace, alpha, beta);
            AssertClose<double>(wantDx, dxInPlace, i => BackwardTolerance<double>(op, x[i], dy[i], wantDx[i]), $"{op}′ in place n={n}");
        }
    }

    /// <summary>
    /// tanh keeps its relative accuracy near 0 and across the switch between its two formulas (|x| = 0.25):
    /// within 8 ulps of Math.Tanh evaluated in double.
    /// </summary>
    [Fact]
    public void Tanh_RelativeAccuracyNearZero()
    {
        var xs = new List<double>();
        for (int e = 1; e <= 40; e++) { xs.Add(Math.Pow(10, -e)); xs.Add(-3 * Math.Pow(10, -e)); }
        for (double v = 0.2; v < 0.3; v += 0.0037) { xs.Add(v); xs.Add(-v); }
        var xf = xs.Select(v => (float)v).ToArray();
        var yf = new float[xf.Length];
        Fast.Unary(UnaryOp.Tanh, xf, yf, 0f, 0f);
        AssertClose<float>(xf.Select(v => (float)Math.Tanh(v)).ToArray(), yf, i => 8 * Eps<float>() * Math.Abs(Math.Tanh(xf[i])), "float tanh near 0");
        var xd = xs.ToArray();
        var yd = new double[xd.Length];
        Fast.Unary(UnaryOp.Tanh, xd, yd, 0, 0);
        AssertClose<double>(xd.Select(Math.Tanh).ToArray(), yd, i => 8 * Eps<double>() * Math.Abs(Math.Tanh(xd[i])), "double tanh near 0");
    }

    /// <summary>A few values computed by hand, so the test does not only trust the reference.</summary>
    [Fact]
    public void KnownValues()
    {
        var y = new float[4];
        Fast.Unary(UnaryOp.Relu, [-1f, 0f, 2f, float.NaN], y, 0f, 0f);
        Assert.Equal(0f, y[0]); Assert.Equal(0f, y[1]); Assert.Equal(2f, y[2]);
        Assert.True(float.IsNaN(y[3]), "ReLU(NaN) must stay NaN (a diverged activation must not look like a dead unit)");
        // Past a vector width, so the SIMD path sees NaN too.
        var many = Enumerable.Repeat(float.NaN, 19).Concat([-2f, 3f]).ToArray();
        var manyOut = new float[many.Length];
        Fast.Unary(UnaryOp.Relu, many, manyOut, 0f, 0f);
        Assert.All(manyOut[..19], v => Assert.True(float.IsNaN(v)));
        Assert.Equal([0f, 3f], manyOut[19..]);
        Fast.Unary(UnaryOp.Step, many, manyOut, 0f, 0f);
        Assert.All(manyOut[..19], v => Assert.True(float.IsNaN(v)));
        Assert.Equal([0f, 1f], manyOut[19..]);
        Fast.Unary(UnaryOp.Clamp, [-3f, 0.25f, 9f, float.NaN], y, -1f, 1f);
        Assert.Equal(-1f, y[0]); Assert.Equal(0.25f, y[1]); Assert.Equal(1f, y[2]); Assert.True(float.IsNaN(y[3]));
        var s = new double[2];
        Fast.Unary(UnaryOp.Sigmoid, [0.0, double.NegativeInfinity], s, 0, 0);
        Assert.Equal([0.5, 0.0], s);
        Fast.Unary(UnaryOp.Softplus, [1000.0, -1000.0], s, 0, 0);
        Assert.Equal([1000.0, 0.0], s);
    }

    [Fact]
    public void WrongLengths_Throw()
    {
        var e = Assert.Throws<ArgumentException>(() => Fast.Unary(UnaryOp.Exp, new float[5], new float[4], 0f, 0f));
        Assert.Contains("5, 4", e.Message);
        Assert.Throws<ArgumentException>(() => Fast.UnaryBackward(UnaryOp.Tanh, new double[5], new double[5], new double[5], new double[3], 0, 0));
        Assert.Throws<ArgumentException>(() => Fast.UnaryBackward(UnaryOp.Gelu, new double[5], new double[5], new double[6], new double[5], 0, 0));
    }
}
