using System.Text.Json;
using DeepImaging.Data;

namespace DeepImaging.Tests.Data;

public class ImageTests
{
    private static JsonElement[] PilImages()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Fixture.PathOf("images.json")));
        return doc.RootElement.GetProperty("images").EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    [Theory]
    [InlineData("microaneurysms.png", 0.0)] // PNG is lossless: StbImageSharp and PIL agree exactly
    [InlineData("phantom.png", 0.0)]
    [InlineData("retina.jpg", 3.0)]       // JPEG decoders differ slightly (IDCT, chroma upsampling)
    public void Loaded_images_match_PIL_shape_means_and_pixels(string file, double pixelTolerance)
    {
        var reference = PilImages().Single(e => e.GetProperty("file").GetString() == file);
        var image = ImageLoader.Load(Repository.PathOf("datasets", file));
        int c = reference.GetProperty("channels").GetInt32();
        Assert.Equal([c, reference.GetProperty("height").GetInt32(), reference.GetProperty("width").GetInt32()], image.Shape);
        var means = reference.GetProperty("channel_means").EnumerateArray().Select(m => m.GetDouble()).ToArray();
        for (int ch = 0; ch < c; ch++)
            Assert.Equal(means[ch], image.Select(0, ch).Mean().Item() * 255.0, pixelTolerance == 0 ? 0.001 : 0.5);
        foreach (var p in reference.GetProperty("pixels").EnumerateArray())
        {
            int r = p.GetProperty("row").GetInt32(), col = p.GetProperty("col").GetInt32();
            var values = p.GetProperty("values").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            for (int ch = 0; ch < c; ch++)
                Assert.InRange(image[ch, r, col] * 255.0 - values[ch], -pixelTolerance - 1e-3, pixelTolerance + 1e-3);
        }
    }

    [Fact]
    public void Greyscale_loading_uses_BT601_luma()
    {
        var colour = ImageLoader.Load(Repository.PathOf("datasets", "retina.jpg"));
        var grey = ImageLoader.Load(Repository.PathOf("datasets", "retina.jpg"), greyscale: true);
        Assert.Equal([1, 1411, 1411], grey.Shape);
        foreach (var (r, c) in new[] { (700, 700), (300, 900), (0, 0) })
            Assert.Equal(0.299f * colour[0, r, c] + 0.587f * colour[1, r, c] + 0.114f * colour[2, r, c], grey[0, r, c], 1e-6f);
        var hand = Tensor.From(new float[,,] { { { 1, 0 } }, { { 0, 1 } }, { { 0, 0.5f } } });
        Close.Check([0.299f, 0.587f + 0.057f], ImageOps.Greyscale(hand).ToArray(), 1e-6);
        Assert.Equal([1, 102, 102], ImageLoader.Load(Repository.PathOf("datasets", "microaneurysms.png"), greyscale: true).Shape);
    }

    [Fact]
    public void Corrupt_truncated_and_missing_images_are_reported_with_the_file_name()
    {
        using var random = TempFile.WithBytes("noise.png", Enumerable.Range(0, 500).Select(i => (byte)(i * 37 % 251)).ToArray());
        var e = Assert.Throws<InvalidDataException>(() => ImageLoader.Load(random.Path));
        Assert.Contains("noise.png: cannot decode the image", e.Message);
        var png = File.ReadAllBytes(Repository.PathOf("datasets", "microaneurysms.png"));
        using var truncated = TempFile.WithBytes("cut.png", png[..(png.Length / 2)]);
        Assert.Contains("cut.png", Assert.Throws<InvalidDataException>(() => ImageLoader.Load(truncated.Path)).Message);
        using var empty = TempFile.WithBytes("empty.jpg", []);
        Assert.Contains("empty.jpg", Assert.Throws<InvalidDataException>(() => ImageLoader.Load(empty.Path)).Message);
        Assert.Throws<FileNotFoundException>(() => ImageLoader.Load(Repository.PathOf("datasets", "missing.png")));
    }

    [Fact]
    public void Crop_cuts_the_window_from_every_channel()
    {
        var image = Tensor.Arange(40).Reshape(2, 4, 5);
        var crop = ImageOps.Crop(image, top: 1, left: 2, height: 2, width: 3);
        Assert.Equal([2, 2, 3], crop.Shape);
        Assert.Equal([7f, 8, 9, 12, 13, 14, 27, 28, 29, 32, 33, 34], crop.ToArray());
        Assert.Equal([1, 1, 1, 1], ImageOps.Crop(image.Unsqueeze(0).Slice(1, 0, 1), 3, 4, 1, 1).Shape);
        var e = Assert.Throws<ArgumentException>(() => ImageOps.Crop(image, 3, 0, 2, 5));
        Assert.Contains("rows 3..4, columns 0..4 does not fit inside the 4 x 5 image", e.Message);
        Assert.Throws<ArgumentException>(() => ImageOps.Crop(image, -1, 0, 1, 1));
        Assert.Throws<ArgumentException>(() => ImageOps.Crop(image, 0, 0, 0, 1));
    }

    [Fact]
    public void Resize_matches_torch_bilinear_without_align_corners()
    {
        foreach (var c in Fixture.Cases("resize.json"))
        {
            var size = c.Ints("size");
            var output = ImageOps.Resize(c.Tensor("input", "input_shape"), size[0], size[1]);
            Assert.Equal(c.Ints("output_shape"), output.Shape);
            Close.Check(c.Floats("output"), output.ToArray(), 1e-5, "resize " + string.Join("x", c.Ints("input_shape")));
        }
    }

    [Fact]
    public void Resize_to_the_same_size_is_the_identity_and_bad_sizes_are_rejected()
    {
        var image = Tensor.Rand([3, 5, 6], 1);
        Assert.Equal(image.ToArray(), ImageOps.Resize(image, 5, 6).ToArray());
        Assert.Contains("at least 1 x 1", Assert.Throws<ArgumentException>(() => ImageOps.Resize(image, 0, 3)).Message);
        Assert.Contains("expected an image", Assert.Throws<ArgumentException>(() => ImageOps.Resize(Tensor.Zeros(4), 2, 2)).Message);
    }

    [Fact]
    public void ExtractPatches_walks_the_image_row_by_row_with_the_stride()
    {
        var image = Tensor.Arange(16).Reshape(1, 4, 4);
        var patches = ImageOps.ExtractPatches(image, size: 2, stride: 2);
        Assert.Equal([4, 1, 2, 2], patches.Shape);
        Assert.Equal([2f, 3, 6, 7], patches.Select(0, 1).ToArray());
        Assert.Equal([10f, 11, 14, 15], patches.Select(0, 3).ToArray());
        Assert.Equal([4, 1, 3, 3], ImageOps.ExtractPatches(image, 3, 1).Shape);
        // (5 - 2) / 3 + 1 = 2 positions per axis; the last row and column are left over.
        var two = ImageOps.ExtractPatches(Tensor.Arange(50).Reshape(2, 5, 5), 2, 3);
        Assert.Equal([4, 2, 2, 2], two.Shape);
        Assert.Equal([18f, 19, 23, 24, 43, 44, 48, 49], two.Select(0, 3).ToArray());
        Assert.Contains("patch size 5 with stride 1", Assert.Throws<ArgumentException>(() => ImageOps.ExtractPatches(image, 5, 1)).Message);
        Assert.Throws<ArgumentException>(() => ImageOps.ExtractPatches(image, 2, 0));
        Assert.Throws<ArgumentException>(() => ImageOps.ExtractPatches(Tensor.Zeros(4, 4), 2, 2));
    }

    [Fact]
    public void Green_keeps_the_middle_channel()
    {
        var image = Tensor.Arange(12).Reshape(3, 2, 2);
        Assert.Equal([4f, 5, 6, 7], ImageOps.Green(image).ToArray());
        Assert.Equal([1, 2, 2], ImageOps.Green(image).Shape);
        Assert.Contains("3 channels", Assert.Throws<ArgumentException>(() => ImageOps.Green(Tensor.Zeros(1, 2, 2))).Message);
    }
}
