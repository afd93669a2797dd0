using System.Buffers.Binary;
using System.Globalization;

namespace DeepImaging.Data;

/// <summary>
/// Checks that a PNG, JPEG or BMP file is complete before it is decoded. The decoder does not: it fills the missing part of a
/// truncated JPEG or BMP with grey and returns a full-size image, and fails on a truncated PNG without a reason. So the file's
/// own structure is walked (PNG chunks up to IEND, JPEG segments up to the end-of-image marker, BMP pixel rows) and a file
/// that stops early is refused, naming the file and what is missing. Other formats are left to the decoder.
/// </summary>
internal static class ImageFileCheck
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Throws an <see cref="InvalidDataException"/> when <paramref name="bytes"/> is a PNG, JPEG or BMP file that ends early.</summary>
    public static void CheckComplete(byte[] bytes, string fileName)
    {
        if (bytes.AsSpan().StartsWith(PngSignature)) CheckPng(bytes, fileName);
        else if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xD8) CheckJpeg(bytes, fileName);
        else if (bytes.Length >= 2 && bytes[0] == 'B' && bytes[1] == 'M') CheckBmp(bytes, fileName);
    }

    /// <summary>A PNG is a signature and chunks (length, type, data, CRC), the last one IEND.</summary>
    private static void CheckPng(byte[] bytes, string fileName)
    {
        long position = PngSignature.Length;
        while (true)
        {
            if (position + 8 > bytes.Length)
                throw Truncated(fileName, bytes.Length, position == PngSignature.Length
                    ? "the PNG header chunk (IHDR) is missing"
                    : "the PNG ends after its last complete chunk, without the IEND chunk that closes it; the rest of the image data is missing");
            long length = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan((int)position));
            string type = System.Text.Encoding.ASCII.GetString(bytes, (int)position + 4, 4);
            long end = position + 12 + length; // length, type, data, CRC
            if (end > bytes.Length)
                throw Truncated(fileName, bytes.Length,
                    $"the PNG ends inside its {(type.All(char.IsAsciiLetter) ? type : "damaged")} chunk, which needs {Number(end - bytes.Length)} more bytes" +
                    (type == "IDAT" ? "; the rest of the compressed pixels is missing" : ""));
            if (type == "IEND") return;
            position = end;
        }
    }

    /// <summary>
    /// A JPEG is a sequence of marker segments; after each start-of-scan (FF DA) comes entropy-coded data, in which FF is
    /// always followed by 00 or a restart marker, until the next marker. A complete file ends with end-of-image (FF D9).
    /// </summary>
    private static void CheckJpeg(byte[] bytes, string fileName)
    {
        const string missing = "without its end-of-image marker (FF D9); the rest of the compressed image (the lower part of the picture) is missing";
        int position = 2;
        bool scanned = false;
        while (true)
        {
            if (scanned)
            {
                // Entropy-coded data: skip to the next marker that is not a stuffed byte (FF 00) or a restart marker (FF D0..D7).
                while (position + 1 < bytes.Length && !(bytes[position] == 0xFF && bytes[position + 1] != 0x00 && bytes[position + 1] is < 0xD0 or > 0xD7))
                    position++;
                scanned = false;
            }
            if (position + 1 >= bytes.Length)
                throw Truncated(fileName, bytes.Length, $"the JPEG ends {missing}");
            if (bytes[position] != 0xFF)
                throw new InvalidDataException($"{fileName}: not a valid JPEG: expected a marker (FF) at byte {Number(position)} but found {bytes[position]:X2}; the file is corrupt.");
            byte marker = bytes[position + 1];
            position += 2;
            if (marker == 0xD9) return; // end of image
            if (marker == 0xFF) { position--; continue; } // fill byte before a marker
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7)) continue; // markers without a length
            if (position + 2 > bytes.Length)
                throw Truncated(fileName, bytes.Length, $"the JPEG ends inside the header of segment FF {marker:X2}, {missing}");
            int length = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(position)); // counts its own two bytes
            if (position + length > bytes.Length)
                throw Truncated(fileName, bytes.Length, $"the JPEG ends inside segment FF {marker:X2}, which needs {Number(position + length - bytes.Length)} more bytes, {missing}");
            position += length;
            scanned = marker == 0xDA; // start of scan: compressed pixels follow
        }
    }

    /// <summary>An uncompressed BMP holds |height| rows of pixels, each padded to 4 bytes, from the offset its header gives.</summary>
    private static void CheckBmp(byte[] bytes, string fileName)
    {
        if (bytes.Length < 34) throw Truncated(fileName, bytes.Length, "the BMP headers are incomplete");
        long offset = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(10));
        long width = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(18)), height = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(22));
        int bitsPerPixel = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(28));
        uint compression = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(30));
        if (compression is not (0 or 3) || width <= 0) return; // run-length encoded sizes are not known in advance; the decoder checks the rest
        long needed = offset + (bitsPerPixel * width + 31) / 32 * 4 * Math.Abs(height);
        if (needed > bytes.Length)
            throw Truncated(fileName, bytes.Length, $"the BMP's {width} x {Math.Abs(height)} pixels need {Number(needed)} bytes; the missing {Number(needed - bytes.Length)} bytes hold the rest of the pixel rows");
    }

    private static InvalidDataException Truncated(string fileName, long size, string what) =>
        new($"{fileName}: the file is truncated ({Number(size)} bytes): {what}. Copy or download the file again.");

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
