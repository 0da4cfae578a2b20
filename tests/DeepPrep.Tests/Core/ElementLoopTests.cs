using DeepPrep.Optim;

namespace DeepPrep.Tests.Core;

// Where, GreaterThan, the ≥ mask behind maximum/minimum, dropout masks, gradient clipping and AddInPlace loop over
// spans of the element type. The reference here is the per-element formula in double (what the loops did through
// GetFlat/SetFlat before): results must be identical, for sizes 0, 1, odd and large, both dtypes, NaN and ±0 included.
public class ElementLoopTests
{
    public static TheoryData<int, DType> Sizes()
    {
        var data = new TheoryData<int, DType>();
        foreach (int n in new[] { 0, 1, 7, 33, 1000 })
            foreach (var dtype in new[] { DType.Float32, DType.Float64 })
                data.Add(n, dtype);
        return data;
    }

    private static Tensor Values(int n, DType dtype, int seed)
    {
        var t = Tensor.Randn([n], new Rng((ulong)seed), dtype: dtype);
        if (n > 3) { t[0] = 0.0; t[1] = -0.0; t[2] = double.NaN; }
        return t;
    }

    [Theory, MemberData(nameof(Sizes))]
    public void WhereAndGreaterThanMatchThePerElementRule(int n, DType dtype)
    {
        var c = Values(n, dtype, 1);
        var a = Values(n, dtype, 2);
        var b = Values(n, dtype, 3);
        var ca = c.ToArray(); var aa = a.ToArray(); var ba = b.ToArray();
        var where = Tensor.Where(c, a, b).ToArray();
        var above = c.GreaterThan(0.1).ToArray();
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(ca[i] != 0 ? aa[i] : ba[i], where[i]);
            Assert.Equal(ca[i] > 0.1 ? 1.0 : 0.0, above[i]);
        }
    }

    [Fact]
    public void WhereWithAConditionOfAnotherDtypeAndBroadcasting()
    {
        var cond = Tensor.From([1e-50, 0.0, -2.0], 3, 1);          // float64: 1e-50 is non-zero (it would round to 0 in float32)
        var a = Tensor.From([1f, 2f], 1, 2);
        var b = Tensor.From([-1f], 1);
        var y = Tensor.Where(cond, a, b);
        Assert.Equal(DType.Float32, y.DType);
        Assert.Equal(new double[] { 1, 2, -1, -1, 1, 2 }, y.ToArray());
        var mixed = Tensor.Where(Tensor.From([0.0, 1.0]), Tensor.From([5f, 6f]), Tensor.From([7.0, 8.0]));
        Assert.Equal(new double[] { 7, 6 }, mixed.ToArray());
    }

    [Theory, MemberData(nameof(Sizes))]
    public void MaximumAndMinimumGradientsFollowTheMask(int n, DType dtype)
    {
        var x = Values(n, dtype, 4).RequireGrad();
        var y = Values(n, dtype, 5).RequireGrad();
        Tensor.Maximum(x, y).Sum().Backward();
        var xa = x.ToArray(); var ya = y.ToArray();
        for (int i = 0; i < n; i++)
        {
            double xWins = xa[i] - ya[i] >= 0 ? 1 : 0; // the mask's definition: x − y ≥ 0 (false for NaN)
            Assert.Equal(xWins, x.Grad!.ToArray()[i]);
            Assert.Equal(1 - xWins, y.Grad!.ToArray()[i]);
        }
    }

    [Theory, MemberData(nameof(Sizes))]
    public void DropoutMaskUsesOneDrawPerElementInOrder(int n, DType dtype)
    {
        var x = Tensor.Ones([n], dtype);
        var y = x.Dropout(0.3, rng: new Rng(9)).ToArray();
        var rng = new Rng(9);
        for (int i = 0; i < n; i++)
        {
            double expected = rng.NextDouble() < 0.3 ? 0 : 1.0 / (1 - 0.3);
            Assert.Equal(dtype == DType.Float32 ? (double)(float)expected : expected, y[i]);
        }
    }

    [Theory, MemberData(nameof(Sizes))]
    public void ClippingMatchesThePerElementFormulas(int n, DType dtype)
    {
        Tensor Param(int seed)
        {
            var p = Tensor.Zeros([n], dtype).RequireGrad();
            (p * Values(n, dtype, seed).Abs().Clamp(0, 1e30) * 3.0).Sum().Backward(); // Grad = 3·|v| (NaN → clamp keeps NaN)
            return p;
        }
        var p1 = Param(6); var p2 = Param(7);
        var g1 = p1.Grad!.ToArray(); var g2 = p2.Grad!.ToArray();
        double sumSquares = 0;
        foreach (var v in g1.Concat(g2)) sumSquares += v * v;
        Assert.Equal(Math.Sqrt(sumSquares), Clip.GlobalNorm([p1, p2]));
        double norm = Clip.GradNorm([p1, p2], 0.5);
        Assert.Equal(Math.Sqrt(sumSquares), norm);
        if (double.IsFinite(norm) && norm > 0.5)
            for (int i = 0; i < n; i++)
            {
                double expected = g1[i] * (0.5 / norm);
                Assert.Equal(dtype == DType.Float32 ? (double)(float)expected : expected, p1.Grad!.ToArray()[i]);
            }
        var before = p2.Grad!.ToArray();
        Clip.GradValue([p2], 0.7);
        for (int i = 0; i < n; i++)
        {
            double expected = Math.Clamp(before[i], -0.7, 0.7);
            Assert.Equal(dtype == DType.Float32 ? (double)(float)expected : expected, p2.Grad!.ToArray()[i]);
        }
    }

    [Theory, MemberData(nameof(Sizes))]
    public void AddInPlaceMatchesElementwiseAdd(int n, DType dtype)
    {
        var a = Values(n, dtype, 8);
        var b = Values(n, dtype, 9);
        var sum = (a + b).ToArray();
        var scaled = a.Clone();
        scaled.AddInPlace(b, 0.25);
        var expectedScaled = a.ToArray().Zip(b.ToArray(), (x, y) => dtype == DType.Float32 ? (double)((float)x + 0.25f * (float)y) : x + 0.25 * y).ToArray();
        a.AddInPlace(b);
        Assert.Equal(sum, a.ToArray());
        Assert.Equal(expectedScaled, scaled.ToArray());
        a.AddInPlace(a); // aliasing: x += x
        Assert.Equal(sum.Select(v => dtype == DType.Float32 ? (double)((float)v + (float)v) : v + v), a.ToArray());
        Assert.Throws<ArgumentException>(() => a.AddInPlace(Tensor.Zeros([n + 1], dtype)));
    }
}
