using System.Numerics;
using System.Runtime.Intrinsics;
using DeepPrep.Backends;
using DeepPrep.Backends.Managed;
using static DeepPrep.Tests.Kernels.KernelTestUtil;

namespace DeepPrep.Tests.Kernels;

/// <summary>
/// The one-pass kernels of a dense layer's epilogue against the separate kernels they replace, which must give the
/// same bits: z += b then y = f(z) (a row-broadcast add, then the unary map), and dx = dy·f′ with the column sums of dx
/// (the unary backward, then a column-sum reduction). Every row width up to five vectors, one row and many, both dtypes.
/// </summary>
public class RowFusedKernelTests
{
    private static readonly IBackend Fast = ManagedBackend.Instance;
    private static readonly UnaryOp[] Ops = [UnaryOp.Tanh, UnaryOp.Sigmoid, UnaryOp.Relu];

    private static void Check<T>(UnaryOp op, int rows, int cols) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var z0 = Uniform<T>(rows * cols, rows * 31 + cols, -4, 4);
        var b = Uniform<T>(cols, cols + 7, -1, 1);
        // Separate kernels: the oracle.
        var zWant = new T[z0.Length];
        Fast.Binary(BinaryOp.Add, z0, [cols, 1], b, [0, 1], zWant, [rows, cols]);
        var yWant = new T[z0.Length];
        Fast.Unary(op, zWant, yWant, T.Zero, T.Zero);
        // One pass.
        var z = (T[])z0.Clone();
        var y = new T[z.Length];
        bool fused = UnaryKernels.TryForwardWithRowBias(op, z, b, y, rows, cols);
        bool fits = Vector256.IsHardwareAccelerated && cols % Vector256<T>.Count == 0 && cols <= 4 * Vector256<T>.Count && rows > 0;
        Assert.Equal(fits, fused);
        if (fused)
        {
            AssertSame<T>(zWant, z, $"{op} z {rows}x{cols}");
            AssertSame<T>(yWant, y, $"{op} y {rows}x{cols}");
        }
        else Assert.Equal(z0, z); // untouched when there is no fused form

        var dy = Uniform<T>(z.Length, rows + cols, -2, 2);
        var dxWant = new T[z.Length];
        Fast.UnaryBackward(op, zWant, yWant, dy, dxWant, T.Zero, T.Zero);
        var sumsWant = new T[cols];
        Fast.Reduce(ReduceOp.Sum, dxWant, 1, rows, cols, sumsWant);
        var dx = new T[z.Length];
        var sums = new T[cols];
        Assert.Equal(fits, UnaryBackwardKernels.TryBackwardWithColumnSums(op, zWant, yWant, dy, dx, sums, rows, cols));
        if (fits)
        {
            AssertSame<T>(dxWant, dx, $"{op}′ {rows}x{cols}");
            AssertSame<T>(sumsWant, sums, $"{op}′ column sums {rows}x{cols}");
        }
    }

    [Fact]
    public void SameBitsAsTheSeparateKernels_EveryWidth()
    {
        foreach (var op in Ops)
            foreach (int rows in new[] { 0, 1, 3, 256 })
                for (int cols = 1; cols <= 40; cols++)
                {
                    Check<float>(op, rows, cols);
                    Check<double>(op, rows, cols);
                }
    }

    [Theory]
    [InlineData(16)]
    [InlineData(32)]
    public void FloatTanhTwoVectorsAtATime_SameBitsOnEdgeValues(int cols)
    {
        // Rows of 2 or 4 float vectors take the interleaved tanh (TanhKernel.RowBiasPairs). Beyond the uniform inputs
        // above: NaN and ±∞ pass through, ±0, tiny values, the clamp at ±9.1 and far beyond, in every lane position.
        float[] edges = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, 1e-30f, -1e-30f, 1e-8f,
                         9.0999f, 9.1f, 9.1001f, -9.1f, 20f, -20f, 1e30f, -1e30f, 0.5f, -0.5f, 3f, -3f, float.Epsilon];
        int rows = 23;
        var z0 = new float[rows * cols];
        for (int i = 0; i < z0.Length; i++) z0[i] = edges[(i * 7 + i / cols) % edges.Length];
        var b = new float[cols]; // a zero bias keeps the edge values as they are
        b[1] = 0.25f;            // and one non-zero bias to check it is added
        var zWant = new float[z0.Length];
        Fast.Binary(BinaryOp.Add, z0, [cols, 1], b, [0, 1], zWant, [rows, cols]);
        var yWant = new float[z0.Length];
        Fast.Unary(UnaryOp.Tanh, zWant, yWant, 0f, 0f);
        var z = (float[])z0.Clone();
        var y = new float[z.Length];
        Assert.True(UnaryKernels.TryForwardWithRowBias(UnaryOp.Tanh, z, b, y, rows, cols));
        AssertSame<float>(zWant, z, $"tanh z {rows}x{cols}");
        AssertSame<float>(yWant, y, $"tanh y {rows}x{cols}");
        Assert.Equal(1f, y[Array.IndexOf(z0, 20f)]);
        Assert.True(float.IsNaN(y[Array.IndexOf(z0, float.NaN)]));
    }

    [Fact]
    public void OpsWithoutAFusedForm_ReturnFalse()
    {
        var z = new float[16]; var y = new float[16]; var b = new float[8];
        Assert.False(UnaryKernels.TryForwardWithRowBias(UnaryOp.Elu, z, b, y, 2, 8));
        Assert.False(UnaryBackwardKernels.TryBackwardWithColumnSums(UnaryOp.Gelu, z, y, z, y, b, 2, 8));
    }

    [Fact]
    public void BadSizes_ThrowWithTheSizes()
    {
        var e = Assert.Throws<ArgumentException>(() => UnaryKernels.TryForwardWithRowBias(UnaryOp.Tanh, new float[16], new float[8], new float[15], 2, 8));
        Assert.Contains("2×8", e.Message);
        Assert.Throws<ArgumentException>(() => UnaryKernels.TryForwardWithRowBias(UnaryOp.Tanh, new float[16], new float[7], new float[16], 2, 8));
        Assert.Throws<ArgumentException>(() => UnaryBackwardKernels.TryBackwardWithColumnSums(UnaryOp.Tanh, new float[16], new float[16], new float[16], new float[12], new float[8], 2, 8));
    }
}
