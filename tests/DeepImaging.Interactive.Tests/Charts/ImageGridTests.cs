using System.Xml.Linq;
using DeepImaging.Interactive.Charts;
using DeepImaging.Interactive.Formatters;
using DeepImaging.NN;
using DeepImaging.Interactive.Tests.Formatters;
using StbImageSharp;
using static DeepImaging.Interactive.Charts.Charts;

namespace DeepImaging.Interactive.Tests.Charts;

public class ImageGridTests
{
    private static XElement Html(ImageGrid grid) => HtmlParsing.Parse(grid.ToHtml());

    private static ImageResult Png(XElement img) =>
        ImageResult.FromMemory(Convert.FromBase64String(((string)img.Attribute("src")!)["data:image/png;base64,".Length..]), ColorComponents.RedGreenBlue);

    private static (byte, byte, byte) Pixel(ImageResult image, int row, int column)
    {
        int at = 3 * (row * image.Width + column);
        return (image.Data[at], image.Data[at + 1], image.Data[at + 2]);
    }

    /// <summary>The palette has 255 steps, so a colour between the map's stops may be off by a unit or two.</summary>
    private static void Near((int R, int G, int B) expected, (byte R, byte G, byte B) actual)
    {
        Assert.True(Math.Abs(expected.R - actual.R) <= 2 && Math.Abs(expected.G - actual.G) <= 2 && Math.Abs(expected.B - actual.B) <= 2,
            $"expected about {expected}, got {actual}");
    }

    [Fact]
    public void Feature_maps_are_png_images_labelled_with_their_kernel_names_and_square_pixels()
    {
        var maps = Tensor.Arange(2 * 3 * 4).Reshape(2, 3, 4);
        var html = Html(FeatureMaps(maps, labels: ["vertical edges", "blur"]));
        Assert.Equal(["vertical edges", "blur"], html.Descendants("figcaption").Select(f => f.Value));
        var images = html.Descendants("img").ToList();
        Assert.Equal(2, images.Count);
        foreach (var img in images)
        {
            var png = Png(img);
            Assert.Equal((4, 3), (png.Width, png.Height)); // one PNG pixel per value
            int width = (int)img.Attribute("width")!, height = (int)img.Attribute("height")!;
            Assert.Equal(0, width % 4);
            Assert.Equal(width / 4, height / 3); // the same whole zoom on both axes: square pixels
            Assert.True(width / 4 > 1, "small maps are scaled up");
        }
        Assert.Contains("Feature maps", html.WithClass("div", "di-caption").Single().Value);
    }

    [Fact]
    public void Filters_of_a_weight_tensor_are_labelled_filter_k_not_sample_and_channel()
    {
        var layer = new Conv2d(1, 3, 3, seed: 4);
        var html = Html(Filters(layer));
        Assert.Equal(["filter 0", "filter 1", "filter 2"], html.Descendants("figcaption").Select(f => f.Value));
        Assert.DoesNotContain("sample", html.Value);

        var twoInputs = Html(Filters(new Conv2d(2, 2, 3, seed: 4).Weight, names: ["spots", "edges"]));
        Assert.Equal(["spots, input 0", "spots, input 1", "edges, input 0", "edges, input 1"], twoInputs.Descendants("figcaption").Select(f => f.Value));
    }

    [Fact]
    public void Filters_share_one_diverging_scale_so_their_weights_compare()
    {
        // Two kernels: the largest magnitude (2) sets the symmetric range -2..2 for both.
        var weight = Tensor.From(new float[] { 1, -1, 0, 0, 2, 0, 0, 0 }, 2, 1, 2, 2);
        var html = Html(Filters(weight));
        Assert.Single(html.WithClass("div", "di-scale"));
        Assert.Equal(["-2", "2"], html.WithClass("div", "di-scale").Single().Elements("span").Take(2).Select(s => s.Value));
        var first = Png(html.Descendants("img").First());
        Near((244, 165, 130), Pixel(first, 0, 0)); // +1 = half the limit: light red
        Near((146, 197, 222), Pixel(first, 0, 1)); // -1: light blue
        Assert.Equal((247, 247, 247), Pixel(first, 1, 0)); // 0: white
    }

    [Fact]
    public void A_zero_padding_border_does_not_flatten_the_colour_scale()
    {
        // A 4x4 map of values 0.2..0.6, padded with zeros to 6x6 on the right and bottom (as maps of different sizes
        // are lined up): the zeros are left out of the range, so 0.2 is the darkest colour and 0.6 the lightest.
        var inner = Tensor.From(Enumerable.Range(0, 16).Select(i => 0.2f + 0.4f * i / 15).ToArray(), 4, 4);
        var padded = DeepImaging.Functional.Pad(inner, 0, 2, 0, 2);
        var panel = new ImagePanel(padded, "padded");
        Assert.Equal((0, 0, 4, 4), panel.MeaningfulRegion);
        Assert.Equal(0.2, panel.ColorRange.Min, 1e-6);
        Assert.Equal(0.6, panel.ColorRange.Max, 1e-6);
        Assert.Equal((0.0, 0.6), (panel.ValueRange.Min, Math.Round(panel.ValueRange.Max, 6)));

        var png = Png(Html(new ImageGrid([panel])).Descendants("img").Single());
        Assert.Equal((68, 1, 84), Pixel(png, 0, 0));    // 0.2: the first viridis colour
        Assert.Equal((253, 231, 37), Pixel(png, 3, 3)); // 0.6: the last
    }

    [Fact]
    public void A_border_that_saw_the_convolution_s_zero_padding_can_be_left_out_of_the_colour_range()
    {
        // Inside values -0.5..0.5; the outer ring (as after a 3x3 convolution with padding 1 on an image) responds with ±4.
        var values = new float[6 * 6];
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 6; j++)
                values[i * 6 + j] = i is 0 or 5 || j is 0 or 5 ? (i + j) % 2 == 0 ? 4 : -4 : (j - 2.5f) / 3;
        var maps = Tensor.From(values, 1, 6, 6);
        var html = Html(FeatureMaps(maps, ignoreBorder: 1));
        Assert.Equal(["-0.5", "0.5"], html.WithClass("div", "di-scale").Single().Elements("span").Select(s => s.Value));
        var png = Png(html.Descendants("img").Single());
        Assert.Equal((178, 24, 43), Pixel(png, 2, 4));  // 0.5, inside: full red
        Assert.Equal((33, 102, 172), Pixel(png, 2, 1)); // -0.5, inside: full blue
        Assert.Equal((178, 24, 43), Pixel(png, 0, 0));  // +4 on the border: clamped to the end colour
        Assert.Contains("colours from inside a 1-pixel border", html.WithClass("div", "di-caption").Single().Value);
        Assert.Contains("colours from -0.5 to 0.5", (string)html.Descendants("img").Single().Attribute("title")!);

        var flattened = Html(FeatureMaps(maps));
        Assert.Equal(["-4", "4"], flattened.WithClass("div", "di-scale").Single().Elements("span").Select(s => s.Value));
    }

    [Fact]
    public void Images_of_different_sizes_are_drawn_at_the_same_scale()
    {
        var html = Html(Images([("stride 1", Tensor.Rand([8, 8], seed: 1)), ("stride 2", Tensor.Rand([4, 4], seed: 2))]));
        var widths = html.Descendants("img").Select(i => (int)i.Attribute("width")!).ToList();
        Assert.Equal(2 * widths[1], widths[0]);
        Assert.Equal(["stride 1", "stride 2"], html.Descendants("figcaption").Select(f => f.Value));
    }

    [Fact]
    public void The_grid_wraps_at_the_page_width_and_columns_only_cap_a_row()
    {
        var maps = Tensor.Rand([6, 10, 10], seed: 3);
        var html = Html(FeatureMaps(maps, columns: 3));
        var row = html.WithClass("div", "di-maps").Single();
        var figures = row.Elements("figure").ToList();
        Assert.Equal(6, figures.Count);
        int figureWidth = int.Parse(((string)figures[0].Attribute("style")!).Split(':')[1].TrimEnd('p', 'x'));
        // The row is a wrapping flex box (the style sheet) no wider than 3 figures and their gaps.
        Assert.Equal($"max-width:{3 * (figureWidth + 10)}px", (string)row.Attribute("style")!);
        string styles = html.Element("style")!.Value;
        Assert.Contains(".di .di-maps{display:flex;flex-wrap:wrap", styles);
        Assert.Contains(".di figure.di-panel img.di-img{display:block;max-width:100%;height:auto", styles);
    }

    [Fact]
    public void A_large_image_is_drawn_in_whole_blocks_so_pixels_stay_square()
    {
        var html = Html(Images([("scan", Tensor.Rand([1000, 600], seed: 5))]));
        var png = Png(html.Descendants("img").Single());
        Assert.Equal((150, 250), (png.Width, png.Height)); // 4x4 blocks
        Assert.Contains("drawn in 4x4 block means", html.WithClass("div", "di-caption").Single().Value);
    }

    [Fact]
    public void Each_image_has_its_own_colour_bar_unless_the_scale_is_shared()
    {
        var maps = Tensor.From(new float[] { 0, 1, 2, 3, 0, 10, 20, 30 }, 2, 2, 2);
        var own = Html(FeatureMaps(maps));
        Assert.Equal([["0", "3"], ["0", "30"]], own.WithClass("div", "di-scale").Select(s => s.Elements("span").Select(e => e.Value).ToArray()));
        var shared = Html(FeatureMaps(maps, sharedScale: true));
        Assert.Equal(["0", "30"], shared.WithClass("div", "di-scale").Single().Elements("span").Take(2).Select(e => e.Value));
        Assert.Contains("one colour scale for all", shared.WithClass("div", "di-caption").Single().Value);
    }

    [Fact]
    public void A_grey_colour_map_draws_intensities_from_black_to_white()
    {
        var html = Html(Images([("CT", Tensor.From(new float[] { 0, 0.5f, 1, 1 }, 2, 2))], colorMap: ColorMap.Grey));
        var png = Png(html.Descendants("img").Single());
        Assert.Equal((0, 0, 0), Pixel(png, 0, 0));
        Assert.Equal((255, 255, 255), Pixel(png, 1, 1));
        var (r, g, b) = Pixel(png, 0, 1);
        Assert.InRange(r, 126, 129);
        Assert.Equal((r, r), (g, b));
    }

    [Fact]
    public void Bad_figure_arguments_say_what_is_expected()
    {
        var error = Assert.Throws<ArgumentException>(() => FeatureMaps(Tensor.Zeros(4, 4)));
        Assert.Contains("expected feature maps [C, H, W]", error.Message);
        error = Assert.Throws<ArgumentException>(() => FeatureMaps(Tensor.Zeros(3, 4, 4), labels: ["a", "b"]));
        Assert.Contains("2 labels for 3 maps", error.Message);
        error = Assert.Throws<ArgumentException>(() => FeatureMaps(Tensor.Zeros(1, 4, 4), ignoreBorder: 2));
        Assert.Contains("ignoreBorder 2 must be at least 0 and leave pixels inside a 4x4 image (at most 1)", error.Message);
        error = Assert.Throws<ArgumentException>(() => Filters(Tensor.Zeros(2, 1, 3, 3), names: ["only one"]));
        Assert.Contains("1 names for 2 filters", error.Message);
        error = Assert.Throws<ArgumentException>(() => new ImageGrid([]));
        Assert.Contains("give 1 to 64 panels; got 0", error.Message);
        error = Assert.Throws<ArgumentException>(() => new ColorMap("bad", [(0.0, ((byte)0, (byte)0, (byte)0)), (0.5, ((byte)1, (byte)1, (byte)1))]));
        Assert.Contains("positions rise from 0 to 1", error.Message);
    }

    [Fact]
    public void Feature_maps_beyond_the_limit_are_left_out_and_the_title_says_so()
    {
        var grid = FeatureMaps(Tensor.Zeros(40, 4, 4), maxMaps: 32);
        Assert.Equal(32, grid.Panels.Count);
        Assert.Equal("Feature maps (first 32 of 40)", grid.Title);
        Assert.StartsWith("Feature maps (first 32 of 40): 32 images (channel 0 [4, 4];", grid.ToString());
    }
}
