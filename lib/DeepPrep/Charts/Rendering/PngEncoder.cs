using System.IO.Compression;

namespace DeepPrep.Charts.Rendering;

/// <summary>
/// Encodes an RGBA pixel array as a PNG, so big heatmaps and images go into the SVG as one &lt;image&gt;
/// (a data URI) instead of thousands of &lt;rect&gt; elements: a 28×28 digit is 784 rects, 100 digits 78,400.
/// </summary>
/// <remarks>
/// PNG = 8-byte signature, then chunks (length, type, data, CRC-32): IHDR (size, 8-bit RGBA), IDAT (the rows,
/// each prefixed with filter type 0 = none, zlib-compressed), IEND.
/// </remarks>
internal static class PngEncoder
{
    /// <summary>PNG bytes for an image of <paramref name="width"/>×<paramref name="height"/>; rgba has 4 bytes per pixel, row-major, top row first.</summary>
    public static byte[] Encode(int width, int height, byte[] rgba)
    {
        if (rgba.Length != width * height * 4) throw new ArgumentException("rgba must hold 4 bytes per pixel.");
        using var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);

        var header = new byte[13];
        WriteBigEndian(header, 0, (uint)width);
        WriteBigEndian(header, 4, (uint)height);
        header[8] = 8;  // bits per channel
        header[9] = 6;  // colour type: RGBA
        WriteChunk(output, "IHDR", header);

        using (var raw = new MemoryStream())
        {
            using (var zlib = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
                for (int y = 0; y < height; y++)
                {
                    zlib.WriteByte(0); // filter: none
                    zlib.Write(rgba, y * width * 4, width * 4);
                }
            WriteChunk(output, "IDAT", raw.ToArray());
        }
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>A data URI for an &lt;image href&gt;.</summary>
    public static string DataUri(int width, int height, byte[] rgba) =>
        "data:image/png;base64," + Convert.ToBase64String(Encode(width, height, rgba));

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        var buffer = new byte[4];
        WriteBigEndian(buffer, 0, (uint)data.Length);
        output.Write(buffer);
        var typeAndData = new byte[4 + data.Length];
        for (int i = 0; i < 4; i++) typeAndData[i] = (byte)type[i];
        data.CopyTo(typeAndData, 4);
        output.Write(typeAndData);
        WriteBigEndian(buffer, 0, Crc32(typeAndData));
        output.Write(buffer);
    }

    private static void WriteBigEndian(byte[] buffer, int offset, uint value)
    {
        buffer[offset] = (byte)(value >> 24);
        buffer[offset + 1] = (byte)(value >> 16);
        buffer[offset + 2] = (byte)(value >> 8);
        buffer[offset + 3] = (byte)value;
    }

    private static readonly uint[] CrcTable = BuildCrcTable();

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }

    /// <summary>CRC-32 (the polynomial PNG and zip use), over the chunk type and data.</summary>
    internal static uint Crc32(byte[] bytes)
    {
        uint c = 0xFFFFFFFFu;
        foreach (byte b in bytes) c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        return c ^ 0xFFFFFFFFu;
    }
}
