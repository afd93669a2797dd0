using System.Xml.Linq;
using DeepImaging.Explain;
using DeepImaging.Interactive.Formatters;
using DeepImaging.NN;
using StbImageSharp;

namespace DeepImaging.Interactive.Tests.Formatters;

/// <summary>The attribution overlay and the receptive-field figure: static PNGs whose pixels are checked.</summary>
public class ExplainFiguresTests
{
    /// <summary>The PNGs of the figure's img elements, decoded to RGB.</summary>
    private static List<ImageResult> Pictures(XElement html) =>
        [.. html.Descendants("img").Select(img =>
            ImageResult.FromMemory(Convert.FromBase64String(((string)img.Attribute("src")!)["data:image/png;base64,".Length..]), ColorComponents.RedGreenBlue))];

    private static (byte R, byte G, byte B) Pixel(ImageResult image, int y, int x)
    {
        int i = (y * image.Width + x) * 3;
        return (image.Data[i], image.Data[i + 1], image.Data[i + 2]);
    }

    [Fact]
    public void The_overlay_leaves_the_image_grey_where_the_map_is_zero_and_colours_its_peak()
    {
        // A left-to-right ramp image; the map is 0 except 1 at (1, 2).
        var image = Tensor.From([0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3], 1, 1, 4, 4);
        var map = Tensor.Zeros(1, 4, 4);
        map[0, 1, 2] = 1;
        var html = HtmlParsing.Parse(AttributionOverlayHtml.Render(Attribution.Overlay(image, map, "Grad-CAM")));
        var picture = Assert.Single(Pictures(html));
        Assert.Equal((4, 4), (picture.Width, picture.Height));
        // Grey levels 0..15 from the image's minimum to maximum: column 0 black, column 3 white, uncovered by the map.
        Assert.Equal((0, 0, 0), Pixel(picture, 0, 0));
        Assert.Equal((255, 255, 255), Pixel(picture, 3, 3));
        // The peak: 75 % of the top colour of the sequential scale (253, 231, 37) over the grey of column 2 (2/3 -> level 10 of 15: 170).
        var (r, g, b) = Pixel(picture, 1, 2);
        Assert.Equal(((int)Math.Round(0.75 * 253 + 0.25 * 170), (int)Math.Round(0.75 * 231 + 0.25 * 170), (int)Math.Round(0.75 * 37 + 0.25 * 170)), (r, g, b));
        Assert.Contains("Grad-CAM · 1 image(s) 4x4", html.WithClass("div", "di-caption").First().Value);
        Assert.Equal("image 0 · peak (1, 2)", html.Descendants("figcaption").Single().Value);
    }

    [Fact]
    public void An_all_zero_map_shows_the_image_alone()
    {
        var picture = Assert.Single(Pictures(HtmlParsing.Parse(AttributionOverlayHtml.Render(
            Attribution.Overlay(Tensor.Arange(16).Reshape(4, 4), Tensor.Zeros(4, 4))))));
        Assert.Equal((0, 0, 0), Pixel(picture, 0, 0));
        Assert.Equal((255, 255, 255), Pixel(picture, 3, 3));
        Assert.True(Enumerable.Range(0, 16).All(p => Pixel(picture, p / 4, p % 4) is var (r, g, b) && r == g && g == b), "every pixel is grey");
    }

    [Fact]
    public void A_signed_map_uses_the_diverging_scale_and_one_picture_per_image()
    {
        var map = Tensor.Zeros(3, 5, 5);
        map[0, 0, 0] = -2;
        map[2, 4, 4] = 1;
        var html = HtmlParsing.Parse(AttributionOverlayHtml.Render(Attribution.Overlay(Tensor.Ones(3, 1, 5, 5), map, "occlusion")));
        var pictures = Pictures(html);
        Assert.Equal(3, pictures.Count);
        // Blue (33, 102, 172) at 75 % over the grey of a constant image (level 8 of 15: 136) for the most negative value;
        // where the map is 0 the image shows through unchanged.
        Assert.Equal(((int)Math.Round(0.75 * 33 + 0.25 * 136), (int)Math.Round(0.75 * 102 + 0.25 * 136), (int)Math.Round(0.75 * 172 + 0.25 * 136)), Pixel(pictures[0], 0, 0));
        Assert.Equal((136, 136, 136), Pixel(pictures[1], 2, 2));
        Assert.Contains("red: for the class, blue: against it", html.WithClass("div", "di-scale").Single().Value);
    }

    [Fact]
    public void The_receptive_field_figure_outlines_each_layers_field_on_the_scaled_image()
    {
        var model = new Sequential(new Conv2d(1, 2, 3, padding: 1), new ReLU(), new MaxPool2d(2), new Conv2d(2, 2, 3, padding: 1));
        var figure = ReceptiveFieldFigure.Of(model, Tensor.Zeros(1, 28, 28));
        var html = HtmlParsing.Parse(ReceptiveFieldFigureHtml.Render(figure));
        var picture = Assert.Single(Pictures(html));
        // 28 x 28 scaled by 336 / 28 = 12; outlines 3 pixels thick.
        Assert.Equal((336, 336), (picture.Width, picture.Height));
        Assert.Equal(3, figure.Regions.Count);
        var smallest = figure.Regions[0];
        // The first layer's 3x3 field starts at row and column 12 * Top; its corner is orange, its inside is the (constant) grey image.
        Assert.Equal((255, 127, 14), Pixel(picture, smallest.Top * 12, smallest.Left * 12));
        var grey = Pixel(picture, smallest.Top * 12 + 18, smallest.Left * 12 + 18);
        Assert.True(grey.R == grey.G && grey.G == grey.B, $"inside the smallest field the image shows: {grey}");
        // The largest field (the last conv: 8x8) is drawn in the third colour.
        var largest = figure.Regions[^1];
        Assert.Equal((214, 39, 40), Pixel(picture, largest.Top * 12, largest.Left * 12 + 40));
        var legend = html.Descendants("li").Select(li => li.Value).ToList();
        Assert.Equal(figure.Regions.Select(r => r.Describe(28, 28)), legend);
    }
}
