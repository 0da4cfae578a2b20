using System.IO.Compression;
using DeepPrep.Data;

namespace DeepPrep.Tests.Data;

// The committed digits file, loaded through the repository search (tests run from
// tests/DeepPrep.Tests/bin/…, which leads up to the repository's datasets/ folder).
public class DigitsTests
{
    [Fact]
    public void Digits_Has1797ImagesOf64PixelsScaledTo01()
    {
        var digits = Datasets.Digits(dtype: DType.Float64);
        Assert.Equal([1797, 64], digits.X.Shape);
        Assert.Equal(10, digits.ClassCount);
        Assert.Equal("digits", digits.Name);
        var x = digits.X.ToArray();
        Assert.Equal(0.0, x.Min());
        Assert.Equal(1.0, x.Max());
        Assert.All(x, v => Assert.Equal(Math.Round(v * 16), v * 16)); // every pixel is k/16
    }

    [Fact]
    public void Digits_ClassCountsAreThoseOfTheUciTestSet()
    {
        Assert.Equal([178, 182, 177, 183, 181, 182, 181, 179, 174, 180], Datasets.Digits(dtype: DType.Float64).ClassCounts());
    }

    [Fact]
    public void Digits_FirstRowMatchesTheFile()
    {
        // First line of digits.csv.gz: a zero.
        int[] firstRow = [0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0, 0, 3, 15, 2, 0, 11, 8, 0, 0, 4, 12, 0, 0, 8, 8, 0,
                          0, 5, 8, 0, 0, 9, 8, 0, 0, 4, 11, 0, 1, 12, 7, 0, 0, 2, 14, 5, 10, 12, 0, 0, 0, 0, 6, 13, 10, 0, 0, 0];
        var digits = Datasets.Digits(dtype: DType.Float64);
        Assert.Equal(firstRow.Select(p => p / 16.0), digits.X.ToArray()[..64]);
        Assert.Equal(0, digits.Labels![0]);
        Assert.Equal(5.0 / 16, digits.X[0, 2]);
    }

    [Fact]
    public void DigitsSplit_Is1200TrainAnd597TestFromPermutationWithSeed0()
    {
        var all = Datasets.Digits(dtype: DType.Float64);
        var (train, test) = Datasets.DigitsSplit(dtype: DType.Float64);
        Assert.Equal(1200, train.Count);
        Assert.Equal(597, test.Count);
        int[] permutation = new Rng(0).Permutation(1797);
        Assert.Equal(permutation[..1200].Select(i => all.Labels![i]), train.Labels);
        Assert.Equal(permutation[1200..].Select(i => all.Labels![i]), test.Labels);
        Assert.Equal(all.X.Gather(permutation[1200..]).ToArray(), test.X.ToArray());
        Assert.Equal(10, test.ClassCount);
    }

    [Fact]
    public void DigitsSplit_IsIdenticalAcrossCallsAndIgnoresTheGlobalSeed()
    {
        var (train1, test1) = Datasets.DigitsSplit(dtype: DType.Float64);
        var (train2, test2) = Datasets.DigitsSplit(dtype: DType.Float64);
        Assert.Equal(train1.X.ToArray(), train2.X.ToArray());
        Assert.Equal(train1.Labels, train2.Labels);
        Assert.Equal(test1.X.ToArray(), test2.X.ToArray());
        // Every class is in both parts (a random split: about 1/3 of each class in test, give or take 6),
        // and the parts add up to the whole.
        var whole = Datasets.Digits(dtype: DType.Float64).ClassCounts();
        Assert.Equal(whole, train1.ClassCounts().Zip(test1.ClassCounts(), (a, b) => a + b));
        Assert.All(test1.ClassCounts(), c => Assert.InRange(c, 30, 90));
    }

    [Fact]
    public void Digits_Float32HoldsTheSameValues()
    {
        var digits = Datasets.Digits(dtype: DType.Float32);
        Assert.Equal(DType.Float32, digits.X.DType);
        Assert.Equal(Datasets.Digits(dtype: DType.Float64).X.ToArray(), digits.X.ToArray()); // k/16 is exact in float32
    }

    [Fact]
    public void Digits_ExplicitPathToFileOrFolderWorks()
    {
        string file = DataFiles.Find(Path.Combine("digits", "digits.csv.gz"));
        Assert.Equal(1797, Datasets.Digits(file, DType.Float64).Count);
        Assert.Equal(1797, Datasets.Digits(Path.GetDirectoryName(file), DType.Float64).Count);
    }

    [Fact]
    public void Digits_MissingExplicitPath_NamesThePath()
    {
        string path = Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N"), "digits.csv.gz");
        var e = Assert.Throws<FileNotFoundException>(() => Datasets.Digits(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Digits_CorruptFiles_AreRejectedWithTheFileName()
    {
        string folder = Path.Combine(Path.GetTempPath(), "deepprep-digits-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string notGzip = Path.Combine(folder, "plain.csv.gz");
            File.WriteAllText(notGzip, "0,1,2\n");
            var e1 = Assert.Throws<InvalidDataException>(() => Datasets.Digits(notGzip));
            Assert.Contains(notGzip, e1.Message);

            string shortRow = Path.Combine(folder, "short.csv.gz");
            using (var gz = new GZipStream(File.Create(shortRow), CompressionLevel.Fastest))
                gz.Write("1,2,3\n"u8);
            var e2 = Assert.Throws<InvalidDataException>(() => Datasets.Digits(shortRow));
            Assert.Contains(shortRow, e2.Message);
            Assert.Contains("expected 65 values", e2.Message);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
