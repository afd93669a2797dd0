using System.Buffers.Binary;
using System.Text.Json;
using DeepImaging.Data;

namespace DeepImaging.Tests.Data;

public class DicomImageTests
{
    private static readonly string CtPath = Repository.PathOf("datasets", "CT_small.dcm");
    private const string Implicit = "1.2.840.10008.1.2";

    private static DicomImage LoadBytes(byte[] bytes, string name = "synthetic.dcm")
    {
        using var file = TempFile.WithBytes(name, bytes);
        return DicomImage.Load(file.Path);
    }

    private static InvalidDataException Refused(byte[] bytes, string name = "synthetic.dcm")
    {
        var e = Assert.Throws<InvalidDataException>(() => LoadBytes(bytes, name));
        Assert.StartsWith(name + ":", e.Message);
        return e;
    }

    private static byte[] Words(params int[] values)
    {
        var bytes = new byte[2 * values.Length];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2 * i), (ushort)values[i]);
        return bytes;
    }

    [Fact]
    public void CT_small_header_matches_pydicom()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Fixture.PathOf("ct_small_stats.json")));
        var r = doc.RootElement;
        var ct = DicomImage.Load(CtPath);
        Assert.Equal(r.GetProperty("rows").GetInt32(), ct.Rows);
        Assert.Equal(r.GetProperty("columns").GetInt32(), ct.Columns);
        Assert.Equal(r.GetProperty("bits_allocated").GetInt32(), ct.BitsAllocated);
        Assert.Equal(r.GetProperty("bits_stored").GetInt32(), ct.BitsStored);
        Assert.Equal(r.GetProperty("pixel_representation").GetInt32() == 1, ct.IsSigned);
        Assert.Equal(r.GetProperty("photometric_interpretation").GetString(), ct.PhotometricInterpretation);
        Assert.Equal(r.GetProperty("transfer_syntax_uid").GetString(), ct.TransferSyntaxUid);
        Assert.Equal(r.GetProperty("rescale_slope").GetDouble(), ct.RescaleSlope);
        Assert.Equal(r.GetProperty("rescale_intercept").GetDouble(), ct.RescaleIntercept);
        Assert.Null(ct.WindowCenter); // ct_small_stats.json: window_center null (not in the file)
        Assert.Null(ct.WindowWidth);
        Assert.Equal("CT", ct.Modality);
        Assert.Equal("CompressedSamples^CT1", ct.PatientName);
        Assert.Equal((0.661468, 0.661468), ct.PixelSpacing);
        Assert.Equal("CT_small.dcm", ct.FileName);
    }

    [Fact]
    public void CT_small_Hounsfield_units_match_pydicom_statistics_and_pixels()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Fixture.PathOf("ct_small_stats.json")));
        var stats = doc.RootElement.GetProperty("rescaled_stats");
        var pixels = DicomImage.Load(CtPath).Pixels;
        Assert.Equal([1, 128, 128], pixels.Shape);
        var values = pixels.ToArray().Select(v => (double)v).ToArray();
        double mean = values.Average();
        Assert.Equal(stats.GetProperty("min").GetDouble(), values.Min());
        Assert.Equal(stats.GetProperty("max").GetDouble(), values.Max());
        Assert.Equal(stats.GetProperty("sum").GetDouble(), values.Sum());
        Assert.Equal(stats.GetProperty("mean").GetDouble(), mean, 1e-9);
        Assert.Equal(stats.GetProperty("std").GetDouble(), Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average()), 1e-9);
        foreach (var p in doc.RootElement.GetProperty("pixels").EnumerateArray())
            Assert.Equal(p.GetProperty("rescaled").GetSingle(), pixels[0, p.GetProperty("row").GetInt32(), p.GetProperty("col").GetInt32()]);
    }

    [Fact]
    public void Window_follows_the_DICOM_linear_formula()
    {
        var image = LoadBytes(DicomWriter.Image(1, 5, 16, 16, signed: true, "MONOCHROME2")
            .Pixels(Words(-1000, -160, 40, 239, 3000)).ToBytes());
        // Center 40, width 400: below -160 black, above 239 white, (x - 39.5) / 399 + 0.5 between.
        Close.Check([0, 0, (float)(0.5 / 399 + 0.5), 1, 1], image.Window(40, 400).ToArray(), 1e-6);
        // No window in the file: min..max, i.e. center 1000.5, width 4001, so y = (x - 1000) / 4000 + 0.5.
        Close.Check([0, 0.21f, 0.26f, 0.30975f, 1], image.Window().ToArray(), 1e-6);
        Assert.Throws<ArgumentOutOfRangeException>(() => image.Window(40, 0.5));
        var ct = DicomImage.Load(CtPath).Window(40, 400);
        Assert.Equal(0f, ct.Min().Item());
        Assert.Equal(1f, ct.Max().Item());
    }

    [Fact]
    public void Implicit_VR_signed_16_bit_with_rescale_is_read()
    {
        var bytes = DicomWriter.Image(2, 3, 16, 16, signed: true, "MONOCHROME2", Implicit)
            .Text(0x0028, 0x1050, "DS", "30\\300").Text(0x0028, 0x1051, "DS", "350\\1500")
            .Text(0x0028, 0x1052, "DS", "-10").Text(0x0028, 0x1053, "DS", "2.5")
            .Pixels(Words(0, 1, -1, 100, -32768, 32767)).ToBytes();
        var image = LoadBytes(bytes);
        Assert.Equal(Implicit, image.TransferSyntaxUid);
        Assert.Equal([1, 2, 3], image.Pixels.Shape);
        Assert.Equal([-10f, -7.5f, -12.5f, 240, -81930, 81907.5f], image.Pixels.ToArray());
        Assert.Equal(30, image.WindowCenter);   // first of the multi-valued window
        Assert.Equal(350, image.WindowWidth);
        Assert.Equal("MR", image.Modality);
        Assert.Equal("Test^Phantom", image.PatientName);
    }

    [Fact]
    public void MONOCHROME1_8_bit_keeps_values_and_inverts_the_display()
    {
        var image = LoadBytes(DicomWriter.Image(1, 3, 8, 8, signed: false, "MONOCHROME1").Pixels([0, 128, 255, 0]).ToBytes());
        Assert.Equal([0f, 128, 255], image.Pixels.ToArray());
        Close.Check([1, 1 - (float)((128 - 127.5) / 255 + 0.5), 0], image.Window(128, 256).ToArray(), 1e-6);
    }

    [Fact]
    public void Twelve_stored_bits_are_masked_and_sign_extended()
    {
        // 0xF800 | 0x7FF: the top 4 bits are not part of a 12-bit value; 0x800 is -2048 in 12-bit two's complement.
        var image = LoadBytes(DicomWriter.Image(1, 3, 16, 12, signed: true, "MONOCHROME2").Pixels(Words(0xF7FF, 0x0800, 0x0FFF)).ToBytes());
        Assert.Equal([2047f, -2048, -1], image.Pixels.ToArray());
        var unsigned = LoadBytes(DicomWriter.Image(1, 2, 16, 12, signed: false, "MONOCHROME2").Pixels(Words(0xFFFF, 0x1001)).ToBytes());
        Assert.Equal([4095f, 1], unsigned.Pixels.ToArray());
    }

    [Fact]
    public void Sequences_are_skipped_so_nested_attributes_do_not_override_the_image()
    {
        foreach (var syntax in new[] { Implicit, "1.2.840.10008.1.2.1" })
        {
            var bytes = DicomWriter.Image(1, 2, 16, 16, signed: false, "MONOCHROME2", syntax)
                .UndefinedLengthSequence(0x0008, 0x1140, item => item.UShort(0x0028, 0x0010, 999).UShort(0x0028, 0x0011, 999))
                .Pixels(Words(5, 6)).ToBytes();
            var image = LoadBytes(bytes);
            Assert.Equal((1, 2), (image.Rows, image.Columns));
            Assert.Equal([5f, 6], image.Pixels.ToArray());
        }
    }

    [Fact]
    public void Twelve_thousand_nested_sequences_are_skipped_without_overflowing_the_stack()
    {
        foreach (var syntax in new[] { Implicit, "1.2.840.10008.1.2.1" })
        {
            var bytes = DicomWriter.Image(1, 2, 16, 16, signed: false, "MONOCHROME2", syntax).NestedSequences(12_000).Pixels(Words(5, 6)).ToBytes();

            var image = LoadBytes(bytes);

            Assert.Equal([5f, 6], image.Pixels.ToArray());
        }
    }

    [Fact]
    public void Nested_sequences_that_are_never_closed_are_refused_as_truncated()
    {
        var bytes = DicomWriter.Image(1, 2, 16, 16, signed: false, "MONOCHROME2").Pixels(Words(5, 6)).NestedSequences(12_000, closed: false).ToBytes();

        var error = Refused(bytes);

        Assert.Contains("an item of the sequence (0008,1140) is not closed before the end of the file (12000 sequence(s) still open); the file is truncated.", error.Message);
    }

    [Fact]
    public void A_rescale_slope_that_overflows_float32_is_refused_instead_of_giving_infinite_pixels()
    {
        var bytes = DicomWriter.Image(1, 2, 16, 16, signed: false, "MONOCHROME2").Text(0x0028, 0x1053, "DS", "1e308").Pixels(Words(0, 5)).ToBytes();

        var error = Refused(bytes);

        Assert.Equal("synthetic.dcm: Rescale Slope 1E+308 and Rescale Intercept 0 turn the stored value 5 (pixel 1) into Infinity, " +
                     "beyond what a float32 pixel holds (about ±3.4E+38); the rescale attributes (0028,1053) and (0028,1052) are corrupt.", error.Message);
    }

    [Theory]
    [InlineData("1.2.840.10008.1.2.4.50", "transfer syntax 1.2.840.10008.1.2.4.50 (JPEG Baseline) is compressed; only uncompressed little-endian DICOM")]
    [InlineData("1.2.840.10008.1.2.4.90", "(JPEG 2000 Lossless) is compressed")]
    [InlineData("1.2.840.10008.1.2.5", "(RLE Lossless) is compressed")]
    [InlineData("1.2.840.10008.1.2.1.99", "(Deflated Explicit VR Little Endian) is compressed")]
    [InlineData("1.2.840.10008.1.2.2", "(Explicit VR Big Endian) is big-endian")]
    [InlineData("1.2.3.4", "transfer syntax 1.2.3.4 is not one this reader knows")]
    public void Compressed_big_endian_and_unknown_transfer_syntaxes_are_refused(string syntax, string reason)
    {
        var bytes = DicomWriter.Image(1, 1, 16, 16, false, "MONOCHROME2", syntax).Pixels(Words(1)).ToBytes();
        Assert.Contains(reason, Refused(bytes, "CT.dcm").Message);
    }

    [Fact]
    public void Truncated_copies_of_CT_small_are_always_refused()
    {
        var bytes = File.ReadAllBytes(CtPath);
        var cuts = new[] { 0, 50, 128, 131, 132, 133, 140, 200, 300, 1000, 5000, bytes.Length - 32768, bytes.Length - 2, bytes.Length - 1 }
            .Concat(Enumerable.Range(1, 40).Select(i => i * bytes.Length / 41));
        foreach (int cut in cuts)
        {
            var e = Refused(bytes[..cut], "cut.dcm");
            Assert.True(e.Message.Contains("truncated") || e.Message.Contains("not a DICOM Part 10 file") || e.Message.Contains("no pixel data")
                        || e.Message.Contains("Transfer Syntax"), $"cut at {cut}: {e.Message}");
        }
    }

    [Fact]
    public void Random_bytes_and_non_DICOM_files_are_refused()
    {
        var random = new byte[4096];
        new Random(5).NextBytes(random);
        Assert.Contains("not a DICOM Part 10 file", Refused(random, "noise.dcm").Message);
        Assert.Contains("not a DICOM Part 10 file", Refused(File.ReadAllBytes(Repository.PathOf("datasets", "phantom.png")), "phantom.dcm").Message);
        // A valid preamble followed by random bytes: garbage element headers must not become an image.
        for (int seed = 0; seed < 20; seed++)
        {
            new Random(seed).NextBytes(random);
            Array.Clear(random, 0, 128);
            "DICM"u8.CopyTo(random.AsSpan(128));
            Refused(random, "garbage.dcm");
        }
        Assert.Throws<FileNotFoundException>(() => DicomImage.Load(Repository.PathOf("datasets", "absent.dcm")));
    }

    [Fact]
    public void Missing_pixel_data_colour_and_unsupported_pixel_layouts_are_refused()
    {
        Assert.Contains("no pixel data (7FE0,0010)", Refused(DicomWriter.Image(1, 1, 16, 16, false, "MONOCHROME2").ToBytes()).Message);
        Assert.Contains("photometric interpretation RGB", Refused(DicomWriter.Image(1, 1, 8, 8, false, "RGB").Pixels([1, 2]).ToBytes()).Message);
        Assert.Contains("Bits Allocated is 32", Refused(DicomWriter.Image(1, 1, 32, 32, false, "MONOCHROME2").Pixels(new byte[4]).ToBytes()).Message);
        Assert.Contains("pixel data holds 2 bytes but 2 x 2 pixels of 16 bits need 8",
            Refused(DicomWriter.Image(2, 2, 16, 16, false, "MONOCHROME2").Pixels(Words(1)).ToBytes()).Message);
        Assert.Contains("the required attribute Rows (0028,0010) is missing",
            Refused(new DicomWriter().UShort(0x0028, 0x0011, 1).UShort(0x0028, 0x0100, 8).Pixels([1, 0]).ToBytes()).Message);
        Assert.Contains("2 frames", Refused(DicomWriter.Image(1, 1, 16, 16, false, "MONOCHROME2").Text(0x0028, 0x0008, "IS", "2").Pixels(Words(1, 2)).ToBytes()).Message);
        Assert.Contains("Rescale Slope (0028,1053) is 'abc'",
            Refused(DicomWriter.Image(1, 1, 16, 16, false, "MONOCHROME2").Text(0x0028, 0x1053, "DS", "abc").Pixels(Words(1)).ToBytes()).Message);
    }
}
