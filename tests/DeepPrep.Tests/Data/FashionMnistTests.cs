using DeepPrep.Data;

namespace DeepPrep.Tests.Data;

public class FashionMnistTests
{
    [Fact]
    public void Subset_Has6000TrainAnd1000TestBalancedImages()
    {
        var (train, test) = Datasets.FashionMnist(dtype: DType.Float32);
        Assert.Equal([6000, 784], train.X.Shape);
        Assert.Equal([1000, 784], test.X.Shape);
        Assert.Equal(Enumerable.Repeat(600, 10), train.ClassCounts());
        Assert.Equal(Enumerable.Repeat(100, 10), test.ClassCounts());
        Assert.Equal("fashion-mnist-subset/train", train.Name);
        Assert.Equal(Datasets.FashionMnistClassNames, train.ClassNames);
        Assert.Equal("Ankle boot", train.ClassNames![9]);
    }

    [Fact]
    public void Subset_PixelsAreBytesDividedBy255()
    {
        var (_, test) = Datasets.FashionMnist(dtype: DType.Float64);
        var x = test.X.ToArray();
        Assert.Equal(0.0, x.Min());
        Assert.Equal(1.0, x.Max());
        Assert.All(x, v => Assert.Equal(Math.Round(v * 255), v * 255, 9));
        // Clothing photos on a black background: most pixels are background, but not all.
        double background = x.Count(v => v == 0) / (double)x.Length;
        Assert.InRange(background, 0.3, 0.7);
    }

    [Fact]
    public void Subset_MatchesTheRawIdxFiles()
    {
        string folder = Path.GetDirectoryName(DataFiles.Find(Path.Combine("fashion-mnist-subset", "t10k-images-idx3-ubyte.gz")))!;
        var images = Idx.Read(Path.Combine(folder, "t10k-images-idx3-ubyte.gz"));
        var labels = Idx.Read(Path.Combine(folder, "t10k-labels-idx1-ubyte.gz"));
        Assert.Equal([1000, 28, 28], images.Shape);
        var (_, test) = Datasets.FashionMnist(folder, DType.Float64);
        Assert.Equal(labels.Data.Select(b => (int)b), test.Labels);
        Assert.Equal(images.Data.Select(b => b / 255.0), test.X.ToArray());
    }

    [Fact]
    public void Subset_ReshapesToImagesForConvolutions()
    {
        var (_, test) = Datasets.FashionMnist(dtype: DType.Float32);
        var images = test.ReshapeFeatures(1, 28, 28);
        Assert.Equal([1000, 1, 28, 28], images.X.Shape);
        Assert.Equal(test.X[5, 28 * 14 + 14], images.X[5, 0, 14, 14]);
    }

    [Fact]
    public void Full_MissingFolder_SaysHowToGetIt()
    {
        string folder = Path.Combine(Path.GetTempPath(), "no-fashion-" + Guid.NewGuid().ToString("N"));
        var e = Assert.Throws<FileNotFoundException>(() => Datasets.FashionMnistFull(folder));
        Assert.Contains(folder, e.Message);
        Assert.Contains("apt-get install dataset-fashion-mnist", e.Message);
        Assert.Contains("github.com/zalandoresearch/fashion-mnist", e.Message);
    }

    [Fact]
    public void Full_FolderWithoutTheFiles_SaysWhichFileIsMissing()
    {
        string folder = Path.Combine(Path.GetTempPath(), "empty-fashion-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var e = Assert.Throws<FileNotFoundException>(() => Datasets.FashionMnistFull(folder));
            Assert.Contains("train-images-idx3-ubyte", e.Message);
            Assert.Contains(folder, e.Message);
        }
        finally { Directory.Delete(folder); }
    }

    // The two tests below need Debian's dataset-fashion-mnist package. On a learner's machine without it
    // they return early (the committed subset is still checked above); under CI=true, where .ci/run
    // installs the package, a missing package is a failure, so these tests cannot pass without running.
    private static bool FullSetInstalled
    {
        get
        {
            bool installed = File.Exists(Path.Combine(Datasets.FashionMnistDebianFolder, "train-images-idx3-ubyte.gz"));
            if (!installed && Environment.GetEnvironmentVariable("CI") == "true")
                Assert.Fail($"CI=true but the Fashion-MNIST package is not installed in {Datasets.FashionMnistDebianFolder} (apt-get install dataset-fashion-mnist).");
            return installed;
        }
    }

    [Fact]
    public void Full_WhenInstalled_Has60000And10000BalancedImages()
    {
        if (!FullSetInstalled) return;
        var (train, test) = Datasets.FashionMnistFull(dtype: DType.Float32);
        Assert.Equal([60000, 784], train.X.Shape);
        Assert.Equal([10000, 784], test.X.Shape);
        Assert.Equal(Enumerable.Repeat(6000, 10), train.ClassCounts());
        Assert.Equal(Enumerable.Repeat(1000, 10), test.ClassCounts());
    }

    [Fact]
    public void Full_WhenInstalled_SubsetIsTheFirst600And100OfEachClass()
    {
        if (!FullSetInstalled) return;
        string subset = Path.GetDirectoryName(DataFiles.Find(Path.Combine("fashion-mnist-subset", "train-images-idx3-ubyte.gz")))!;
        foreach (var (prefix, perClass) in new[] { ("train", 600), ("t10k", 100) })
        {
            var fullLabels = Idx.Read(Path.Combine(Datasets.FashionMnistDebianFolder, $"{prefix}-labels-idx1-ubyte.gz")).Data;
            var fullImages = Idx.Read(Path.Combine(Datasets.FashionMnistDebianFolder, $"{prefix}-images-idx3-ubyte.gz")).Data;
            // The rule of make-fashion-mnist-subset.py, re-implemented: first k of each class, in file order.
            var taken = new int[10];
            var chosen = new List<int>();
            for (int i = 0; i < fullLabels.Length; i++)
                if (taken[fullLabels[i]] < perClass) { taken[fullLabels[i]]++; chosen.Add(i); }
            var expectedImages = chosen.SelectMany(i => fullImages.Skip(i * 784).Take(784)).ToArray();
            Assert.Equal(chosen.Select(i => fullLabels[i]).ToArray(), Idx.Read(Path.Combine(subset, $"{prefix}-labels-idx1-ubyte.gz")).Data);
            Assert.Equal(expectedImages, Idx.Read(Path.Combine(subset, $"{prefix}-images-idx3-ubyte.gz")).Data);
        }
    }
}
