using DeepPrep.Data;

namespace DeepPrep.Tests.Data;

/// <summary>
/// Tests that change process-wide state (Seed.Global, Tensor.DefaultDType, environment variables) run in
/// this collection, which xUnit runs on its own, never alongside other tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public class GlobalStateCollection
{
    public const string Name = "Data: global state";
}

// Same seed → bitwise-identical data; different seed → different data; the data stream is
// independent of the init stream.
public class DeterminismTests
{
    /// <summary>Every generator, called with an explicit Rng in float64.</summary>
    public static TheoryData<string> GeneratorNames => new(Generators.Keys);

    private static readonly Dictionary<string, Func<Rng, Dataset>> Generators = new()
    {
        ["blobs"] = rng => Datasets.Blobs(50, classCount: 3, rng: rng, dtype: DType.Float64),
        ["blobs-centres"] = rng => Datasets.Blobs(50, [[0.0, 1, 2], [3.0, 4, 5]], 0.7, rng, DType.Float64),
        ["xor"] = rng => Datasets.XorBlobs(50, rng: rng, dtype: DType.Float64),
        ["circles"] = rng => Datasets.Circles(50, rng: rng, dtype: DType.Float64),
        ["moons"] = rng => Datasets.Moons(50, rng: rng, dtype: DType.Float64),
        ["spirals"] = rng => Datasets.Spirals(50, 3, rng: rng, dtype: DType.Float64),
        ["noisy-sine"] = rng => Datasets.NoisySine(50, sampling: XSampling.JitteredGrid, rng: rng, dtype: DType.Float64),
        ["gaussian1d"] = rng => Datasets.Gaussian1D(50, rng: rng, dtype: DType.Float64),
        ["gaussian2d"] = rng => Datasets.Gaussian2D(50, [0, 0], [1, 2], 0.3, rng, DType.Float64),
        ["mixture1d"] = rng => Datasets.GaussianMixture1D(50, [1, 1], [-1, 1], [0.3, 0.3], rng, DType.Float64),
        ["mixture"] = rng => Datasets.GaussianMixture(50, [1, 1], [[0.0, 0], [3.0, 3]], [new double[,] { { 1, 0 }, { 0, 1 } }, new double[,] { { 2, 1 }, { 1, 2 } }], rng, DType.Float64),
        ["diag10"] = rng => Datasets.Diag10(50, rng: rng, dtype: DType.Float64),
    };

    /// <summary>Everything a generator produced, as one array: features, then labels, then targets.</summary>
    private static double[] Contents(Dataset data) =>
        [.. data.X.ToArray(), .. (data.Labels ?? []).Select(l => (double)l), .. data.Targets?.ToArray() ?? []];

    [Theory]
    [MemberData(nameof(GeneratorNames))]
    public void SameSeed_GivesIdenticalData(string name)
    {
        var a = Contents(Generators[name](new Rng(42)));
        var b = Contents(Generators[name](new Rng(42)));
        Assert.Equal(a, b); // exact equality, bit for bit
    }

    [Theory]
    [MemberData(nameof(GeneratorNames))]
    public void DifferentSeeds_GiveDifferentFeatures(string name)
    {
        var a = Generators[name](new Rng(42)).X.ToArray();
        var b = Generators[name](new Rng(43)).X.ToArray();
        Assert.NotEqual(a, b);
        int equal = a.Zip(b, (x, y) => x == y ? 1 : 0).Sum();
        Assert.True(equal == 0, $"{name}: {equal} of {a.Length} values coincide between seeds 42 and 43");
    }

    [Theory]
    [MemberData(nameof(GeneratorNames))]
    public void Float32_IsTheRoundedFloat64(string name)
    {
        var wide = Generators[name](new Rng(7));
        var narrow = wide.To(DType.Float32);
        Assert.Equal(DType.Float32, narrow.X.DType);
        Assert.Equal(wide.X.ToArray().Select(v => (double)(float)v), narrow.X.ToArray());
    }

    [Fact]
    public void DtypeArgument_SetsTheStorageType()
    {
        var narrow = Datasets.Moons(20, rng: new Rng(1), dtype: DType.Float32);
        var wide = Datasets.Moons(20, rng: new Rng(1), dtype: DType.Float64);
        Assert.Equal(DType.Float32, narrow.X.DType);
        Assert.Equal(DType.Float64, wide.X.DType);
        Assert.Equal(wide.X.ToArray().Select(v => (double)(float)v), narrow.X.ToArray());
        var sine = Datasets.NoisySine(5, rng: new Rng(1), dtype: DType.Float32);
        Assert.Equal(DType.Float32, sine.Targets!.DType);
    }
}

[Collection(GlobalStateCollection.Name)]
public class GlobalSeedTests
{
    [Fact]
    public void WithoutRng_GeneratorsDrawFromTheGlobalDataStream()
    {
        Seed.Set(123);
        var fromGlobal = Datasets.Moons(30, dtype: DType.Float64).X.ToArray();
        var fromStream = Datasets.Moons(30, rng: new Seed(123).Data, dtype: DType.Float64).X.ToArray();
        Assert.Equal(fromStream, fromGlobal);
        Seed.Set(0);
    }

    [Fact]
    public void SameGlobalSeed_SameData_EvenIfInitStreamIsUsedInBetween()
    {
        Seed.Set(7);
        var first = Datasets.Circles(40, dtype: DType.Float64).X.ToArray();
        Seed.Set(7);
        _ = Tensor.Randn([1000], dtype: DType.Float64); // draws from Seed.Global.Init
        _ = Seed.Global.Dropout.NextDouble();
        var second = Datasets.Circles(40, dtype: DType.Float64).X.ToArray();
        Assert.Equal(first, second);
        Seed.Set(0);
    }

    [Fact]
    public void ConsecutiveCalls_AdvanceTheStream_AndDifferentGlobalSeedsDiffer()
    {
        Seed.Set(7);
        var first = Datasets.Blobs(20, dtype: DType.Float64).X.ToArray();
        var second = Datasets.Blobs(20, dtype: DType.Float64).X.ToArray();
        Seed.Set(8);
        var other = Datasets.Blobs(20, dtype: DType.Float64).X.ToArray();
        Assert.NotEqual(first, second);
        Assert.NotEqual(first, other);
        Seed.Set(0);
    }

    [Fact]
    public void DataAndInitStreams_AreDifferent()
    {
        Seed.Set(3);
        var data = Enumerable.Range(0, 10).Select(_ => Seed.Global.Data.NextDouble()).ToArray();
        var init = Enumerable.Range(0, 10).Select(_ => Seed.Global.Init.NextDouble()).ToArray();
        Assert.NotEqual(data, init);
        Seed.Set(0);
    }

    [Fact]
    public void Split_WithoutRng_UsesTheGlobalDataStream()
    {
        var data = Datasets.Blobs(100, rng: new Rng(1), dtype: DType.Float64);
        Seed.Set(9);
        var a = data.Split(60).Train.X.ToArray();
        var expected = data.Split(60, new Seed(9).Data).Train.X.ToArray();
        Assert.Equal(expected, a);
        Seed.Set(0);
    }

    [Fact]
    public void WithoutDtype_GeneratorsUseTheDefaultDType()
    {
        var saved = Tensor.DefaultDType;
        try
        {
            Tensor.DefaultDType = DType.Float64;
            Assert.Equal(DType.Float64, Datasets.XorBlobs(8, rng: new Rng(1)).X.DType);
            Tensor.DefaultDType = DType.Float32;
            Assert.Equal(DType.Float32, Datasets.XorBlobs(8, rng: new Rng(1)).X.DType);
        }
        finally { Tensor.DefaultDType = saved; }
    }
}
