using DeepPrep.Nn;
using DeepPrep.Optim;

namespace DeepPrep.Tests.Nn;

public class StateDictTests
{
    private static Sequential Mlp(ulong seed, DType? dtype = null) =>
        Sequential.Mlp([4, 3, 2], Activation.Tanh, Init.GlorotNormal, dtype ?? DType.Float64, new Rng(seed));

    [Fact]
    public void SaveIsASnapshotThatLaterTrainingDoesNotChange()
    {
        var model = Mlp(1);
        var saved = StateDict.Save(model);
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], saved.Keys);
        double before = saved["0.weight"][0, 0];
        model.Parameters().First()[0, 0] = 42;
        Assert.Equal(before, saved["0.weight"][0, 0]);
        Assert.False(saved["0.weight"].RequiresGrad);
    }

    [Fact]
    public void LoadCopiesEveryValueIntoTheSameTensors()
    {
        var source = Mlp(1);
        var target = Mlp(2);
        var targetTensors = target.Parameters().ToList();
        var copied = StateDict.Load(target, StateDict.Save(source));
        Assert.Equal(4, copied.Count);
        Assert.Equal(targetTensors, target.Parameters());                      // same objects, values replaced
        foreach (var (a, b) in source.Parameters().Zip(target.Parameters()))
            Assert.Equal(a.ToArray(), b.ToArray());
        Assert.All(target.Parameters(), p => Assert.True(p.RequiresGrad));
        // The copies are independent: training the target does not move the source.
        var x = Tensor.From([0.1, -0.2, 0.3, 0.4], 1, 4);
        var sgd = new Sgd(target.Parameters(), 0.5);
        target.Forward(x).Square().Sum().Backward();
        sgd.Step();
        Assert.NotEqual(source.Parameters().First().ToArray(), target.Parameters().First().ToArray());
    }

    [Fact]
    public void CopyWithAFilterTransfersOnlyTheChosenLayers()
    {
        var pretrained = Mlp(1);
        var fresh = Mlp(2);
        var outputBefore = fresh[2] is Linear head ? head.Weight.ToArray() : throw new InvalidOperationException();
        var copied = StateDict.Copy(pretrained, fresh, name => name.StartsWith("0."));
        Assert.Equal(["0.weight", "0.bias"], copied);
        Assert.Equal(((Linear)pretrained[0]).Weight.ToArray(), ((Linear)fresh[0]).Weight.ToArray());
        Assert.Equal(outputBefore, ((Linear)fresh[2]).Weight.ToArray());       // the head keeps its own weights
    }

    [Fact]
    public void DifferentDTypesAreConverted()
    {
        var source = Mlp(1, DType.Float64);
        var target = Mlp(2, DType.Float32);
        StateDict.Load(target, StateDict.Save(source));
        foreach (var (a, b) in source.Parameters().Zip(target.Parameters()))
        {
            Assert.Equal(DType.Float32, b.DType);
            Assert.Equal(a.ToArray(), b.ToArray(), (x, y) => Math.Abs(x - y) < 1e-6);
        }
    }

    [Fact]
    public void MismatchesAreReportedAndLeaveTheTargetUntouched()
    {
        var target = Mlp(2);
        var before = target.Parameters().Select(p => p.ToArray()).ToList();
        var wrongShape = StateDict.Save(Sequential.Mlp([4, 5, 2], Activation.Tanh, dtype: DType.Float64, rng: new Rng(1)));
        var e = Assert.Throws<ArgumentException>(() => StateDict.Load(target, wrongShape));
        Assert.Contains("0.weight", e.Message);
        Assert.Equal(before, target.Parameters().Select(p => p.ToArray()));

        var partial = StateDict.Save(Mlp(1)).Where(kv => kv.Key.StartsWith("2.")).ToDictionary();
        var strictError = Assert.Throws<ArgumentException>(() => StateDict.Load(target, partial));
        Assert.Contains("missing: [0.weight, 0.bias]", strictError.Message);
        Assert.Equal(["2.weight", "2.bias"], StateDict.Load(target, partial, strict: false));

        var extra = StateDict.Save(Mlp(1));
        extra["9.weight"] = Tensor.Zeros([1], DType.Float64);
        Assert.Contains("unknown: [9.weight]", Assert.Throws<ArgumentException>(() => StateDict.Load(target, extra)).Message);
        Assert.Equal(4, StateDict.Load(target, extra, strict: false).Count);
    }
}
