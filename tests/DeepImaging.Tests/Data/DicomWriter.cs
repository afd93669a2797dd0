using System.Buffers.Binary;
using System.Text;

namespace DeepImaging.Tests.Data;

/// <summary>Builds small DICOM Part 10 files byte by byte (PS3.10 / PS3.5) for the reader's tests.</summary>
internal sealed class DicomWriter(string transferSyntax = "1.2.840.10008.1.2.1")
{
    private readonly MemoryStream body = new();
    private bool Explicit => transferSyntax != "1.2.840.10008.1.2";

    public DicomWriter UShort(ushort group, ushort element, int value)
    {
        var v = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(v, (ushort)value);
        return Element(body, group, element, "US", v, Explicit);
    }

    public DicomWriter Text(ushort group, ushort element, string vr, string value) =>
        Element(body, group, element, vr, Padded(value, vr == "UI" ? (byte)0 : (byte)' '), Explicit);

    public DicomWriter Pixels(byte[] data) => Element(body, 0x7FE0, 0x0010, data.Length % 2 == 0 && data.Length > 0 ? "OW" : "OB", data, Explicit);

    /// <summary>A sequence of undefined length holding one item of undefined length with the given nested element bytes.</summary>
    public DicomWriter UndefinedLengthSequence(ushort group, ushort element, Action<DicomWriter> item)
    {
        var nested = new DicomWriter(transferSyntax);
        item(nested);
        WriteTag(body, group, element);
        if (Explicit) { body.Write("SQ"u8); body.Write(new byte[2]); }
        Write32(body, 0xFFFFFFFF);
        WriteTag(body, 0xFFFE, 0xE000); Write32(body, 0xFFFFFFFF);
        body.Write(nested.body.ToArray());
        WriteTag(body, 0xFFFE, 0xE00D); Write32(body, 0);
        WriteTag(body, 0xFFFE, 0xE0DD); Write32(body, 0);
        return this;
    }

    /// <summary>
    /// <paramref name="depth"/> sequences of undefined length, each the only element of an item of undefined length of the one
    /// before (written in a loop: a hostile file's nesting); with <paramref name="closed"/> false the delimiters are left out.
    /// </summary>
    public DicomWriter NestedSequences(int depth, bool closed = true)
    {
        for (int level = 0; level < depth; level++)
        {
            WriteTag(body, 0x0008, 0x1140);
            if (Explicit) { body.Write("SQ"u8); body.Write(new byte[2]); }
            Write32(body, 0xFFFFFFFF);
            WriteTag(body, 0xFFFE, 0xE000); Write32(body, 0xFFFFFFFF);
        }
        for (int level = 0; closed && level < depth; level++)
        {
            WriteTag(body, 0xFFFE, 0xE00D); Write32(body, 0);
            WriteTag(body, 0xFFFE, 0xE0DD); Write32(body, 0);
        }
        return this;
    }

    /// <summary>A monochrome image with the usual attributes, ready for pixel bytes.</summary>
    public static DicomWriter Image(int rows, int columns, int bitsAllocated, int bitsStored, bool signed, string photometric,
        string transferSyntax = "1.2.840.10008.1.2.1")
    {
        return new DicomWriter(transferSyntax)
            .Text(0x0008, 0x0060, "CS", "MR")
            .Text(0x0010, 0x0010, "PN", "Test^Phantom")
            .UShort(0x0028, 0x0002, 1)
            .Text(0x0028, 0x0004, "CS", photometric)
            .UShort(0x0028, 0x0010, rows)
            .UShort(0x0028, 0x0011, columns)
            .UShort(0x0028, 0x0100, bitsAllocated)
            .UShort(0x0028, 0x0101, bitsStored)
            .UShort(0x0028, 0x0102, bitsStored - 1)
            .UShort(0x0028, 0x0103, signed ? 1 : 0);
    }

    public byte[] ToBytes()
    {
        var meta = new MemoryStream();
        Element(meta, 0x0002, 0x0001, "OB", [0, 1], true);
        Element(meta, 0x0002, 0x0010, "UI", Padded(transferSyntax, 0), true);
        var file = new MemoryStream();
        file.Write(new byte[128]);
        file.Write("DICM"u8);
        var groupLength = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(groupLength, (uint)meta.Length);
        Element(file, 0x0002, 0x0000, "UL", groupLength, true);
        file.Write(meta.ToArray());
        file.Write(body.ToArray());
        return file.ToArray();
    }

    private static byte[] Padded(string value, byte pad)
    {
        var bytes = Encoding.ASCII.GetBytes(value);
        return bytes.Length % 2 == 0 ? bytes : [.. bytes, pad];
    }

    private DicomWriter Element(MemoryStream s, ushort group, ushort element, string vr, byte[] value, bool isExplicit)
    {
        WriteTag(s, group, element);
        if (!isExplicit) Write32(s, (uint)value.Length);
        else if (vr is "OB" or "OW" or "SQ" or "UN" or "UT")
        {
            s.Write(Encoding.ASCII.GetBytes(vr));
            s.Write(new byte[2]);
            Write32(s, (uint)value.Length);
        }
        else
        {
            s.Write(Encoding.ASCII.GetBytes(vr));
            var length = new byte[2];
            BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)value.Length);
            s.Write(length);
        }
        s.Write(value);
        return this;
    }

    private static void WriteTag(MemoryStream s, ushort group, ushort element)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(b, group);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(2), element);
        s.Write(b);
    }

    private static void Write32(MemoryStream s, uint v)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        s.Write(b);
    }
}
