using System.Buffers.Binary;
using System.IO.Compression;

namespace DeepImaging.Interactive.Formatters;

/// <summary>
/// A minimal PNG writer for palette images (one byte per pixel indexing up to 256 colours): a signature, then the
/// IHDR, PLTE and IDAT chunks (zlib-compressed rows, each led by filter byte 0) and IEND, each chunk with its CRC-32.
/// </summary>
internal static class PngEncoder
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>Encodes <paramref name="pixels"/> (row-major palette indices, width x height) with <paramref name="palette"/>.</summary>
    public static byte[] EncodeIndexed(byte[] pixels, int width, int height, IReadOnlyList<(byte R, byte G, byte B)> palette)
    {
        using var png = new MemoryStream();
        png.Write(Signature);

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;  // bits per palette index
        header[9] = 3;  // colour type 3: indexed
        WriteChunk(png, "IHDR", header);

        var plte = new byte[palette.Count * 3];
        for (int i = 0; i < palette.Count; i++)
            (plte[3 * i], plte[3 * i + 1], plte[3 * i + 2]) = palette[i];
        WriteChunk(png, "PLTE", plte);

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
            for (int y = 0; y < height; y++)
            {
                zlib.WriteByte(0); // filter type None
                zlib.Write(pixels, y * width, width);
            }
        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        byte[] typeBytes = [.. type.Select(c => (byte)c)];
        png.Write(typeBytes);
        png.Write(data);
        // The CRC covers the chunk type and data.
        BinaryPrimitives.WriteUInt32BigEndian(number, ~Crc(Crc(0xFFFFFFFFu, typeBytes), data));
        png.Write(number);
    }

    // CRC-32 (polynomial 0xEDB88320) as the PNG specification defines it, one table lookup per byte.
    private static readonly uint[] CrcTable = [.. Enumerable.Range(0, 256).Select(n =>
    {
        uint c = (uint)n;
        for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        return c;
    })];

    private static uint Crc(uint crc, byte[] bytes)
    {
        foreach (byte b in bytes) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }
}
