using DeepImaging.Interactive.Formatters;
using StbImageSharp;

namespace DeepImaging.Interactive.Tests.Formatters;

public class TensorHtmlTests
{
    [Fact]
    public void A_2d_tensor_is_a_grid_of_its_values_with_shape_and_min_max_in_the_caption()
    {
        var html = HtmlParsing.Parse(TensorHtml.Render(Tensor.Arange(9).Reshape(3, 3)));
        var rows = html.Descendants("table").Single().Rows();
        Assert.Equal(new[] { new[] { "0", "1", "2" }, new[] { "3", "4", "5" }, new[] { "6", "7", "8" } }, rows.Select(r => r.Select(c => c.Value).ToArray()));
        string caption = html.WithClass("div", "di-caption").Single().Value;
        Assert.Contains("[3, 3]", caption);
        Assert.Contains("min 0", caption);
        Assert.Contains("max 8", caption);
    }

    [Fact]
    public void Non_negative_data_uses_the_sequential_scale_from_dark_to_light()
    {
        var cells = HtmlParsing.Parse(TensorHtml.Render(Tensor.From(new float[] { 0, 10 }, 2))).Descendants("td").ToList();
        Assert.Contains("background:#440154", (string)cells[0].Attribute("style")!); // viridis start
        Assert.Contains("color:#ffffff", (string)cells[0].Attribute("style")!);        // white text on the dark end
        Assert.Contains("background:#fde725", (string)cells[1].Attribute("style")!);
        Assert.Contains("color:#111111", (string)cells[1].Attribute("style")!);        // dark text on the light end
    }

    [Fact]
    public void Signed_data_uses_a_diverging_scale_with_zero_white()
    {
        var cells = HtmlParsing.Parse(TensorHtml.Render(Tensor.From(new float[] { -2, 0, 1 }, 3))).Descendants("td").ToList();
        Assert.Contains("background:#2166ac", (string)cells[0].Attribute("style")!); // -2 = -limit: full blue
        Assert.Contains("background:#f7f7f7", (string)cells[1].Attribute("style")!); // 0: white
        Assert.Contains("background:#f4a582", (string)cells[2].Attribute("style")!); // +1 = half the limit: light red
    }

    [Fact]
    public void NaN_and_infinities_are_marked_distinctly()
    {
        var html = HtmlParsing.Parse(TensorHtml.Render(Tensor.From(new float[] { 1, float.NaN, float.PositiveInfinity, float.NegativeInfinity }, 2, 2)));
        var nan = html.WithClass("td", "di-nan").Single();
        Assert.Equal("NaN", nan.Value);
        Assert.Equal(new[] { "+Inf", "-Inf" }, html.WithClass("td", "di-inf").Select(c => c.Value));
        Assert.Contains("1 NaN", html.WithClass("div", "di-caption").Single().Value);
    }

    [Fact]
    public void A_1000_by_1000_tensor_is_summarised_as_a_downsampled_image_under_300_KB()
    {
        var big = Tensor.Randn([1000, 1000], seed: 1);
        string text = TensorHtml.Render(big);
        var html = HtmlParsing.Parse(text);
        Assert.True(text.Length < 300_000, $"HTML is {text.Length} characters");
        Assert.Empty(html.Descendants("td"));
        var img = html.Descendants("img").Single();
        string caption = html.WithClass("div", "di-caption").Single().Value;
        Assert.Contains("[1000, 1000]", caption);
        Assert.Contains("250x250", caption);

        var png = Convert.FromBase64String(((string)img.Attribute("src")!)["data:image/png;base64,".Length..]);
        var decoded = ImageResult.FromMemory(png, ColorComponents.RedGreenBlue);
        Assert.Equal((250, 250), (decoded.Width, decoded.Height));
    }

    [Fact]
    public void The_png_pixels_follow_the_colour_scale_and_mark_NaN_in_magenta()
    {
        var data = new float[40 * 40];
        data[0] = float.NaN;
        data[1] = 1; // the maximum: last sequential colour
        var html = HtmlParsing.Parse(TensorHtml.Render(Tensor.From(data, 40, 40)));
        var png = Convert.FromBase64String(((string)html.Descendants("img").Single().Attribute("src")!)["data:image/png;base64,".Length..]);
        var image = ImageResult.FromMemory(png, ColorComponents.RedGreenBlue);
        Assert.Equal((40, 40), (image.Width, image.Height));
        Assert.Equal(new byte[] { 255, 0, 255 }, image.Data[0..3]);
        Assert.Equal(new byte[] { 253, 231, 37 }, image.Data[3..6]);
        Assert.Equal(new byte[] { 68, 1, 84 }, image.Data[6..9]);
    }

    [Fact]
    public void Channels_of_a_3d_tensor_are_labelled_figures()
    {
        var html = HtmlParsing.Parse(TensorHtml.Render(Tensor.Rand([3, 20, 20], seed: 2)));
        Assert.Equal(new[] { "channel 0", "channel 1", "channel 2" }, html.Descendants("figcaption").Select(f => f.Value));
        Assert.Equal(3, html.Descendants("img").Count());
    }

    [Fact]
    public void Feature_maps_of_a_4d_tensor_are_capped_at_64()
    {
        var html = HtmlParsing.Parse(TensorHtml.Render(Tensor.Zeros(2, 40, 6, 6)));
        Assert.Equal(64, html.Descendants("figure").Count());
        Assert.Equal("sample 1, channel 23", html.Descendants("figcaption").Last().Value);
        Assert.Contains("showing 64 of 80 maps", html.WithClass("div", "di-caption").First().Value);
    }

    [Fact]
    public void A_long_vector_shows_only_its_ends()
    {
        var html = HtmlParsing.Parse(TensorHtml.Render(Tensor.Arange(5000)));
        var cells = html.Descendants("td").Select(c => c.Value).ToList();
        Assert.Equal(17, cells.Count);
        Assert.Equal("4999", cells[^1]);
        Assert.Equal("…", cells[8]);
    }

    [Fact]
    public void A_scalar_is_one_cell_and_an_empty_tensor_says_so()
    {
        Assert.Equal("3.5", HtmlParsing.Parse(TensorHtml.Render(Tensor.Scalar(3.5f))).Descendants("td").Single().Value);
        var empty = HtmlParsing.Parse(TensorHtml.Render(Tensor.Zeros(0, 3, 4)));
        Assert.Empty(empty.Descendants("td"));
        Assert.Contains("[0, 3, 4]", empty.WithClass("div", "di-caption").Single().Value);
        Assert.Contains("empty", empty.WithClass("div", "di-caption").Single().Value);
    }

    [Fact]
    public void A_thin_2d_strip_stays_visible()
    {
        var img = HtmlParsing.Parse(TensorHtml.Render(Tensor.Rand([1, 5000], seed: 3))).Descendants("img").Single();
        Assert.Equal("250", (string)img.Attribute("width")!);
        Assert.Equal("16", (string)img.Attribute("height")!);
    }
}
