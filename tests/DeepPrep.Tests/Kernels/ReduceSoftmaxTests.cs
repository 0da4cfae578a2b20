using System.Numerics;
using DeepPrep.Backends;
using static DeepPrep.Tests.Kernels.KernelTestUtil;

namespace DeepPrep.Tests.Kernels;

/// <summary>
/// Reduce and Softmax against the reference.
/// Reduce tolerances: Max/Min are exact (a comparison picks an input). A sum over an outer axis (inner &gt; 1)
/// adds in the reference's order, so it is exact; a sum over the last axis (inner = 1) uses several vector
/// accumulators, a different order, so |fast − ref| ≤ 2·axis·eps·Σ|x| (each order is within axis·eps·Σ|x|).
/// Softmax tolerances: exp differs by a few ulps and the row sum is in a different order (≤ cols·eps relative):
/// softmax |fast − ref| ≤ (cols + 16)·eps·|ref| + tiny; log-softmax |fast − ref| ≤ 4·eps·|ref| + (cols + 16)·eps
/// (the log of the sum carries the sum's relative error as an absolute one).
/// </summary>
public class ReduceSoftmaxTests
{
    private static readonly IBackend Fast = ManagedBackend.Instance, Reference = ReferenceBackend.Instance;

    private static T[] Data<T>(int n, int seed, bool specials) where T : IBinaryFloatingPointIeee754<T>
    {
        var x = Uniform<T>(n, seed, -5, 5);
        if (!specials) return x;
        var s = Specials<T>();
        var rng = new Random(seed);
        for (int i = 0; i < n; i++) if (rng.Next(40) == 0) x[i] = s[rng.Next(s.Length)];
        return x;
    }

    private static void CheckReduce<T>(ReduceOp op, int outer, int axis, int inner, int seed, bool specials)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var x = Data<T>(outer * axis * inner, seed, specials);
        var want = new T[outer * inner];
        var got = new T[outer * inner];
        Reference.Reduce(op, x, outer, axis, inner, want);
        Fast.Reduce(op, x, outer, axis, inner, got);
        double eps = Eps<T>();
        AssertClose<T>(want, got, idx =>
        {
            if (op != ReduceOp.Sum || inner > 1) return 0;
            double abs = 0;
            for (int a = 0; a < axis; a++) abs += Math.Abs(double.CreateTruncating(x[idx * axis + a]));
            return 2 * axis * eps * abs;
        }, $"{typeof(T).Name} {op} [{outer}, {axis}, {inner}] specials={specials}");
    }

    [Theory]
    [InlineData(ReduceOp.Sum)]
    [InlineData(ReduceOp.Max)]
    [InlineData(ReduceOp.Min)]
    public void Reduce_Shapes(ReduceOp op)
    {
        int seed = 0;
        int axisStart = op == ReduceOp.Sum ? 0 : 1;
        for (int axis = axisStart; axis <= 70; axis++)
            foreach (int inner in new[] { 1, 2, 3, 4, 7, 8, 9, 12, 16, 24, 32, 33 })
                foreach (int outer in new[] { 1, 3 })
                {
                    CheckReduce<float>(op, outer, axis, inner, seed++, specials: false);
                    CheckReduce<double>(op, outer, axis, inner, seed++, specials: seed % 2 == 0);
                }
        foreach (var (o, a, i) in new[] { (0, 5, 3), (4, 0, 0), (2, 1000, 1), (1, 3, 5000), (2, 17, 4100), (1, 256, 1), (5, 257, 1) })
        {
            if (a == 0 && op != ReduceOp.Sum && o * i > 0) continue;
            CheckReduce<float>(op, o, a, i, seed++, specials: true);
            CheckReduce<double>(op, o, a, i, seed++, specials: false);
        }
    }

    [Theory]
    [InlineData(ReduceOp.Sum)]
    [InlineData(ReduceOp.Max)]
    [InlineData(ReduceOp.Min)]
    public void Reduce_AxisOfLengthOne_IsExactlyTheReferences(ReduceOp op)
    {
        // One input per output: no summation order to differ, so the fast path must match the reference bit for bit
        // (NaN, ±∞, and −0, which a sum from 0 turns into +0), at every length around the vector width.
        foreach (var (outer, inner) in new[] { (1, 1), (3, 1), (256, 1), (7, 9), (1, 33), (2, 16), (5, 0) })
        {
            var x = Data<float>(outer * inner, outer * 100 + inner, specials: true);
            if (x.Length > 2) x[2] = -0f;
            var want = new float[outer * inner]; var got = new float[outer * inner];
            Reference.Reduce(op, x, outer, 1, inner, want);
            Fast.Reduce(op, x, outer, 1, inner, got);
            for (int i = 0; i < want.Length; i++)
                Assert.True(BitConverter.SingleToInt32Bits(want[i]) == BitConverter.SingleToInt32Bits(got[i]) || (float.IsNaN(want[i]) && float.IsNaN(got[i])),
                    $"{op} [{outer}, 1, {inner}] element {i}: reference {want[i]}, fast {got[i]}");
        }
    }

    [Fact]
    public void Reduce_NaNPropagatesAndEmptyAxis()
    {
        var y = new float[1];
        foreach (int at in new[] { 0, 5, 31, 63 })
        {
            var x = Uniform<float>(64, at);
            x[at] = float.NaN;
            Fast.Reduce(ReduceOp.Max, x, 1, 64, 1, y); Assert.True(float.IsNaN(y[0]), $"max with NaN at {at}");
            Fast.Reduce(ReduceOp.Min, x, 1, 64, 1, y); Assert.True(float.IsNaN(y[0]), $"min with NaN at {at}");
            var cols = new float[8];
            Fast.Reduce(ReduceOp.Max, x, 1, 8, 8, cols);
            Assert.True(float.IsNaN(cols[at % 8]), $"column max with NaN at {at}");
        }
        Fast.Reduce(ReduceOp.Max, [float.NegativeInfinity, float.NegativeInfinity], 1, 2, 1, y);
        Assert.Equal(float.NegativeInfinity, y[0]);
        var s = new double[3];
        Fast.Reduce(ReduceOp.Sum, Array.Empty<double>(), 1, 0, 3, s);
        Assert.Equal([0.0, 0.0, 0.0], s);
        Assert.Throws<ArgumentException>(() => Fast.Reduce(ReduceOp.Max, Array.Empty<double>(), 1, 0, 3, s));
        Assert.Throws<ArgumentException>(() => Fast.Reduce(ReduceOp.Sum, new double[10], 2, 5, 1, new double[3]));
        Assert.Throws<ArgumentException>(() => Fast.Reduce(ReduceOp.Sum, new double[9], 2, 5, 1, new double[2]));
    }

    private static void CheckSoftmax<T>(T[] x, int rows, int cols, bool log, string what) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var want = new T[x.Length];
        var got = new T[x.Length];
        Reference.Softmax(x, want, rows, cols, log);
        Fast.Softmax(x, got, rows, cols, log);
        double eps = Eps<T>(), tiny = typeof(T) == typeof(float) ? 1e-37 : 1e-300;
        AssertClose<T>(want, got, i =>
        {
            double w = Math.Abs(double.CreateTruncating(want[i]));
            return log ? 4 * eps * w + (cols + 16) * eps : (cols + 16) * eps * w + tiny;
        }, $"{typeof(T).Name} {(log ? "log-softmax" : "softmax")} [{rows}, {cols}] {what}");
        // In place gives the same result.
        var inPlace = (T[])x.Clone();
        Fast.Softmax(inPlace, inPlace, rows, cols, log);
        AssertSame<T>(got, inPlace, $"{what} in place");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Softmax_Shapes(bool log)
    {
        for (int cols = 0; cols <= 256; cols++)
        {
            CheckSoftmax(Uniform<float>(2 * cols, cols, -10, 10), 2, cols, log, "uniform");
            CheckSoftmax(Uniform<double>(3 * cols, cols, -10, 10), 3, cols, log, "uniform");
        }
        CheckSoftmax(Uniform<float>(5 * 1000, 1, -30, 30), 5, 1000, log, "wide");
        CheckSoftmax(Uniform<double>(0, 1), 0, 7, log, "no rows");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Softmax_SpecialValues(bool log)
    {
        // Large magnitudes (stability), −∞ entries (probability 0), a NaN, a +∞, all −∞, a row of equal values.
        float[][] rows =
        [
            [1000f, 1001f, 999f, 1000.5f, 1002f, 998f, 1000f, 1001f, 1003f],
            [-1000f, -1001f, -999f, -1000.5f, -1002f, -998f, -1000f, -1001f, -1003f],
            [1f, float.NegativeInfinity, 2f, float.NegativeInfinity, 3f, 0f, -1f, 0.5f, 4f],
            [1f, float.NaN, 2f, 3f, 4f, 5f, 6f, 7f, 8f],
            [1f, float.PositiveInfinity, 2f, 3f, 4f, 5f, 6f, 7f, 8f],
            [float.NegativeInfinity, float.NegativeInfinity, float.NegativeInfinity, float.NegativeInfinity, float.NegativeInfinity,
             float.NegativeInfinity, float.NegativeInfinity, float.NegativeInfinity, float.NegativeInfinity],
            [3e38f, 3e38f, -3e38f, 0f, 1f, 2f, 3f, 4f, 5f],
            [7f, 7f, 7f, 7f, 7f, 7f, 7f, 7f, 7f],
        ];
        foreach (var r in rows) CheckSoftmax(r, 1, r.Length, log, $"[{string.Join(", ", r)}]");
        var all = rows.SelectMany(r => r).ToArray();
        CheckSoftmax(all, rows.Length, 9, log, "all rows at once");

        var y = new double[2];
        Fast.Softmax([1000.0, 1001.0], y, 1, 2, false);
        Assert.Equal(0.2689414213699951, y[0], 1e-15);
        Assert.Equal(0.7310585786300049, y[1], 1e-15);
    }

    [Fact]
    public void Softmax_BadSizes_Throw()
    {
        var e = Assert.Throws<ArgumentException>(() => Fast.Softmax(new float[6], new float[5], 2, 3, false));
        Assert.Contains("[2, 3]", e.Message);
        Assert.Throws<ArgumentException>(() => Fast.Softmax(new float[6], new float[6], 2, 4, true));
    }
}
