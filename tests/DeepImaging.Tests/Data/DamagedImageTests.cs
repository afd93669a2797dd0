using System.Buffers.Binary;
using System.IO.Compression;
using DeepImaging.Data;

namespace DeepImaging.Tests.Data;

/// <summary>
/// A truncated or oversized image file is refused, naming the file and what is missing or too large, instead of loading as a
/// full image with a grey or garbage part, failing with a blank reason, or filling gigabytes of memory.
/// </summary>
public class DamagedImageTests
{
    private static InvalidDataException Refused(string name, byte[] bytes, long maxPixels = ImageLoader.DefaultMaxPixels)
    {
        using var file = TempFile.WithBytes(name, bytes);
        return Assert.Throws<InvalidDataException>(() => ImageLoader.Load(file.Path, maxPixels: maxPixels));
    }

    [Fact]
    public void The_first_20_KB_of_a_photograph_is_refused_instead_of_loading_as_a_full_image()
    {
        var jpeg = File.ReadAllBytes(Repository.PathOf("datasets", "retina.jpg"));

        var error = Refused("retina.jpg", jpeg[..20_480]);

        Assert.Equal("retina.jpg: the file is truncated (20,480 bytes): the JPEG ends without its end-of-image marker (FF D9); " +
                     "the rest of the compressed image (the lower part of the picture) is missing. Copy or download the file again.", error.Message);
    }

    [Fact]
    public void A_JPEG_cut_anywhere_is_refused_and_the_whole_file_still_loads()
    {
        var jpeg = File.ReadAllBytes(Repository.PathOf("datasets", "retina.jpg"));
        foreach (int cut in new[] { 2, 3, 20, 200, 600, 1000, jpeg.Length / 2, jpeg.Length - 2, jpeg.Length - 1 })
            Assert.Contains("the file is truncated", Refused("cut.jpg", jpeg[..cut]).Message);

        using var whole = TempFile.WithBytes("whole.jpg", jpeg);
        Assert.Equal([3, 1411, 1411], ImageLoader.Load(whole.Path).Shape);
    }

    [Fact]
    public void A_truncated_PNG_names_the_chunk_that_is_cut_instead_of_a_blank_reason()
    {
        var png = File.ReadAllBytes(Repository.PathOf("datasets", "phantom.png"));

        var error = Refused("phantom.png", png[..(png.Length / 2)]);

        Assert.StartsWith($"phantom.png: the file is truncated ({png.Length / 2:N0} bytes): the PNG ends inside its IDAT chunk, which needs ", error.Message);
        Assert.Contains("more bytes; the rest of the compressed pixels is missing.", error.Message);
        foreach (int cut in new[] { 8, 20, 33, 100, png.Length - 12, png.Length - 1 })
            Assert.Contains("the file is truncated", Refused("cut.png", png[..cut]).Message);
    }

    [Fact]
    public void Damaged_PNG_data_in_an_intact_file_is_refused_with_the_decoder_reason()
    {
        var png = File.ReadAllBytes(Repository.PathOf("datasets", "phantom.png"));
        int idat = IndexOf(png, "IDAT"u8);
        for (int i = idat + 10; i < idat + 60; i++) png[i] ^= 0x5A; // scramble the compressed pixels, keep the chunk structure

        var error = Refused("scrambled.png", png);

        Assert.Equal("scrambled.png: cannot decode the image (bad sizes); expected an intact PNG, JPEG, BMP, TGA or GIF file.", error.Message);
    }

    [Fact]
    public void A_truncated_BMP_is_refused_with_the_missing_byte_count()
    {
        var bmp = Bmp(4, 4);

        var error = Refused("small.bmp", bmp[..70]);

        Assert.Equal("small.bmp: the file is truncated (70 bytes): the BMP's 4 x 4 pixels need 102 bytes; the missing 32 bytes hold the rest of the pixel rows. " +
                     "Copy or download the file again.", error.Message);
        using var whole = TempFile.WithBytes("small.bmp", bmp);
        Assert.Equal([3, 4, 4], ImageLoader.Load(whole.Path).Shape);
    }

    [Fact]
    public void A_small_PNG_of_20000_x_20000_pixels_is_refused_before_decoding()
    {
        var png = GreyPng(20_000, 20_000);
        Assert.InRange(png.Length, 1, 5_000_000); // 400 MB of pixels in a few MB (389 KB with the strongest compression)

        var error = Refused("bomb.png", png);

        Assert.Equal("bomb.png: the image is 20,000 x 20,000 = 400,000,000 pixels, more than the limit of 64,000,000 (ImageLoader.DefaultMaxPixels is 64,000,000); " +
                     "to read it anyway pass a larger maxPixels, e.g. ImageLoader.Load(path, maxPixels: 400000000), knowing it takes 4.8 GB as a colour tensor.", error.Message);
    }

    [Fact]
    public void The_caller_can_lower_or_raise_the_pixel_limit()
    {
        string path = Repository.PathOf("datasets", "microaneurysms.png"); // 102 x 102 = 10,404 pixels

        var error = Assert.Throws<InvalidDataException>(() => ImageLoader.Load(path, maxPixels: 10_403));

        Assert.Contains("102 x 102 = 10,404 pixels, more than the limit of 10,403", error.Message);
        Assert.Equal([1, 102, 102], ImageLoader.Load(path, maxPixels: 10_404).Shape);
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageLoader.Load(path, maxPixels: 0));
    }

    private static int IndexOf(byte[] bytes, ReadOnlySpan<byte> value) => bytes.AsSpan().IndexOf(value);

    /// <summary>An uncompressed 24-bit BMP (BITMAPINFOHEADER) of mid-grey pixels.</summary>
    private static byte[] Bmp(int width, int height)
    {
        int row = (24 * width + 31) / 32 * 4;
        var bmp = new byte[54 + row * height];
        "BM"u8.CopyTo(bmp);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), bmp.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 24);
        bmp.AsSpan(54).Fill(128);
        return bmp;
    }

    /// <summary>A valid 8-bit grey PNG of black pixels: zlib turns its rows of zeros into a small file, as in the report.</summary>
    private static byte[] GreyPng(int width, int height)
    {
        var pixels = new MemoryStream();
        using (var zlib = new ZLibStream(pixels, CompressionLevel.Fastest, leaveOpen: true))
        {
            var line = new byte[1 + width]; // filter type 0, then the row
            for (int y = 0; y < height; y++) zlib.Write(line);
        }
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bits per sample; colour type 0 (grey), deflate, no filter extensions, no interlace
        var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", pixels.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(MemoryStream png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
