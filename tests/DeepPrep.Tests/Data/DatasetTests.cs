using DeepPrep.Data;

namespace DeepPrep.Tests.Data;

public class DatasetTests
{
    // 5 examples with 2 features: row i is (i, 10·i), label i mod 3, target 100·i.
    private static Dataset Toy(DType dtype = DType.Float64)
    {
        var x = Tensor.From([0.0, 0, 1, 10, 2, 20, 3, 30, 4, 40], 5, 2).To(dtype);
        var targets = Tensor.From([0.0, 100, 200, 300, 400], 5, 1).To(dtype);
        return new Dataset(x, [0, 1, 2, 0, 1], targets, name: "toy");
    }

    [Fact]
    public void Constructor_InfersClassCountAndShapes()
    {
        var data = Toy();
        Assert.Equal(5, data.Count);
        Assert.Equal(3, data.ClassCount);
        Assert.Equal([2], data.FeatureShape);
        Assert.Equal([0, 1, 2, 0, 1], data.Labels!);
        Assert.Equal([2, 2, 1], data.ClassCounts());
        Assert.Equal("toy: 5 × [2] float64, 3 classes, targets [1]", data.ToString());
    }

    [Fact]
    public void Constructor_ExplicitClassCountKeepsEmptyClasses()
    {
        var data = new Dataset(Tensor.Zeros([2, 1], DType.Float64), [0, 0], classCount: 4);
        Assert.Equal(4, data.ClassCount);
        Assert.Equal([2, 0, 0, 0], data.ClassCounts());
    }

    [Fact]
    public void Constructor_CopiesLabels()
    {
        int[] labels = [0, 1];
        var data = new Dataset(Tensor.Zeros([2, 1], DType.Float64), labels);
        labels[0] = 1;
        Assert.Equal(0, data.Labels![0]);
    }

    [Fact]
    public void Constructor_RejectsLabelCountMismatch()
    {
        var e = Assert.Throws<ArgumentException>(() => new Dataset(Tensor.Zeros([3, 2], DType.Float64), [0, 1], name: "bad"));
        Assert.Contains("3 rows", e.Message);
        Assert.Contains("2 labels", e.Message);
        Assert.Contains("'bad'", e.Message);
    }

    [Fact]
    public void Constructor_RejectsLabelOutOfRange()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Dataset(Tensor.Zeros([2, 2], DType.Float64), [0, 5], classCount: 3));
        Assert.Contains("label 5 at row 1", e.Message);
        Assert.Contains("0..2", e.Message);
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => new Dataset(Tensor.Zeros([2, 2], DType.Float64), [0, -1]));
        Assert.Contains("label -1 at row 1", negative.Message);
    }

    [Fact]
    public void Constructor_RejectsTargetsThatDoNotFit()
    {
        var rows = Assert.Throws<ArgumentException>(() => new Dataset(Tensor.Zeros([3, 2], DType.Float64), targets: Tensor.Zeros([4, 1], DType.Float64)));
        Assert.Contains("3 rows", rows.Message);
        Assert.Contains("[4, 1]", rows.Message);
        var dtype = Assert.Throws<ArgumentException>(() => new Dataset(Tensor.Zeros([3, 2], DType.Float64), targets: Tensor.Zeros([3, 1], DType.Float32)));
        Assert.Contains("float64", dtype.Message);
        Assert.Contains("float32", dtype.Message);
    }

    [Fact]
    public void Constructor_RejectsScalarXAndMismatchedClassNames()
    {
        Assert.Throws<ArgumentException>(() => new Dataset(Tensor.Scalar(1, DType.Float64)));
        var e = Assert.Throws<ArgumentException>(() => new Dataset(Tensor.Zeros([2, 1], DType.Float64), [0, 1], classNames: ["a", "b", "c"]));
        Assert.Contains("3 class names for 2 classes", e.Message);
    }

    [Fact]
    public void Subset_PicksRowsLabelsAndTargetsInOrder()
    {
        var subset = Toy().Subset([4, 0, 4]);
        Assert.Equal([4.0, 40, 0, 0, 4, 40], subset.X.ToArray());
        Assert.Equal([1, 0, 1], subset.Labels!);
        Assert.Equal([400.0, 0, 400], subset.Targets!.ToArray());
        Assert.Equal(3, subset.ClassCount); // kept from the parent even though class 2 is absent
        Assert.Throws<IndexOutOfRangeException>(() => Toy().Subset([5]));
    }

    [Fact]
    public void Take_GivesFirstRows()
    {
        var first = Toy().Take(2);
        Assert.Equal([0.0, 0, 1, 10], first.X.ToArray());
        Assert.Equal([0, 1], first.Labels!);
        Assert.Equal(0, Toy().Take(0).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => Toy().Take(6));
    }

    [Fact]
    public void Split_IsAPermutationDrivenByTheRng()
    {
        var data = Toy();
        var (train, test) = data.Split(3, new Rng(11));
        int[] permutation = new Rng(11).Permutation(5);
        Assert.Equal(3, train.Count);
        Assert.Equal(2, test.Count);
        // Each part's rows are the permuted rows of the original, with labels and targets alongside.
        var expectedTrainX = permutation[..3].SelectMany(i => new[] { (double)i, 10.0 * i }).ToArray();
        Assert.Equal(expectedTrainX, train.X.ToArray());
        Assert.Equal(permutation[..3].Select(i => i % 3).ToArray(), train.Labels);
        Assert.Equal(permutation[3..].Select(i => 100.0 * i).ToArray(), test.Targets!.ToArray());
        // Together the two parts hold every example exactly once.
        var all = train.X.ToArray().Where((_, k) => k % 2 == 0).Concat(test.X.ToArray().Where((_, k) => k % 2 == 0)).OrderBy(v => v);
        Assert.Equal([0.0, 1, 2, 3, 4], all);
        Assert.Equal("toy/train", train.Name);
        Assert.Equal("toy/test", test.Name);
    }

    [Fact]
    public void Split_SameSeedSameSplit_DifferentSeedDifferentSplit()
    {
        var data = Datasets.Blobs(200, 2, rng: new Rng(1), dtype: DType.Float64);
        var a = data.Split(150, new Rng(5)).Train.X.ToArray();
        var b = data.Split(150, new Rng(5)).Train.X.ToArray();
        var c = data.Split(150, new Rng(6)).Train.X.ToArray();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Split(201, new Rng(0)));
    }

    [Fact]
    public void To_ConvertsFeaturesAndTargets()
    {
        var data = Toy().To(DType.Float32);
        Assert.Equal(DType.Float32, data.X.DType);
        Assert.Equal(DType.Float32, data.Targets!.DType);
        Assert.Equal([0, 1, 2, 0, 1], data.Labels!);
        Assert.Equal(Toy().X.ToArray(), data.X.ToArray()); // small integers are exact in float32
        Assert.Contains("float32", data.ToString());
    }

    [Fact]
    public void ReshapeFeatures_KeepsRowsAndLabels()
    {
        var data = Toy().ReshapeFeatures(1, 2, 1);
        Assert.Equal([5, 1, 2, 1], data.X.Shape);
        Assert.Equal([1, 2, 1], data.FeatureShape);
        Assert.Equal(Toy().X.ToArray(), data.X.ToArray());
        Assert.Equal(Toy().Labels, data.Labels);
    }

    [Fact]
    public void WithLabels_RelabelsAndValidates()
    {
        var evenOdd = Toy().WithLabels([0, 1, 0, 1, 0], classNames: ["even", "odd"]);
        Assert.Equal(2, evenOdd.ClassCount);
        Assert.Equal([3, 2], evenOdd.ClassCounts());
        Assert.Equal(Toy().X.ToArray(), evenOdd.X.ToArray());
        Assert.Equal("odd", evenOdd.ClassNames![1]);
        Assert.Throws<ArgumentException>(() => Toy().WithLabels([0, 1]));
    }

    [Fact]
    public void WithTargets_ReplacesTargets()
    {
        var autoencoder = Toy().WithTargets(Toy().X);
        Assert.Equal([5, 2], autoencoder.Targets!.Shape);
        Assert.Equal(Toy().X.ToArray(), autoencoder.Targets.ToArray());
        Assert.Equal(3, autoencoder.ClassCount);
        Assert.Null(Toy().WithTargets(null).Targets);
    }

    [Fact]
    public void WhereLabel_KeepsMatchingRowsInOrder()
    {
        var kept = Toy().WhereLabel(y => y != 1);
        Assert.Equal([0, 2, 0], kept.Labels!);
        Assert.Equal([0.0, 0, 2, 20, 3, 30], kept.X.ToArray());
        Assert.Equal(3, kept.ClassCount);
        Assert.Throws<InvalidOperationException>(() => new Dataset(Tensor.Zeros([1, 1], DType.Float64)).WhereLabel(_ => true));
    }

    [Fact]
    public void ClassCounts_NeedsLabels()
    {
        var unlabelled = new Dataset(Tensor.Zeros([2, 1], DType.Float64), name: "u");
        Assert.Equal(0, unlabelled.ClassCount);
        Assert.Null(unlabelled.Labels);
        Assert.Throws<InvalidOperationException>(() => unlabelled.ClassCounts());
        Assert.Equal("u: 2 × [1] float64", unlabelled.ToString());
    }
}
