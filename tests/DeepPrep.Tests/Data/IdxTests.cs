using System.IO.Compression;
using DeepPrep.Data;

namespace DeepPrep.Tests.Data;

// The IDX reader on small files the tests write themselves: round trips, a hand-built header, and
// every kind of broken file, whose message must name the file and say what is wrong.
public sealed class IdxTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "deepprep-idx-" + Guid.NewGuid().ToString("N"));

    public IdxTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string PathFor(string name) => Path.Combine(folder, name);

    private static byte[] Counting(int n) => Enumerable.Range(0, n).Select(i => (byte)(i * 7 % 256)).ToArray();

    private static byte[] Gzip(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal)) gzip.Write(raw);
        return output.ToArray();
    }

    private InvalidDataException ReadBroken(string name, byte[] bytes)
    {
        string path = PathFor(name);
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(path));
        Assert.Contains(path, e.Message);
        return e;
    }

    [Theory]
    [InlineData("images.idx")]
    [InlineData("images.idx.gz")]
    public void WriteThenRead_GivesBackShapeAndBytes(string name)
    {
        string path = PathFor(name);
        var data = Counting(3 * 4 * 5);
        Idx.Write(path, data, 3, 4, 5);
        var read = Idx.Read(path);
        Assert.Equal([3, 4, 5], read.Shape);
        Assert.Equal(3, read.Count);
        Assert.Equal(data, read.Data);

        var fileStart = File.ReadAllBytes(path)[..4];
        if (name.EndsWith(".gz")) Assert.Equal([0x1F, 0x8B], fileStart[..2]); // really gzipped
        else Assert.Equal([0x00, 0x00, 0x08, 0x03], fileStart);            // magic: zero, zero, ubyte, 3 dims
    }

    [Fact]
    public void Read_HandBuiltFile_DimensionsAreBigEndian()
    {
        // 2 dimensions: 256 × 1 (0x00000100 big-endian), then 256 data bytes.
        byte[] header = [0, 0, 0x08, 2, 0, 0, 1, 0, 0, 0, 0, 1];
        string path = PathFor("hand.idx");
        File.WriteAllBytes(path, [.. header, .. Counting(256)]);
        var read = Idx.Read(path);
        Assert.Equal([256, 1], read.Shape);
        Assert.Equal(Counting(256), read.Data);
    }

    [Fact]
    public void Read_GzipIsDetectedByContentNotName()
    {
        string raw = PathFor("labels.idx");
        Idx.Write(raw, [1, 2, 3], 3);
        string disguised = PathFor("labels.bin");
        File.WriteAllBytes(disguised, Gzip(File.ReadAllBytes(raw)));
        Assert.Equal([1, 2, 3], Idx.Read(disguised).Data);
    }

    [Fact]
    public void Read_TruncatedData_SaysHowManyBytesWereExpected()
    {
        Idx.Write(PathFor("full.idx"), Counting(60), 3, 4, 5);
        var bytes = File.ReadAllBytes(PathFor("full.idx"));
        var e = ReadBroken("truncated.idx", bytes[..^1]);
        Assert.Contains("too few bytes", e.Message);
        Assert.Contains("needs 60 data bytes", e.Message);
        Assert.Contains("got 59", e.Message);
    }

    [Fact]
    public void Read_TruncatedHeader_IsRejected()
    {
        var e = ReadBroken("short-header.idx", [0, 0, 0x08, 3, 0, 0, 0, 2]);
        Assert.Contains("too few bytes for the header", e.Message);
        Assert.Contains("expected 16, got 8", e.Message);
        var tiny = ReadBroken("tiny.idx", [0, 0]);
        Assert.Contains("expected at least 4, got 2", tiny.Message);
    }

    [Fact]
    public void Read_TrailingGarbage_IsRejected()
    {
        Idx.Write(PathFor("ok.idx"), Counting(6), 2, 3);
        var e = ReadBroken("long.idx", [.. File.ReadAllBytes(PathFor("ok.idx")), 9, 9]);
        Assert.Contains("trailing garbage: 2 extra bytes", e.Message);
    }

    [Fact]
    public void Read_BadMagic_IsRejected()
    {
        var e = ReadBroken("magic.idx", [0x50, 0x4B, 0x08, 1, 0, 0, 0, 1, 7]);
        Assert.Contains("bad magic number", e.Message);
        Assert.Contains("0x50 0x4B", e.Message);
    }

    [Fact]
    public void Read_UnsupportedOrUnknownType_IsRejected()
    {
        var floats = ReadBroken("floats.idx", [0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0]);
        Assert.Contains("0x0D (float32)", floats.Message);
        Assert.Contains("not supported", floats.Message);
        var unknown = ReadBroken("unknown.idx", [0, 0, 0x07, 1, 0, 0, 0, 1, 0]);
        Assert.Contains("unknown element type 0x07", unknown.Message);
        var noDims = ReadBroken("nodims.idx", [0, 0, 0x08, 0]);
        Assert.Contains("0 dimensions", noDims.Message);
    }

    [Fact]
    public void Read_CorruptGzip_IsRejectedAsBadGzip()
    {
        Idx.Write(PathFor("good.idx"), Counting(4000), 40, 100);
        var gz = Gzip(File.ReadAllBytes(PathFor("good.idx")));
        // Keep the 10-byte gzip header, overwrite the start of the deflate data with a reserved block type (binary 11).
        var corrupt = (byte[])gz.Clone();
        for (int k = 10; k < 20; k++) corrupt[k] = 0xFF;
        var e = ReadBroken("corrupt.idx.gz", corrupt);
        Assert.Contains("bad gzip data", e.Message);
    }

    [Theory]
    [InlineData(10)]   // only the gzip header left
    [InlineData(-200)] // cut in the middle of the compressed data
    [InlineData(-8)]   // the whole 8-byte trailer missing
    [InlineData(-1)]   // one byte short
    public void Read_TruncatedGzip_IsRejected(int keep)
    {
        Idx.Write(PathFor("good.idx"), Counting(4000), 40, 100);
        var gz = Gzip(File.ReadAllBytes(PathFor("good.idx")));
        Assert.True(gz.Length > 250, "the test needs a compressed file longer than its cut");
        var e = ReadBroken("cut.idx.gz", keep > 0 ? gz[..keep] : gz[..^(-keep)]);
        // GZipStream alone would return the first part without complaint; the trailer check catches it.
        Assert.Contains("bad gzip data: the file ends early", e.Message);
        Assert.Contains("trailer says", e.Message);
    }

    [Fact]
    public void Read_MissingFile_ThrowsFileNotFound()
    {
        string path = PathFor("nothing-here.idx");
        var e = Assert.Throws<FileNotFoundException>(() => Idx.Read(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Write_RejectsShapeThatDoesNotFitTheData()
    {
        var e = Assert.Throws<ArgumentException>(() => Idx.Write(PathFor("x.idx"), Counting(5), 2, 3));
        Assert.Contains("needs 6 bytes, got 5", e.Message);
        Assert.Throws<ArgumentException>(() => Idx.Write(PathFor("x.idx"), Counting(1)));
    }
}
