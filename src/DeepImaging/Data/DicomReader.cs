using System.Buffers.Binary;
using System.Text;

namespace DeepImaging.Data;

/// <summary>
/// Walks the data elements of a DICOM Part 10 file (PS3.10): a 128-byte preamble, "DICM", the file meta group
/// (always Explicit VR Little Endian), then the data set in the transfer syntax the meta group names.
/// Only the top-level elements are kept; sequences are skipped, however deeply nested, without recursion. Every read is
/// bounds-checked so a truncated or corrupt file gives an <see cref="InvalidDataException"/> naming the file and the offset, never garbage.
/// </summary>
internal sealed class DicomReader
{
    public const uint TransferSyntaxTag = 0x0002_0010;
    public const uint PixelDataTag = 0x7FE0_0010;
    private const uint ItemTag = 0xFFFE_E000, ItemDelimiterTag = 0xFFFE_E00D, SequenceDelimiterTag = 0xFFFE_E0DD;
    private const uint UndefinedLength = 0xFFFF_FFFF;

    // Explicit VRs whose length field is 4 bytes after 2 reserved bytes (PS3.5 Table 7.1-1); the rest use 2 bytes.
    private static readonly HashSet<string> LongVrs = ["OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"];

    public const string ImplicitLittleEndian = "1.2.840.10008.1.2";
    public const string ExplicitLittleEndian = "1.2.840.10008.1.2.1";

    private static readonly Dictionary<string, string> KnownUnsupported = new()
    {
        ["1.2.840.10008.1.2.2"] = "Explicit VR Big Endian) is big-endian",
        ["1.2.840.10008.1.2.1.99"] = "Deflated Explicit VR Little Endian) is compressed",
        ["1.2.840.10008.1.2.4.50"] = "JPEG Baseline) is compressed",
        ["1.2.840.10008.1.2.4.51"] = "JPEG Extended) is compressed",
        ["1.2.840.10008.1.2.4.57"] = "JPEG Lossless) is compressed",
        ["1.2.840.10008.1.2.4.70"] = "JPEG Lossless SV1) is compressed",
        ["1.2.840.10008.1.2.4.80"] = "JPEG-LS Lossless) is compressed",
        ["1.2.840.10008.1.2.4.81"] = "JPEG-LS Near-Lossless) is compressed",
        ["1.2.840.10008.1.2.4.90"] = "JPEG 2000 Lossless) is compressed",
        ["1.2.840.10008.1.2.4.91"] = "JPEG 2000) is compressed",
        ["1.2.840.10008.1.2.5"] = "RLE Lossless) is compressed",
    };

    private readonly byte[] bytes;
    private readonly string fileName;
    private int position;
    private bool explicitVr = true;

    private DicomReader(byte[] bytes, string fileName)
    {
        this.bytes = bytes;
        this.fileName = fileName;
    }

    /// <summary>The file's top-level elements by tag ((group &lt;&lt; 16) | element), and its transfer syntax UID.</summary>
    public static (Dictionary<uint, byte[]> Elements, string TransferSyntax) Read(byte[] bytes, string fileName)
    {
        if (bytes.Length < 132 || Encoding.ASCII.GetString(bytes, 128, 4) != "DICM")
            throw new InvalidDataException(
                $"{fileName}: not a DICOM Part 10 file (no \"DICM\" marker after the 128-byte preamble; the file has {bytes.Length} bytes).");
        var reader = new DicomReader(bytes, fileName) { position = 132 };
        var elements = new Dictionary<uint, byte[]>();

        // File meta group 0002: always Explicit VR Little Endian.
        while (reader.position + 2 <= bytes.Length && BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(reader.position)) == 0x0002)
        {
            var (tag, value) = reader.ReadElement();
            elements[tag] = value;
        }
        if (!elements.TryGetValue(TransferSyntaxTag, out var syntaxBytes))
            throw new InvalidDataException($"{fileName}: the file meta information has no Transfer Syntax UID (0002,0010), so the encoding of the data set is unknown.");
        string syntax = Text(syntaxBytes);
        if (syntax != ImplicitLittleEndian && syntax != ExplicitLittleEndian)
        {
            string reason = KnownUnsupported.TryGetValue(syntax, out var r) ? $"({r}" : "is not one this reader knows";
            throw new InvalidDataException(
                $"{fileName}: transfer syntax {syntax} {reason}; only uncompressed little-endian DICOM ({ImplicitLittleEndian} implicit VR or {ExplicitLittleEndian} explicit VR) is supported.");
        }
        reader.explicitVr = syntax == ExplicitLittleEndian;

        while (reader.position < bytes.Length)
        {
            var (tag, value) = reader.ReadElement();
            elements[tag] = value;
        }
        return (elements, syntax);
    }

    /// <summary>A string value without the space or NUL padding DICOM adds to reach an even length.</summary>
    public static string Text(byte[] value) => Encoding.ASCII.GetString(value).TrimEnd(' ', '\0').Trim();

    private (uint Tag, byte[] Value) ReadElement()
    {
        var (tag, length, start) = ReadHeader();
        if (length == UndefinedLength)
        {
            if (tag == PixelDataTag)
                throw new InvalidDataException($"{fileName}: the pixel data is encapsulated (compressed fragments); only uncompressed pixel data is supported.");
            SkipUndefinedLengthSequence(tag);
            return (tag, []);
        }
        CheckLength(length, $"element {Name(tag)} at byte {start}", "the file is truncated or corrupt");
        var value = bytes.AsSpan(position, (int)length).ToArray();
        position += (int)length;
        return (tag, value);
    }

    /// <summary>Reads an element's tag, value representation (explicit VR only) and value length, leaving the position at the value.</summary>
    private (uint Tag, uint Length, int Start) ReadHeader()
    {
        int start = position;
        uint tag = ((uint)ReadUInt16(start) << 16) | ReadUInt16(start);
        uint length;
        if (explicitVr && tag >> 16 != 0xFFFE) // items and delimiters have no VR, even in explicit VR
        {
            Need(2, start, tag);
            string vr = Encoding.ASCII.GetString(bytes, position, 2);
            position += 2;
            if (!(char.IsAsciiLetterUpper(vr[0]) && char.IsAsciiLetterUpper(vr[1])))
                throw new InvalidDataException($"{fileName}: element {Name(tag)} at byte {start} has no valid value representation ('{Printable(vr)}'); the file is corrupt or not explicit VR as its header claims.");
            if (LongVrs.Contains(vr))
            {
                Need(2, start, tag);
                position += 2;
                length = ReadUInt32(start, tag);
            }
            else length = ReadUInt16(start, tag);
        }
        else length = ReadUInt32(start, tag);
        return (tag, length, start);
    }

    /// <summary>
    /// Skips a sequence of undefined length and everything nested in it. Iterative, with a stack of the sequences still open:
    /// sequences may nest inside items of sequences, and a damaged or hostile file can nest thousands of them (12,000 fit in
    /// 240 KB), which a recursive reader would follow until the stack overflowed and ended the process.
    /// </summary>
    private void SkipUndefinedLengthSequence(uint sequenceTag)
    {
        // Each open sequence, innermost on top, and whether the reader is inside one of its items (else between items).
        var open = new Stack<(uint Sequence, bool InItem)>();
        open.Push((sequenceTag, false));
        while (open.Count > 0)
        {
            var (sequence, inItem) = open.Peek();
            if (position >= bytes.Length)
                throw new InvalidDataException(
                    $"{fileName}: {(inItem ? "an item of " : "")}the sequence {Name(sequence)} is not closed before the end of the file " +
                    $"({open.Count} sequence(s) still open); the file is truncated.");
            var (tag, length, start) = ReadHeader();
            if (!inItem)
            {
                if (tag == SequenceDelimiterTag)
                    open.Pop();
                else if (tag != ItemTag)
                    throw new InvalidDataException($"{fileName}: expected an item (FFFE,E000) inside sequence {Name(sequence)} at byte {start} but found {Name(tag)}.");
                else if (length == UndefinedLength)
                    SetTop(open, inItem: true);
                else
                    SkipValue(length, $"an item of sequence {Name(sequence)} at byte {start}");
            }
            else if (tag == ItemDelimiterTag)
                SetTop(open, inItem: false);
            else if (length == UndefinedLength)
                open.Push((tag, false)); // a nested sequence (or encapsulated data, whose fragments are items too)
            else
                SkipValue(length, $"element {Name(tag)} at byte {start}");
        }
    }

    private static void SetTop(Stack<(uint Sequence, bool InItem)> open, bool inItem) => open.Push((open.Pop().Sequence, inItem));

    private void SkipValue(uint length, string what)
    {
        CheckLength(length, what, "the file is truncated");
        position += (int)length;
    }

    private void CheckLength(uint length, string what, string conclusion)
    {
        if (length > bytes.Length - position)
            throw new InvalidDataException($"{fileName}: {what} declares {length} bytes but only {bytes.Length - position} remain; {conclusion}.");
    }

    private ushort ReadUInt16(int elementStart, uint tag = 0)
    {
        Need(2, elementStart, tag);
        ushort v = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(position));
        position += 2;
        return v;
    }

    private uint ReadUInt32(int elementStart, uint tag)
    {
        Need(4, elementStart, tag);
        uint v = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(position));
        position += 4;
        return v;
    }

    private void Need(int count, int elementStart, uint tag)
    {
        if (position + count > bytes.Length)
            throw new InvalidDataException(
                $"{fileName}: the file ends at byte {bytes.Length} inside the header of the element starting at byte {elementStart}{(tag == 0 ? "" : " " + Name(tag))}; the file is truncated.");
    }

    public static string Name(uint tag) => $"({tag >> 16:X4},{tag & 0xFFFF:X4})";

    private static string Printable(string s) => new(s.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '?').ToArray());
}
