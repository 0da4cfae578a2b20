using System.Buffers.Binary;
using System.IO.Compression;

namespace DeepPrep.Data;

/// <summary>The contents of an IDX file: a shape and the elements, row-major, as unsigned bytes.</summary>
/// <param name="Shape">Dimensions, outermost first: [60000, 28, 28] for MNIST training images, [60000] for its labels.</param>
/// <param name="Data">The elements, row-major; length = product of Shape.</param>
public sealed record IdxArray(int[] Shape, byte[] Data)
{
    /// <summary>The first dimension: the number of images or labels.</summary>
    public int Count => Shape[0];
}

/// <summary>
/// Reads and writes IDX files, the simple binary format MNIST and Fashion-MNIST are distributed in.
/// </summary>
/// <remarks>
/// Layout (all multi-byte numbers big-endian):
/// <code>
/// byte 0, 1     0x00 0x00                the magic number's first half: always zero
/// byte 2        element type             0x08 = unsigned byte (the only type MNIST uses)
/// byte 3        number of dimensions D   1 for labels, 3 for images
/// D × uint32    the size of each dimension, outermost first
/// …             the elements, row-major (the last index changes fastest)
/// </code>
/// Files are often gzipped (<c>.gz</c>); <see cref="Read"/> recognises gzip by its first two bytes
/// (0x1F 0x8B), not by the file name. The format defines other element types (0x09 signed byte,
/// 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64); this reader rejects them with a clear message.
/// Every problem is reported as an <see cref="InvalidDataException"/> that names the file.
/// </remarks>
public static class Idx
{
    /// <summary>The element type code for unsigned bytes, the one type this reader supports.</summary>
    public const byte UnsignedByte = 0x08;

    private static readonly Dictionary<byte, string> OtherTypes = new()
    {
        [0x09] = "signed byte",
        [0x0B] = "int16",
        [0x0C] = "int32",
        [0x0D] = "float32",
        [0x0E] = "float64",
    };

    /// <summary>Reads a raw or gzipped IDX file of unsigned bytes.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not valid IDX (bad gzip, bad magic, unsupported type, wrong length).</exception>
    public static IdxArray Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"IDX file '{path}' does not exist.", path);
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B) bytes = Gunzip(bytes, path);

        if (bytes.Length < 4)
            throw Problem(path, $"too few bytes for the 4-byte header: expected at least 4, got {bytes.Length}.");
        if (bytes[0] != 0 || bytes[1] != 0)
            throw Problem(path, $"bad magic number: it starts 0x{bytes[0]:X2} 0x{bytes[1]:X2}, but IDX files start 0x00 0x00. Is this an IDX file?");
        byte type = bytes[2];
        if (type != UnsignedByte)
            throw Problem(path, OtherTypes.TryGetValue(type, out string? typeName)
                ? $"element type 0x{type:X2} ({typeName}) is valid IDX but not supported; only 0x08 (unsigned byte, as in MNIST) is."
                : $"unknown element type 0x{type:X2}; IDX types are 0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E.");
        int rank = bytes[3];
        if (rank == 0) throw Problem(path, "the header says the array has 0 dimensions.");

        int headerLength = 4 + 4 * rank;
        if (bytes.Length < headerLength)
            throw Problem(path, $"too few bytes for the header of a {rank}-dimensional array: expected {headerLength}, got {bytes.Length}.");
        var shape = new int[rank];
        long expected = 1;
        for (int d = 0; d < rank; d++)
        {
            uint size = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4 + 4 * d, 4));
            if (size > Array.MaxLength) throw Problem(path, $"dimension {d} has size {size}, more than an array can hold.");
            shape[d] = (int)size;
            expected *= size;
            if (expected > Array.MaxLength) throw Problem(path, $"shape {Shapes.Format(shape[..(d + 1)])}… has more elements than an array can hold.");
        }

        long actual = bytes.Length - headerLength;
        if (actual < expected)
            throw Problem(path, $"too few bytes: shape {Shapes.Format(shape)} needs {expected} data bytes after the {headerLength}-byte header, got {actual} (truncated file?).");
        if (actual > expected)
            throw Problem(path, $"trailing garbage: {actual - expected} extra bytes after the {expected} data bytes of shape {Shapes.Format(shape)}.");
        return new IdxArray(shape, bytes[headerLength..]);
    }

    /// <summary>
    /// Writes an IDX file of unsigned bytes with the given shape; gzipped if the path ends in ".gz".
    /// </summary>
    public static void Write(string path, byte[] data, params int[] shape)
    {
        if (shape.Length is 0 or > 255)
            throw new ArgumentException($"Idx.Write: an IDX array has 1 to 255 dimensions, got {shape.Length}.", nameof(shape));
        long size = Shapes.Size(shape);
        if (size != data.Length)
            throw new ArgumentException($"Idx.Write: shape {Shapes.Format(shape)} needs {size} bytes, got {data.Length}.", nameof(data));

        var header = new byte[4 + 4 * shape.Length];
        header[2] = UnsignedByte;
        header[3] = (byte)shape.Length;
        for (int d = 0; d < shape.Length; d++) BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4 + 4 * d, 4), (uint)shape[d]);

        using Stream file = File.Create(path);
        using Stream output = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(file, CompressionLevel.Optimal)
            : file;
        output.Write(header);
        output.Write(data);
    }

    /// <summary>
    /// Decompresses a gzip file. A gzip file ends with an 8-byte trailer: CRC-32, then ISIZE, the
    /// uncompressed length mod 2³² (little-endian). .NET's GZipStream reports damaged data but not a file
    /// that simply stops early (it returns what it could decode), so we compare the length with ISIZE too.
    /// </summary>
    private static byte[] Gunzip(byte[] compressed, string path)
    {
        byte[] result;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
            using var output = new MemoryStream();
            gzip.CopyTo(output);
            result = output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw Problem(path, $"bad gzip data ({e.Message}).");
        }
        // NOTE: for a file made of several concatenated gzip members ISIZE covers only the last member;
        // IDX files are written as one member, so we accept the trade-off.
        uint trailerSize = compressed.Length >= 18 ? BinaryPrimitives.ReadUInt32LittleEndian(compressed.AsSpan(compressed.Length - 4)) : 0;
        if (compressed.Length < 18 || trailerSize != (uint)result.Length)
            throw Problem(path, $"bad gzip data: the file ends early or is damaged (decompressed {result.Length} bytes, but the gzip trailer says {trailerSize}).");
        return result;
    }

    private static InvalidDataException Problem(string path, string what) => new($"IDX file '{path}': {what}");
}
