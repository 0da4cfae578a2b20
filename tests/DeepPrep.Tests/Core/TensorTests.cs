namespace DeepPrep.Tests.Core;

public class TensorTests
{
    [Fact]
    public void CreationShapesAndValues()
    {
        var z = Tensor.Zeros([2, 3], DType.Float64);
        Assert.Equal([2, 3], z.Shape);
        Assert.Equal(6, z.Size);
        Assert.All(z.ToArray(), v => Assert.Equal(0.0, v));
        Assert.All(Tensor.Ones([4], DType.Float32).ToArray(), v => Assert.Equal(1.0, v));
        Assert.Equal([0.0, 0.5, 1.0, 1.5], Tensor.Arange(0, 2, 0.5, DType.Float64).ToArray());
        Assert.Equal([-1.0, 0.0, 1.0], Tensor.Linspace(-1, 1, 3, DType.Float64).ToArray());
        Assert.Equal(7.5, Tensor.Full([2, 2], 7.5, DType.Float64)[1, 1]);
        Assert.Equal(0, Tensor.Scalar(3).Rank);
        Assert.Equal(3.0, Tensor.Scalar(3).Item());
    }

    [Fact]
    public void FromArraysIsRowMajorAndCopies()
    {
        var values = new double[] { 1, 2, 3, 4, 5, 6 };
        var t = Tensor.From(values, 2, 3);
        values[0] = 100; // the tensor must not see this
        Assert.Equal(1.0, t[0, 0]);
        Assert.Equal(6.0, t[1, 2]);
        Assert.Equal(4.0, t[-1, 0]); // negative index counts from the end
        var m = Tensor.From(new float[,] { { 1, 2 }, { 3, 4 } });
        Assert.Equal(DType.Float32, m.DType);
        Assert.Equal(new double[,] { { 1, 2 }, { 3, 4 } }, m.ToArray2D());
    }

    [Fact]
    public void DTypesShareTheApi()
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var a = Tensor.Full([2, 2], 1.5, dtype);
            var b = (a * a + 1.0).Sum();
            Assert.Equal(dtype, b.DType);
            Assert.Equal(4 * (1.5 * 1.5 + 1), b.Item(), 1e-6);
        }
        var f = Tensor.Full([3], 0.1, DType.Float32).To(DType.Float64);
        Assert.Equal(DType.Float64, f.DType);
        Assert.Equal(0.1, f[0], 1e-7);
    }

    [Fact]
    public void SeededRandomIsReproducibleAndHasTheRightMoments()
    {
        var a = Tensor.Randn([20000], new Rng(7), mean: 2, sd: 3, dtype: DType.Float64);
        var b = Tensor.Randn([20000], new Rng(7), mean: 2, sd: 3, dtype: DType.Float64);
        Assert.Equal(a.ToArray(), b.ToArray());
        var (mean, sd) = DeepPrep.Training.Stats.MeanSd(a);
        Assert.Equal(2.0, mean, 0.1);   // standard error 3/√20000 ≈ 0.02
        Assert.Equal(3.0, sd, 0.1);
        var u = Tensor.Rand([20000], new Rng(8), low: -1, high: 1, dtype: DType.Float64).ToArray();
        Assert.True(u.Min() >= -1 && u.Max() < 1);
        Assert.Equal(0.0, u.Average(), 0.03);
    }

    [Fact]
    public void ToStringShowsValuesShapeAndDTypeAndTruncates()
    {
        var t = Tensor.From([1.0, 2.5, -3.0, 4.0], 2, 2);
        Assert.Equal("tensor([[1.0, 2.5],\n        [-3.0, 4.0]], shape=[2, 2], dtype=float64)", t.ToString());
        var big = Tensor.Arange(0, 100, 1, DType.Float32);
        string s = big.ToString();
        Assert.Contains("[0.0, 1.0, 2.0, …, 97.0, 98.0, 99.0]", s);
        Assert.Contains("shape=[100], dtype=float32", s);
        var w = Tensor.Zeros([2], DType.Float64).RequireGrad();
        Assert.Contains("requires_grad", w.ToString());
        Assert.Contains("op=mul", (w * 2.0).ToString());
    }

    [Fact]
    public void ReshapeSharesStorageAndInfersMinusOne()
    {
        var t = Tensor.Arange(0, 12, 1, DType.Float64);
        var r = t.Reshape(3, -1);
        Assert.Equal([3, 4], r.Shape);
        r[0, 1] = 42;
        Assert.Equal(42.0, t[1]);
        var ex = Assert.Throws<ArgumentException>(() => t.Reshape(5, -1));
        Assert.Contains("[12]", ex.Message);
        Assert.Contains("[5, -1]", ex.Message);
    }

    [Fact]
    public void TransposeSliceConcatStackGather()
    {
        var t = Tensor.From([1.0, 2, 3, 4, 5, 6], 2, 3);
        Assert.Equal(new double[] { 1, 4, 2, 5, 3, 6 }, t.T.ToArray());
        Assert.Equal(new double[] { 2, 3, 5, 6 }, t.Slice(1, 1, 2).ToArray());
        Assert.Equal(new double[] { 4, 5, 6 }, t.Rows(1, 1).ToArray());
        Assert.Equal(new double[] { 4, 5, 6, 1, 2, 3, 4, 5, 6 }, t.Gather([1, 0, 1]).ToArray());
        var c = Tensor.Concat([t, t.Slice(1, 0, 1)], axis: 1);
        Assert.Equal([2, 4], c.Shape);
        Assert.Equal(new double[] { 1, 2, 3, 1, 4, 5, 6, 4 }, c.ToArray());
        var s = Tensor.Stack([t, t * 10.0], axis: 0);
        Assert.Equal([2, 2, 3], s.Shape);
        Assert.Equal(60.0, s[1, 1, 2]);
        var p = Tensor.Arange(0, 24, 1, DType.Float64).Reshape(2, 3, 4).Permute(2, 0, 1);
        Assert.Equal([4, 2, 3], p.Shape);
        Assert.Equal(1 * 12 + 2 * 4 + 3, p[3, 1, 2]); // element [1, 2, 3] of the original
    }

    [Fact]
    public void ReductionsOverAxes()
    {
        var t = Tensor.From([1.0, 2, 3, 4, 5, 6], 2, 3);
        Assert.Equal(21.0, t.Sum().Item());
        Assert.Equal(new double[] { 5, 7, 9 }, t.Sum(0).ToArray());
        Assert.Equal([2, 1], t.Sum(1, keepDims: true).Shape);
        Assert.Equal(new double[] { 2, 5 }, t.Mean(1).ToArray());
        Assert.Equal(new double[] { 3, 6 }, t.Max(1).ToArray());
        Assert.Equal(new double[] { 1, 2, 3 }, t.Min(0).ToArray());
        Assert.Equal(new[] { 2, 2 }, t.ArgMax(1));
        Assert.Equal(0.0, Tensor.Zeros([0, 3], DType.Float64).Sum().Item());
        Assert.Throws<InvalidOperationException>(() => Tensor.Zeros([0, 3], DType.Float64).Max(0));
    }

    [Fact]
    public void SoftmaxIsStableForHugeLogits()
    {
        var p = Tensor.From([1000.0, 1001.0]).Softmax().ToArray();
        Assert.Equal(0.2689414213699951, p[0], 1e-12);
        Assert.Equal(0.7310585786300049, p[1], 1e-12);
        var lp = Tensor.From([-1000.0, 0.0]).LogSoftmax().ToArray();
        Assert.Equal(-1000.0, lp[0], 1e-9);
        Assert.Equal(0.0, lp[1], 1e-12);
        // Shift invariance, and rows sum to 1.
        var x = Tensor.Randn([3, 5], new Rng(1), dtype: DType.Float64);
        var a = x.Softmax().ToArray();
        var b = (x + 123.0).Softmax().ToArray();
        for (int i = 0; i < a.Length; i++) Assert.Equal(a[i], b[i], 1e-12);
        Assert.All(x.Softmax().Sum(1).ToArray(), s => Assert.Equal(1.0, s, 1e-12));
    }
}

public class BroadcastingTests
{
    [Theory]
    [InlineData(new[] { 2, 3 }, new[] { 3 }, new[] { 2, 3 })]
    [InlineData(new[] { 4, 1, 3 }, new[] { 5, 3 }, new[] { 4, 5, 3 })]
    [InlineData(new[] { 1 }, new[] { 2, 2 }, new[] { 2, 2 })]
    [InlineData(new int[0], new[] { 2, 3 }, new[] { 2, 3 })]
    [InlineData(new[] { 3, 1 }, new[] { 1, 4 }, new[] { 3, 4 })]
    [InlineData(new[] { 0, 3 }, new[] { 1, 3 }, new[] { 0, 3 })]
    public void ShapesBroadcastLikeNumPy(int[] a, int[] b, int[] expected)
    {
        Assert.Equal(expected, Shapes.Broadcast(a, b, "test"));
        Assert.Equal(expected, Shapes.Broadcast(b, a, "test"));
    }

    [Fact]
    public void BroadcastValuesAreRight()
    {
        var col = Tensor.From([1.0, 2, 3], 3, 1);
        var row = Tensor.From([10.0, 20], 1, 2);
        Assert.Equal(new double[] { 11, 21, 12, 22, 13, 23 }, (col + row).ToArray());
        var m = Tensor.From([1.0, 2, 3, 4, 5, 6], 2, 3);
        Assert.Equal(new double[] { 0, 0, 0, 3, 3, 3 }, (m - Tensor.From([1.0, 2, 3])).ToArray());
        Assert.Equal(new double[] { 2, 4, 6, 8, 10, 12 }, (2.0 * m).ToArray());
    }

    [Fact]
    public void MismatchNamesTheOpAndBothShapes()
    {
        var a = Tensor.Zeros([2, 3], DType.Float64);
        var b = Tensor.Zeros([4], DType.Float64);
        var ex = Assert.Throws<ArgumentException>(() => a * b);
        Assert.Contains("mul", ex.Message);
        Assert.Contains("[2, 3]", ex.Message);
        Assert.Contains("[4]", ex.Message);
    }

    [Fact]
    public void MatMulMismatchNamesBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Zeros([2, 3], DType.Float64).MatMul(Tensor.Zeros([4, 5], DType.Float64)));
        Assert.Contains("matmul", ex.Message);
        Assert.Contains("[2, 3]", ex.Message);
        Assert.Contains("[4, 5]", ex.Message);
    }

    [Fact]
    public void MixedDTypesAreRejectedClearly()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Zeros([2], DType.Float32) + Tensor.Zeros([2], DType.Float64));
        Assert.Contains("float32", ex.Message);
        Assert.Contains("float64", ex.Message);
    }

    [Fact]
    public void BadLayerInputNamesExpectedAndActualShapes()
    {
        var layer = new DeepPrep.Nn.Linear(4, 2);
        var ex = Assert.Throws<ArgumentException>(() => layer.Forward(Tensor.Zeros(3, 5)));
        Assert.Contains("[N, 4]", ex.Message);
        Assert.Contains("[3, 5]", ex.Message);
        var ce = Assert.Throws<ArgumentException>(() => Loss.CrossEntropy(Tensor.Zeros(3, 4), [0, 1]));
        Assert.Contains("3 rows", ce.Message);
        Assert.Contains("2 labels", ce.Message);
        var bad = Assert.Throws<ArgumentException>(() => Loss.CrossEntropy(Tensor.Zeros(2, 4), [0, 7]));
        Assert.Contains("label 7", bad.Message);
    }
}
