using System.Numerics;
using DeepPrep.Backends;
using static DeepPrep.Tests.Kernels.KernelTestUtil;

namespace DeepPrep.Tests.Kernels;

/// <summary>
/// ManagedBackend.Binary against the reference. Every op is one IEEE operation (or T.Pow, the same call in both),
/// evaluated with the same formula, so results must agree exactly (NaN matching NaN, +0 matching −0).
/// </summary>
public class BinaryTests
{
    private static readonly IBackend Fast = ManagedBackend.Instance, Reference = ReferenceBackend.Instance;

    public static IEnumerable<object[]> AllOps() => Enum.GetValues<BinaryOp>().Select(op => new object[] { op });

    /// <summary>Random values with special values sprinkled in (about one in six) so NaN/∞/±0 rules are exercised.</summary>
    private static T[] Data<T>(int n, int seed) where T : IBinaryFloatingPointIeee754<T>
    {
        var x = Uniform<T>(n, seed, -3, 3);
        var specials = Specials<T>();
        var rng = new Random(seed + 100);
        for (int i = 0; i < n; i++) if (rng.Next(6) == 0) x[i] = specials[rng.Next(specials.Length)];
        return x;
    }

    /// <summary>Row-major strides of a shape; a dimension of size 1 in <paramref name="own"/> broadcasts (stride 0).</summary>
    private static int[] BroadcastStrides(int[] own, int[] shape)
    {
        var strides = new int[shape.Length];
        int s = 1;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = own[d] == 1 && shape[d] != 1 ? 0 : s;
            s *= own[d];
        }
        return strides;
    }

    private static int Size(int[] shape) => shape.Aggregate(1, (a, b) => a * b);

    private static void Check<T>(BinaryOp op, int[] xShape, int[] yShape, int seed) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var shape = xShape.Zip(yShape, Math.Max).ToArray();
        if (xShape.Contains(0) || yShape.Contains(0)) shape = xShape.Zip(yShape, (a, b) => a == 0 || b == 0 ? 0 : Math.Max(a, b)).ToArray();
        var x = Data<T>(Size(xShape), seed);
        var y = Data<T>(Size(yShape), seed + 1);
        CheckStrided(op, x, BroadcastStrides(xShape, shape), y, BroadcastStrides(yShape, shape), shape,
            $"{typeof(T).Name} {op} [{string.Join(",", xShape)}]∘[{string.Join(",", yShape)}]");
    }

    private static void CheckStrided<T>(BinaryOp op, T[] x, int[] xs, T[] y, int[] ys, int[] shape, string what)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var want = new T[Size(shape)];
        var got = new T[want.Length];
        Reference.Binary(op, x, xs, y, ys, want, shape);
        Fast.Binary(op, x, xs, y, ys, got, shape);
        AssertSame<T>(want, got, what);
    }

    [Theory]
    [MemberData(nameof(AllOps))]
    public void SameShape_Lengths0To256(BinaryOp op)
    {
        for (int n = 0; n <= 256; n++)
        {
            Check<float>(op, [n], [n], n);
            Check<double>(op, [n], [n], n);
        }
        Check<float>(op, [3, 5, 7, 11], [3, 5, 7, 11], 1);
    }

    /// <summary>
    /// [rows, n] ∘ [n] for every n up to past four vectors (the register-resident row path and the general one), and
    /// in place (z is x, as the fused linear op's bias add does).
    /// </summary>
    [Theory]
    [MemberData(nameof(AllOps))]
    public void RowBroadcast_EveryWidth_AndInPlace(BinaryOp op)
    {
        for (int n = 1; n <= 36; n++)
        {
            Check<float>(op, [7, n], [1, n], n);
            Check<double>(op, [7, n], [1, n], n + 100);
            Check<float>(op, [1, n], [1, n], n + 200);
            Check<float>(op, [257, n], [1, n], n + 300);
            var x = Data<float>(5 * n, n); var y = Data<float>(n, n + 1);
            var want = new float[5 * n];
            Reference.Binary(op, x, [n, 1], y, [0, 1], want, [5, n]);
            Fast.Binary(op, x, [n, 1], y, [0, 1], x, [5, n]);
            for (int i = 0; i < want.Length; i++) Assert.True(SameValue(want[i], x[i]), $"{op} in place, n={n}, element {i}: {x[i]} vs {want[i]}");
        }
    }

    [Theory]
    [MemberData(nameof(AllOps))]
    public void Broadcasts(BinaryOp op)
    {
        int[][][] cases =
        [
            [[1], [37]], [[37], [1]], [[], []], [[1, 1], [1, 1]],       // scalar on either side, rank 0
            [[13, 21], [21]], [[13, 21], [1, 21]], [[21], [13, 21]],    // row broadcast [N, C] + [C]
            [[13, 21], [13, 1]], [[13, 1], [13, 21]],                   // column broadcast [N, C] + [N, 1]
            [[13, 1], [1, 21]], [[1, 9], [7, 1]],                       // outer-product shapes
            [[4, 1, 5, 6], [1, 3, 1, 6]], [[2, 3, 4, 5], [3, 1, 1]],    // mixed broadcasts in 4-D
            [[5, 1, 9], [5, 7, 1]], [[2, 1, 1, 33], [1, 3, 5, 1]],
            [[0, 5], [5]], [[3, 0], [3, 1]],                            // empty outputs
            [[64, 8], [8]], [[8, 64], [8, 1]], [[2, 300], [1, 300]],
        ];
        int seed = 0;
        foreach (var c in cases)
        {
            var (xs, ys) = (c[0], c[1]);
            int rank = Math.Max(xs.Length, ys.Length);
            xs = Enumerable.Repeat(1, rank - xs.Length).Concat(xs).ToArray();
            ys = Enumerable.Repeat(1, rank - ys.Length).Concat(ys).ToArray();
            Check<float>(op, xs, ys, seed++);
            Check<double>(op, xs, ys, seed++);
        }
    }

    /// <summary>Strided reads as the tensor layer issues them for transpose/permute (x + 0 with strides): tiled path, odd sizes, &gt; 32.</summary>
    [Fact]
    public void StridedCopy_TransposesAndPermutes()
    {
        foreach (var (rows, cols) in new[] { (1, 1), (3, 5), (32, 32), (33, 31), (70, 45), (1, 100), (100, 1), (257, 3) })
        {
            // y[i, j] = x[j, i]: x stored cols×rows.
            var x = Data<float>(rows * cols, rows + cols);
            CheckStrided(BinaryOp.Add, x, [1, rows], [0f], [0, 0], [rows, cols], $"transpose {rows}x{cols}");
            var xd = Data<double>(rows * cols, rows * cols);
            CheckStrided(BinaryOp.Add, xd, [1, rows], [0.0], [0, 0], [rows, cols], $"transpose {rows}x{cols} double");
        }
        // Permute [A, B, C] → [C, A, B]: output (c, a, b) reads x[a, b, c].
        int A = 5, B = 7, C = 40;
        var x3 = Data<float>(A * B * C, 3);
        CheckStrided(BinaryOp.Add, x3, [1, B * C, C], [0f], [0, 0, 0], [C, A, B], "permute 3-D");
        // Broadcast copy [1, C] → [R, C] and [R, 1] → [R, C]; a strided slice (every other column).
        CheckStrided(BinaryOp.Add, x3[..40], [0, 1], [0f], [0, 0], [9, 40], "broadcast rows");
        CheckStrided(BinaryOp.Add, x3[..9], [1, 0], [0f], [0, 0], [9, 40], "broadcast columns");
        CheckStrided(BinaryOp.Mul, x3, [40, 2], x3, [1, 3], [20, 13], "two strided inputs");
        // −0 + 0 = +0 in IEEE arithmetic: the strided copy keeps the reference's result exactly.
        var z = new float[2];
        Fast.Binary(BinaryOp.Add, [-0f, 1f], [1], [0f], [0], z, [2]);
        Assert.Equal([0f, 1f], z);
    }

    [Fact]
    public void KnownValues()
    {
        var z = new double[4];
        Fast.Binary(BinaryOp.Max, [1.0, double.NaN, 3.0, -1.0], [1], [2.0, 5.0, double.NaN, -1.0], [1], z, [4]);
        Assert.Equal(2.0, z[0]); Assert.True(double.IsNaN(z[1])); Assert.True(double.IsNaN(z[2])); Assert.Equal(-1.0, z[3]);
        var r = new float[6];
        Fast.Binary(BinaryOp.Sub, [10f, 20f, 30f, 40f, 50f, 60f], [3, 1], [1f, 2f], [1, 0], r, [2, 3]); // [2,3] − [2,1]
        Assert.Equal([9f, 19f, 29f, 38f, 48f, 58f], r);
    }

    [Fact]
    public void BadArguments_Throw()
    {
        var e = Assert.Throws<ArgumentException>(() => Fast.Binary(BinaryOp.Add, new float[6], [3, 1], new float[6], [3, 1], new float[5], [2, 3]));
        Assert.Contains("5", e.Message); Assert.Contains("6", e.Message);
        Assert.Throws<ArgumentException>(() => Fast.Binary(BinaryOp.Add, new float[5], [3, 1], new float[6], [3, 1], new float[6], [2, 3]));
        Assert.Throws<ArgumentException>(() => Fast.Binary(BinaryOp.Add, new float[6], [1], new float[6], [3, 1], new float[6], [2, 3]));
        var neg = Assert.Throws<ArgumentException>(() => Fast.Binary(BinaryOp.Add, new float[6], [3, -1], new float[6], [3, 1], new float[6], [2, 3]));
        Assert.Contains("negative stride -1", neg.Message);
    }

    [Fact]
    public void BadArguments_Throw_the_same_in_the_reference()
    {
        // The oracle must refuse what the fast backend refuses, or a test could pass on inputs nobody checks.
        foreach (var backend in new[] { Fast, Reference })
        {
            var neg = Assert.Throws<ArgumentException>(() => backend.Binary(BinaryOp.Add, new double[6], [3, 1], new double[6], [-3, 1], new double[6], [2, 3]));
            Assert.Contains("negative stride -3 in y strides", neg.Message);
            Assert.Throws<ArgumentException>(() => backend.Binary(BinaryOp.Add, new double[6], [3, 1], new double[6], [3, 1], new double[5], [2, 3]));
        }
    }
}
