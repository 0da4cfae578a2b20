using DeepPrep.Nn;

namespace DeepPrep.Tests.Nn;

public class ModuleTests
{
    [Fact]
    public void ParameterCountsMatchTheFormulas()
    {
        Assert.Equal(64 * 10 + 10, new Linear(64, 10).ParameterCount);
        Assert.Equal(3 * 3 * 1 * 16 + 16, new Conv2d(1, 16, 3).ParameterCount);        // 160 (curriculum X22)
        Assert.Equal(64 * 1024 + 1024, new Linear(64, 1024).ParameterCount);            // 66,560
        Assert.Equal(0, new MaxPool2d(2).ParameterCount);                               // M8: pooling has no parameters
        var mlp = Sequential.Mlp([64, 32, 10], Activation.Relu);
        Assert.Equal(64 * 32 + 32 + 32 * 10 + 10, mlp.ParameterCount);
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], mlp.NamedParameters().Select(p => p.Name));
        Assert.Equal(4 * (3 * 5 + 5 * 5 + 5), new LstmCell(3, 5).ParameterCount);
    }

    [Fact]
    public void ConvOutputSizeFormula()
    {
        // M2: 28×28 input, 7×7 kernel, stride 1, no padding → 22×22; "same" padding 3 keeps 28.
        var y = new Conv2d(1, 2, 7).Forward(Tensor.Zeros(1, 1, 28, 28));
        Assert.Equal([1, 2, 22, 22], y.Shape);
        Assert.Equal(28, new Conv2d(1, 1, 7, padding: 3).OutputSize(28));
        Assert.Equal([2, 3, 4, 4], new MaxPool2d(2).Forward(Tensor.Zeros(2, 3, 8, 9)).Shape);
    }

    [Fact]
    public void InitialisersHaveTheirScale()
    {
        var rng = new Rng(3);
        foreach (var (init, expectedSd) in new[] { (Init.HeNormal, Math.Sqrt(2.0 / 400)), (Init.GlorotNormal, Math.Sqrt(2.0 / 600)),
                                                   (Init.GlorotUniform, Math.Sqrt(2.0 / 600)), (Init.HeUniform, Math.Sqrt(2.0 / 400)) })
        {
            var layer = new Linear(400, 200, init: init, dtype: DType.Float64, rng: rng);
            var (mean, sd) = DeepPrep.Training.Stats.MeanSd(layer.Weight);
            Assert.Equal(0, mean, 0.003);
            Assert.Equal(expectedSd, sd, expectedSd * 0.03); // 80,000 samples: sd of the estimate ≈ 0.25 %
        }
        var zeros = new Linear(3, 3, init: Init.Zeros);
        Assert.All(zeros.Weight.ToArray(), v => Assert.Equal(0.0, v));
        Assert.All(new Linear(3, 3, init: Init.Constant(0.5)).Weight.ToArray(), v => Assert.Equal(0.5, v));
    }

    [Fact]
    public void DropoutTrainVersusEval()
    {
        var drop = new Dropout(0.5, new Rng(1));
        var x = Tensor.Ones([1000], DType.Float64);
        var y = drop.Forward(x).ToArray();
        Assert.All(y, v => Assert.True(v == 0.0 || v == 2.0));       // survivors scaled by 1/(1−p)
        Assert.Equal(0.5, y.Count(v => v == 0) / 1000.0, 0.05);
        Assert.Equal(1.0, y.Average(), 0.1);                          // expectation preserved
        drop.Eval();
        Assert.Equal(x.ToArray(), drop.Forward(x).ToArray());         // identity in evaluation
    }

    [Fact]
    public void BatchNormNormalisesInTrainingAndUsesRunningStatsInEval()
    {
        var bn = new BatchNorm1d(2, momentum: 0.5, dtype: DType.Float64);
        var x = Tensor.From([1.0, 10, 3, 20, 5, 30, 7, 40], 4, 2);
        var y = bn.Forward(x);
        var (m0, s0) = DeepPrep.Training.Stats.MeanSd(y.Slice(1, 0, 1));
        Assert.Equal(0.0, m0, 1e-12);
        Assert.Equal(1.0, s0, 1e-5);   // ε = 1e-5 makes it slightly under 1
        // Running mean after one batch with momentum ½: ½·0 + ½·[4, 25].
        Assert.Equal(new[] { 2.0, 12.5 }, bn.RunningMean.ToArray());
        // Unbiased batch variance of column 0 is 20/3; running var = ½·1 + ½·20/3.
        Assert.Equal(0.5 + 0.5 * 20.0 / 3, bn.RunningVar[0], 1e-12);
        bn.Eval();
        var e = bn.Forward(Tensor.From([2.0, 12.5], 1, 2)); // the running mean itself → 0
        Assert.Equal(new[] { 0.0, 0.0 }, e.ToArray());
        Assert.NotEqual(y.ToArray()[0], bn.Forward(x).ToArray()[0]); // eval differs from train mode
    }

    [Fact]
    public void LstmForgetBiasIsSetOnTheForgetBlockOnly()
    {
        var cell = new LstmCell(2, 3, forgetBias: 3.0);
        Assert.Equal(new double[] { 0, 0, 0, 3, 3, 3, 0, 0, 0, 0, 0, 0 }, cell.Bias.ToArray());
    }

    [Fact]
    public void TrainEvalPropagatesAndSummaryPrints()
    {
        var model = new Sequential(new Linear(4, 8), Activation.Relu(), new Dropout(0.2), new Linear(8, 2));
        model.Eval();
        Assert.All(model.Layers, l => Assert.False(l.Training));
        model.Train();
        Assert.All(model.Layers, l => Assert.True(l.Training));
        string s = model.ToString();
        Assert.Contains("Linear(4 → 8", s);
        Assert.Contains("Dropout(p=0.2)", s);
        Assert.Contains("Parameters: 58", s);
    }
}
