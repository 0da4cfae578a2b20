using DeepPrep.Nn;
using DeepPrep.Optim;

namespace DeepPrep.Tests.Losses;

// BinaryCrossEntropyWithLogits records one fused node instead of the five ops of mean(softplus(z) − y·z). The
// oracle is that composed version (Loss.BinaryCrossEntropyWithLogitsComposed): the fused one runs the same kernels
// in the same order, so loss and gradients must be identical bit for bit, not merely close.
public class FusedBceTests
{
    public static TheoryData<int[], DType> Shapes() => new()
    {
        { [1], DType.Float32 }, { [1, 1], DType.Float64 }, { [7], DType.Float32 }, { [256, 1], DType.Float32 },
        { [5, 3], DType.Float64 }, { [33, 9], DType.Float32 }, { [2, 3, 4], DType.Float64 },
    };

    private static (Tensor Z, Tensor Y) Inputs(int[] shape, DType dtype)
    {
        var rng = new Rng(21);
        var z = Tensor.Randn(shape, rng, sd: 4, dtype: dtype); // large |z| too: softplus's saturated branches
        var y = Tensor.Rand(shape, rng, dtype: dtype);         // soft labels in [0, 1)
        return (z, y);
    }

    [Theory, MemberData(nameof(Shapes))]
    public void FusedLossAndGradientMatchTheComposedOpsExactly(int[] shape, DType dtype)
    {
        var (z, y) = Inputs(shape, dtype);
        var z1 = z.Clone().RequireGrad();
        var z2 = z.Clone().RequireGrad();
        var fused = Loss.BinaryCrossEntropyWithLogits(z1, y);
        var composed = Loss.BinaryCrossEntropyWithLogitsComposed(z2, y);
        Assert.Equal("binary_cross_entropy_with_logits", fused.Op);
        Assert.Equal(composed.Item(), fused.Item());
        (fused * 3.0).Backward();    // a seed other than 1
        (composed * 3.0).Backward();
        Assert.Equal(z2.Grad!.ToArray(), z1.Grad!.ToArray());
    }

    [Fact]
    public void TrainingATinyNetGivesTheSameWeights()
    {
        Sequential Net() { var rng = new Rng(4); return new Sequential(new Linear(2, 8, rng: rng), Activation.Tanh(), new Linear(8, 1, rng: rng)); }
        var x = Tensor.Randn([64, 2], new Rng(5), dtype: DType.Float32);
        var y = (x.Slice(1, 0, 1) * x.Slice(1, 1, 1)).GreaterThan(0);
        var (a, b) = (Net(), Net());
        var (optA, optB) = (new Sgd(a.Parameters(), 0.5), new Sgd(b.Parameters(), 0.5));
        for (int step = 0; step < 50; step++)
        {
            optA.ZeroGrad(); Loss.BinaryCrossEntropyWithLogits(a.Forward(x), y).Backward(); optA.Step();
            optB.ZeroGrad(); Loss.BinaryCrossEntropyWithLogitsComposed(b.Forward(x), y).Backward(); optB.Step();
        }
        foreach (var (p, q) in a.Parameters().Zip(b.Parameters())) Assert.Equal(q.ToArray(), p.ToArray());
    }

    [Fact]
    public void ATargetThatNeedsAGradientGetsOne()
    {
        // Falls back to the composed ops: ∂loss/∂y = −z/n.
        var z = Tensor.From([0.5, -2.0, 3.0]).RequireGrad();
        var y = Tensor.From([1.0, 0.0, 0.25]).RequireGrad();
        Loss.BinaryCrossEntropyWithLogits(z, y).Backward();
        Assert.Equal(new[] { -0.5 / 3, 2.0 / 3, -3.0 / 3 }, y.Grad!.ToArray());
        for (int i = 0; i < 3; i++)
            Assert.Equal(1 / (1 + Math.Exp(-z[i])) / 3 - y[i] / 3, z.Grad![i], 15);
    }

    [Fact]
    public void BadArgumentsAndNoGrad()
    {
        Assert.Throws<ArgumentException>(() => Loss.BinaryCrossEntropyWithLogits(Tensor.Zeros(3, 1), Tensor.Zeros(3)));
        Assert.Throws<InvalidOperationException>(() => Loss.BinaryCrossEntropyWithLogits(Tensor.Zeros(0), Tensor.Zeros(0)));
        var z = Tensor.From([0.0]).RequireGrad();
        using (DeepPrep.Autodiff.NoGrad())
            Assert.Equal(Math.Log(2), Loss.BinaryCrossEntropyWithLogits(z, Tensor.From([1.0])).Item(), 15);
    }
}
