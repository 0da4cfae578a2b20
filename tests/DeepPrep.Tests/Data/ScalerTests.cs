using DeepPrep.Data;

namespace DeepPrep.Tests.Data;

// The three feature scalers: ranges after fitting, exact invertibility, constant columns, and that
// test data is transformed with the training statistics.
public class ScalerTests
{
    // Three features on very different scales, plus a constant one: N(5, 1), N(500, 100²), U-ish, constant 7.
    private static Tensor Training(int n = 500, ulong seed = 1)
    {
        var rng = new Rng(seed);
        var values = new double[n * 4];
        for (int i = 0; i < n; i++)
        {
            values[4 * i] = rng.Normal(5, 1);
            values[4 * i + 1] = rng.Normal(500, 100);
            values[4 * i + 2] = rng.Uniform(-3, 1e-3);
            values[4 * i + 3] = 7;
        }
        return Tensor.From(values, n, 4);
    }

    private static double[] Column(Tensor x, int j) =>
        Enumerable.Range(0, x.Shape[0]).Select(i => x[i, j]).ToArray();

    public static TheoryData<string> ScalerNames => new(["min-max", "mean-norm", "z-score"]);

    private static FeatureScaler Make(string name) => name switch
    {
        "min-max" => new MinMaxScaler(),
        "mean-norm" => new MeanNormalizer(),
        _ => new StandardScaler(),
    };

    [Theory]
    [MemberData(nameof(ScalerNames))]
    public void InverseTransform_UndoesTransform_To1e12(string name)
    {
        var x = Training();
        var scaler = Make(name);
        scaler.Fit(x);
        var back = scaler.InverseTransform(scaler.Transform(x)).ToArray();
        var original = x.ToArray();
        for (int k = 0; k < original.Length; k++)
            Assert.True(Math.Abs(back[k] - original[k]) <= 1e-12 * Math.Max(1, Math.Abs(original[k])),
                $"{name}: element {k} came back as {back[k]}, was {original[k]}");
        // New data (not seen by Fit) round-trips too.
        var fresh = Training(50, seed: 2);
        var freshBack = scaler.InverseTransform(scaler.Transform(fresh)).ToArray();
        Assert.All(fresh.ToArray().Zip(freshBack), p => Assert.True(Math.Abs(p.First - p.Second) <= 1e-12 * Math.Max(1, Math.Abs(p.First))));
    }

    [Theory]
    [MemberData(nameof(ScalerNames))]
    public void ConstantColumn_BecomesZero_WithoutNaN(string name)
    {
        var scaler = Make(name);
        var z = scaler.FitTransform(Training());
        Assert.DoesNotContain(z.ToArray(), double.IsNaN);
        Assert.All(Column(z, 3), v => Assert.Equal(0.0, v));
        Assert.Equal(1.0, scaler.Scale[3]);
        Assert.Equal(7.0, scaler.InverseTransform(z)[10, 3]);
    }

    [Fact]
    public void MinMax_TrainingDataSpansExactly0To1()
    {
        var x = Training();
        var scaler = new MinMaxScaler();
        var z = scaler.FitTransform(x);
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(0.0, Column(z, j).Min());
            Assert.Equal(1.0, Column(z, j).Max(), 15);
            Assert.Equal(Column(x, j).Min(), scaler.Min[j]);
            Assert.Equal(Column(x, j).Max(), scaler.Max[j], 12);
        }
    }

    [Fact]
    public void MeanNormalizer_TrainingDataHasMean0AndRange1()
    {
        var x = Training();
        var scaler = new MeanNormalizer();
        var z = scaler.FitTransform(x);
        for (int j = 0; j < 3; j++)
        {
            var column = Column(z, j);
            Assert.Equal(0.0, column.Average(), 12);
            Assert.Equal(1.0, column.Max() - column.Min(), 12);
            Assert.InRange(column.Min(), -1, 0);
            Assert.Equal(Column(x, j).Average(), scaler.Mean[j], 9);
        }
    }

    [Fact]
    public void StandardScaler_TrainingDataHasMean0AndSd1()
    {
        var x = Training();
        var scaler = new StandardScaler();
        var z = scaler.FitTransform(x);
        for (int j = 0; j < 3; j++)
        {
            var column = Column(z, j);
            Assert.Equal(0.0, Stats.Mean(column), 12);
            Assert.Equal(1.0, Stats.Sd(column), 12); // population sd (divide by n)
            Assert.Equal(Stats.Sd(Column(x, j)), scaler.StandardDeviation[j], 9);
        }
        // The raw features' sds were about 1, 100 and 0.87: very different; after scaling all are 1.
        Assert.InRange(scaler.StandardDeviation[1] / scaler.StandardDeviation[0], 50, 200);
    }

    [Fact]
    public void StandardScaler_LargeMeanSmallSpread_IsStillAccurate()
    {
        // Values 1e9 + {0, 1, 2, 3}: a one-pass E[x²] − E[x]² would lose every digit here; two passes don't.
        var x = Tensor.From([1e9, 1e9 + 1, 1e9 + 2, 1e9 + 3], 4, 1);
        var scaler = new StandardScaler();
        scaler.Fit(x);
        Assert.Equal(Math.Sqrt(1.25), scaler.StandardDeviation[0], 12);
    }

    [Fact]
    public void TestData_IsTransformedWithTrainingStatistics()
    {
        var train = Training();
        var test = Training(20, seed: 3);
        var scaler = new StandardScaler();
        scaler.Fit(train);
        var z = scaler.Transform(test);
        double mean = Column(train, 1).Average(), sd = Stats.Sd(Column(train, 1));
        Assert.Equal((test[4, 1] - mean) / sd, z[4, 1], 12);
        // Fitting the test set itself would give a different result: no leakage by accident.
        Assert.NotEqual(new StandardScaler().FitTransform(test)[4, 1], z[4, 1]);
    }

    [Fact]
    public void Scalers_WorkPerPositionOnImageShapedData_AndKeepDtype()
    {
        // [n, 2, 2]: each of the 4 positions is its own feature.
        var rng = new Rng(4);
        var values = Enumerable.Range(0, 40).Select(k => (float)(rng.Normal() * (k % 4 + 1) + 10 * (k % 4))).ToArray();
        var x = Tensor.From(values, 10, 2, 2);
        var scaler = new MinMaxScaler();
        var z = scaler.FitTransform(x);
        Assert.Equal([10, 2, 2], z.Shape);
        Assert.Equal(DType.Float32, z.DType);
        Assert.Equal(4, scaler.Shift.Count);
        for (int a = 0; a < 2; a++)
            for (int b = 0; b < 2; b++)
            {
                var feature = Enumerable.Range(0, 10).Select(i => z[i, a, b]).ToArray();
                Assert.Equal(0.0, feature.Min(), 6);
                Assert.Equal(1.0, feature.Max(), 6);
            }
    }

    [Fact]
    public void Transform_OfDataset_KeepsLabels()
    {
        var data = Datasets.Blobs(30, classCount: 3, rng: new Rng(5), dtype: DType.Float64);
        var scaler = new StandardScaler();
        scaler.Fit(data.X);
        var scaled = scaler.Transform(data);
        Assert.Equal(data.Labels, scaled.Labels);
        Assert.Equal(scaler.Transform(data.X).ToArray(), scaled.X.ToArray());
    }

    [Fact]
    public void Scalers_RejectMisuse()
    {
        var scaler = new StandardScaler();
        var notFitted = Assert.Throws<InvalidOperationException>(() => scaler.Transform(Training()));
        Assert.Contains("StandardScaler", notFitted.Message);
        Assert.Contains("Fit", notFitted.Message);
        Assert.Throws<InvalidOperationException>(() => scaler.Mean);
        scaler.Fit(Training());
        var shape = Assert.Throws<ArgumentException>(() => scaler.Transform(Tensor.Zeros([3, 5], DType.Float64)));
        Assert.Contains("[4]", shape.Message);
        Assert.Contains("[3, 5]", shape.Message);
        Assert.Throws<ArgumentException>(() => new MinMaxScaler().Fit(Tensor.Zeros([0, 3], DType.Float64)));
    }
}
