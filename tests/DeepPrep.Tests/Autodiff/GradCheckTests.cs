using DeepPrep.Nn;

namespace DeepPrep.Tests.Autodiff;

/// <summary>
/// Every op, layer and loss: backward against central finite differences in float64.
/// Tolerance: relative error &lt; 1e-6 (central differences with ε = 1e-6 are good to ~1e-9 here;
/// a wrong gradient is off by order 1). Inputs stay away from kinks (|x| ≥ 0.1) so finite differences
/// never straddle a point where the function is not differentiable.
/// </summary>
public class GradCheckTests
{
    private const double Tolerance = 1e-6;

    // A random float64 leaf whose values avoid |x| < 0.1 (kinks of relu, abs, step; poles of 1/x).
    private static Tensor Leaf(Rng rng, params int[] shape)
    {
        var t = Tensor.Zeros(shape, DType.Float64);
        for (int i = 0; i < t.Size; i++)
        {
            double v = rng.Uniform(0.1, 1.5);
            t[Unflatten(shape, i)] = rng.Bernoulli(0.5) ? v : -v;
        }
        return t.RequireGrad();
    }

    private static Tensor Positive(Rng rng, params int[] shape)
    {
        var t = Tensor.Zeros(shape, DType.Float64);
        for (int i = 0; i < t.Size; i++) t[Unflatten(shape, i)] = rng.Uniform(0.3, 2.0);
        return t.RequireGrad();
    }

    private static int[] Unflatten(int[] shape, int flat)
    {
        var index = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--) { index[d] = flat % shape[d]; flat /= shape[d]; }
        return index;
    }

    // Reduce any output to a scalar through fixed random weights, so every output element matters
    // with a different coefficient (a plain Sum would hide errors that cancel).
    private static Func<Tensor> Weighted(Func<Tensor> f, int seed = 99)
    {
        Tensor? weights = null;
        return () =>
        {
            var y = f();
            if (weights == null)
            {
                var rng = new Rng((ulong)seed);
                weights = Tensor.Randn(y.Shape.ToArray(), rng, dtype: DType.Float64);
            }
            return (y * weights).Sum();
        };
    }

    private static void Check(Func<Tensor> f, params Tensor[] inputs)
    {
        foreach (var r in GradCheck.Compare(Weighted(f), inputs))
            Assert.True(r.RelativeError < Tolerance, $"{r.Name}: relative error {r.RelativeError:E2} ≥ {Tolerance:E0}");
    }

    public static TheoryData<string> UnaryOps => new()
    {
        "neg", "exp", "log", "sqrt", "abs", "square", "pow", "clamp", "sigmoid", "tanh", "relu", "leaky_relu",
        "elu", "softsign", "softplus", "gelu", "identity", "softmax", "log_softmax",
    };

    [Theory]
    [MemberData(nameof(UnaryOps))]
    public void UnaryOpGradientsMatchFiniteDifferences(string op)
    {
        var rng = new Rng(1);
        bool positiveOnly = op is "log" or "sqrt" or "pow";
        var x = positiveOnly ? Positive(rng, 3, 5) : Leaf(rng, 3, 5);
        Func<Tensor> f = op switch
        {
            "neg" => () => -x,
            "exp" => () => x.Exp(),
            "log" => () => x.Log(),
            "sqrt" => () => x.Sqrt(),
            "abs" => () => x.Abs(),
            "square" => () => x.Square(),
            "pow" => () => x.Pow(2.5),
            "clamp" => () => x.Clamp(-0.75, 0.8),
            "sigmoid" => () => x.Sigmoid(),
            "tanh" => () => x.Tanh(),
            "relu" => () => x.Relu(),
            "leaky_relu" => () => x.LeakyRelu(0.1),
            "elu" => () => x.Elu(0.7),
            "softsign" => () => x.Softsign(),
            "softplus" => () => x.Softplus(),
            "gelu" => () => x.Gelu(),
            "identity" => () => x.Identity(),
            "softmax" => () => x.Softmax(),
            "log_softmax" => () => x.LogSoftmax(),
            _ => throw new ArgumentException(op),
        };
        Check(f, x);
    }

    [Fact]
    public void StepHasZeroGradientEverywhere()
    {
        var x = Leaf(new Rng(2), 4, 3);
        var r = GradCheck.Compare(() => (x.Step() * 3.0).Sum(), [x])[0];
        Assert.All(r.Analytic, g => Assert.Equal(0.0, g));
        Assert.All(r.Numeric, g => Assert.Equal(0.0, g));
    }

    [Theory]
    [InlineData("add")]
    [InlineData("sub")]
    [InlineData("mul")]
    [InlineData("div")]
    [InlineData("maximum")]
    [InlineData("minimum")]
    [InlineData("pow")]
    public void BinaryOpGradientsMatchWithBroadcasting(string op)
    {
        var rng = new Rng(3);
        // [2, 3, 4] with [3, 1]: broadcasts a leading axis and a trailing size-1 axis.
        var a = op == "pow" ? Positive(rng, 2, 3, 4) : Leaf(rng, 2, 3, 4);
        var b = op is "div" or "pow" ? Positive(rng, 3, 1) : Leaf(rng, 3, 1);
        Func<Tensor> f = op switch
        {
            "add" => () => a + b,
            "sub" => () => a - b,
            "mul" => () => a * b,
            "div" => () => a / b,
            "maximum" => () => Tensor.Maximum(a, b),
            "minimum" => () => Tensor.Minimum(a, b),
            "pow" => () => Tensor.Pow(a, b),
            _ => throw new ArgumentException(op),
        };
        Check(f, a, b);
    }

    [Fact]
    public void ScalarOperatorsMatch()
    {
        var x = Leaf(new Rng(4), 5);
        Check(() => 2.0 - x * 3.0 + 1.5 / (x + 4.0), x);
    }

    [Fact]
    public void MatMulGradientsMatch()
    {
        var rng = new Rng(5);
        var a = Leaf(rng, 4, 3);
        var b = Leaf(rng, 3, 5);
        Check(() => a.MatMul(b), a, b);
    }

    [Fact]
    public void BatchedMatMulGradientsMatch()
    {
        var rng = new Rng(6);
        var a = Leaf(rng, 2, 3, 4);
        var b = Leaf(rng, 2, 4, 2);
        Check(() => a.MatMul(b), a, b);
    }

    [Theory]
    [InlineData("sum_all")]
    [InlineData("sum_axis0")]
    [InlineData("sum_axes02_keep")]
    [InlineData("mean_all")]
    [InlineData("mean_axis1")]
    [InlineData("max_axis1")]
    [InlineData("min_axis0")]
    [InlineData("max_all")]
    public void ReductionGradientsMatch(string op)
    {
        var x = Leaf(new Rng(7), 2, 3, 4);
        Func<Tensor> f = op switch
        {
            "sum_all" => () => x.Sum(),
            "sum_axis0" => () => x.Sum(0),
            "sum_axes02_keep" => () => x.Sum([0, 2], keepDims: true),
            "mean_all" => () => x.Mean(),
            "mean_axis1" => () => x.Mean(1),
            "max_axis1" => () => x.Max(1),
            "min_axis0" => () => x.Min(0),
            "max_all" => () => x.Max(),
            _ => throw new ArgumentException(op),
        };
        Check(f, x);
    }

    [Theory]
    [InlineData("reshape")]
    [InlineData("transpose")]
    [InlineData("permute")]
    [InlineData("broadcast")]
    [InlineData("slice")]
    [InlineData("gather")]
    [InlineData("concat")]
    [InlineData("stack")]
    [InlineData("unsqueeze_squeeze")]
    [InlineData("flatten")]
    public void ShapeOpGradientsMatch(string op)
    {
        var rng = new Rng(8);
        var x = Leaf(rng, 2, 3, 4);
        var y = Leaf(rng, 2, 3, 4);
        Func<Tensor> f = op switch
        {
            "reshape" => () => x.Reshape(4, -1) * 2.0,
            "transpose" => () => x.Transpose(0, 2),
            "permute" => () => x.Permute(1, 2, 0),
            "broadcast" => () => x.Sum(0, keepDims: true).BroadcastTo([5, 3, 4]),
            "slice" => () => x.Slice(2, 1, 2),
            "gather" => () => x.Gather([1, 0, 1, 1]),
            "concat" => () => Tensor.Concat([x, y.Slice(1, 0, 2)], axis: 1),
            "stack" => () => Tensor.Stack([x, y], axis: 1),
            "unsqueeze_squeeze" => () => x.Unsqueeze(1).Squeeze(1) * y,
            "flatten" => () => x.Flatten(1),
            _ => throw new ArgumentException(op),
        };
        Check(f, x, y);
    }

    [Fact]
    public void WhereRoutesGradientToTheChosenInput()
    {
        var rng = new Rng(9);
        var a = Leaf(rng, 3, 4);
        var b = Leaf(rng, 3, 4);
        var cond = a.Detach().GreaterThan(0);
        Check(() => Tensor.Where(cond, a * 2.0, b.Exp()), a, b);
    }

    [Theory]
    [InlineData(1, 0, true)]
    [InlineData(2, 1, true)]
    [InlineData(1, 2, false)]
    public void Conv2dGradientsMatch(int stride, int padding, bool bias)
    {
        var rng = new Rng(10);
        var x = Leaf(rng, 2, 3, 6, 5);
        var w = Leaf(rng, 4, 3, 3, 3);
        var b = Leaf(rng, 4);
        if (bias) Check(() => Tensor.Conv2d(x, w, b, stride, padding), x, w, b);
        else Check(() => Tensor.Conv2d(x, w, null, stride, padding), x, w);
    }

    [Fact]
    public void PoolingGradientsMatch()
    {
        var rng = new Rng(11);
        // Distinct values so the max in each window is unique (ties are not differentiable).
        var x = Tensor.Zeros([2, 2, 4, 6], DType.Float64);
        var perm = rng.Permutation(x.Size);
        for (int i = 0; i < x.Size; i++) x.SetFlat(i, perm[i] * 0.05 - 2);
        x.RequiresGrad = true;
        Check(() => Tensor.MaxPool2d(x, 2), x);
        Check(() => Tensor.AvgPool2d(x, 2), x);
        Check(() => Tensor.MaxPool2d(x, 3, stride: 1), x);
    }

    [Fact]
    public void DropoutGradientIsTheScaledMask()
    {
        var x = Leaf(new Rng(12), 5, 6);
        // Re-seed inside f so every evaluation draws the same mask.
        Check(() => x.Dropout(0.4, training: true, rng: new Rng(42)), x);
    }

    [Fact]
    public void LinearLayerGradientsMatch()
    {
        var rng = new Rng(13);
        var layer = new Linear(4, 3, dtype: DType.Float64, rng: rng);
        var x = Leaf(rng, 5, 4);
        Check(() => layer.Forward(x).Tanh(), x, layer.Weight, layer.Bias!);
    }

    [Fact]
    public void FusedLinearOpGradientsMatch()
    {
        var rng = new Rng(31);
        var x = Leaf(rng, 7, 5);
        var w = Leaf(rng, 5, 3);
        var b = Leaf(rng, 3);
        Check(() => Tensor.Linear(x, w, b), x, w, b);
        Check(() => Tensor.Linear(x, w, null), x, w);
        Check(() => Tensor.Linear(x.Detach(), w, b), w, b); // data that needs no gradient (the usual first layer)
    }

    [Theory]
    [InlineData("tanh")]
    [InlineData("sigmoid")]
    [InlineData("elu")]
    [InlineData("softplus")]
    [InlineData("gelu")]
    public void FusedLinearActivationGradientsMatch(string activation)
    {
        var rng = new Rng(32);
        var layer = new Linear(4, 3, dtype: DType.Float64, rng: rng);
        var model = new Sequential(layer, Activation.FromName(activation));
        var x = Leaf(rng, 6, 4);
        Check(() => model.Forward(x), x, layer.Weight, layer.Bias!);
    }

    [Fact]
    public void BatchNormTrainingModeGradientsMatch()
    {
        var rng = new Rng(14);
        var bn = new BatchNorm1d(3, dtype: DType.Float64);
        // Non-trivial γ, β so their gradients and the normalisation interact.
        bn.Gamma.CopyFrom(Tensor.From([1.5, -0.5, 0.8]));
        bn.Beta.CopyFrom(Tensor.From([0.1, 0.2, -0.3]));
        var x = Leaf(rng, 6, 3);
        Check(() => bn.Forward(x), x, bn.Gamma, bn.Beta);
    }

    [Fact]
    public void Conv2dLayerAndPoolingStackGradientsMatch()
    {
        var rng = new Rng(15);
        var conv = new Conv2d(1, 2, 3, padding: 1, dtype: DType.Float64, rng: rng);
        var x = Leaf(rng, 2, 1, 4, 4);
        Check(() => Tensor.AvgPool2d(conv.Forward(x).Tanh(), 2), x, conv.Weight, conv.Bias!);
    }

    [Fact]
    public void RnnUnrolledOverSeveralStepsGradientsMatch()
    {
        var rng = new Rng(16);
        var cell = new RnnCell(3, 4, dtype: DType.Float64, rng: rng);
        var xs = Enumerable.Range(0, 5).Select(_ => Leaf(rng, 2, 3)).ToArray();
        Check(() => cell.Unroll(xs)[^1], [.. xs, cell.InputWeight, cell.HiddenWeight, cell.Bias]);
    }

    [Fact]
    public void LstmUnrolledOverSeveralStepsGradientsMatch()
    {
        var rng = new Rng(17);
        var cell = new LstmCell(3, 4, forgetBias: 1.0, dtype: DType.Float64, rng: rng);
        var xs = Enumerable.Range(0, 6).Select(_ => Leaf(rng, 2, 3)).ToArray();
        Check(() => { var (h, c) = cell.Unroll(xs); return h[^1] + c * 0.5; }, [.. xs, cell.InputWeight, cell.HiddenWeight, cell.Bias]);
    }

    [Fact]
    public void SequenceForwardOfCellsGradientsMatch()
    {
        var rng = new Rng(18);
        var cell = new LstmCell(2, 3, dtype: DType.Float64, rng: rng);
        var seq = Leaf(rng, 2, 4, 2);
        Check(() => cell.Forward(seq), seq, cell.InputWeight);
    }

    [Fact]
    public void LossGradientsMatch()
    {
        var rng = new Rng(19);
        var logits = Leaf(rng, 5, 4);
        var target = Tensor.Rand([5, 4], rng, dtype: DType.Float64);
        var binaryTarget = logits.Detach().GreaterThan(0.3);
        int[] labels = [0, 3, 1, 1, 2];
        Assert.True(GradCheck.MaxRelativeError(() => Loss.Mse(logits, target), logits) < Tolerance);
        Assert.True(GradCheck.MaxRelativeError(() => Loss.BinaryCrossEntropyWithLogits(logits, binaryTarget), logits) < Tolerance);
        Assert.True(GradCheck.MaxRelativeError(() => Loss.CrossEntropy(logits, labels), logits) < Tolerance);
        Assert.True(GradCheck.MaxRelativeError(() => Loss.Nll(logits.LogSoftmax(), labels), logits) < Tolerance);
        Assert.True(GradCheck.MaxRelativeError(() => Loss.CrossEntropy(logits, target.Softmax()), logits) < Tolerance);
    }

    [Fact]
    public void FusedCrossEntropyEqualsComposedLogSoftmaxNll()
    {
        var rng = new Rng(20);
        var logits = Leaf(rng, 7, 5);
        int[] labels = [4, 0, 2, 2, 1, 3, 0];
        var fused = Loss.CrossEntropy(logits, labels);
        fused.Backward();
        var fusedGrad = logits.Grad!.ToArray();
        logits.ZeroGrad();
        var composed = Loss.Nll(logits.LogSoftmax(), labels);
        composed.Backward();
        Assert.Equal(composed.Item(), fused.Item(), 1e-12);
        var composedGrad = logits.Grad!.ToArray();
        for (int i = 0; i < fusedGrad.Length; i++) Assert.Equal(composedGrad[i], fusedGrad[i], 1e-12);
    }

    [Fact]
    public void MlpGradientsMatchForEveryParameter()
    {
        // The notebook-05 experiment in miniature: a 64-16-10 tanh MLP, backprop vs central differences.
        var rng = new Rng(21);
        var model = Sequential.Mlp([8, 6, 4], Activation.Tanh, Init.GlorotNormal, DType.Float64, rng);
        var x = Tensor.Randn([5, 8], rng, dtype: DType.Float64);
        int[] labels = [0, 1, 2, 3, 1];
        foreach (var r in GradCheck.Compare(() => Loss.CrossEntropy(model.Forward(x), labels), model.Parameters().ToList()))
            Assert.True(r.RelativeError < Tolerance, $"{r.Name}: {r.RelativeError:E2}");
    }
}

public class GradCheckDetectsErrors
{
    [Fact]
    public void AWrongBackwardIsCaught()
    {
        // cube(x) = x³ with a deliberately wrong derivative 2x² (should be 3x²): relative error ≈ 1/3.
        var x = Tensor.From([0.5, -1.2, 2.0]).RequireGrad();
        Tensor WrongCube(Tensor t) =>
            DeepPrep.Autodiff.Record(t.Detach().Pow(3), "wrong_cube", [t], g => [g * t.Square() * 2.0]);
        double error = GradCheck.MaxRelativeError(() => WrongCube(x).Sum(), x);
        Assert.InRange(error, 0.3, 0.4);
    }
}
