using System.Globalization;
using System.Text;
using DeepImaging.Explain;

namespace DeepImaging.Interactive.Formatters;

/// <summary>
/// Draws a <see cref="ReceptiveFieldFigure"/>: the image in grey, scaled up, with one coloured outline per layer's
/// receptive field (cut at the image's border where a field reaches into the padding), and a legend giving each layer's
/// field in pixels. The picture is a static PNG inside the HTML (no script, no network).
/// </summary>
public static class ReceptiveFieldFigureHtml
{
    /// <summary>Images are drawn at about this many pixels per side (small ones scaled up by a whole factor).</summary>
    public const int DisplaySide = 336;

    private const int GreyLevels = 192;

    // Outline colours, one per layer (repeated after the last), chosen to stand out on grey.
    private static readonly (byte R, byte G, byte B)[] Colours =
        [(255, 127, 14), (23, 190, 207), (214, 39, 40), (44, 160, 44), (148, 103, 189), (255, 215, 0), (227, 119, 194), (31, 119, 180)];

    /// <summary>The HTML for <paramref name="figure"/>.</summary>
    public static string Render(ReceptiveFieldFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        int h = figure.Image.Size(0), w = figure.Image.Size(1);
        // Small images grow by a whole factor; large ones shrink by one (block means), so the PNG stays small.
        int zoom = Math.Max(1, DisplaySide / Math.Max(h, w)), shrink = (Math.Max(h, w) + 2 * DisplaySide - 1) / (2 * DisplaySide);
        var source = shrink > 1 ? Shrink(figure.Image.AsSpan(), h, w, shrink) : figure.Image.ToArray();
        int sh = (h + shrink - 1) / shrink, sw = (w + shrink - 1) / shrink, height = sh * zoom, width = sw * zoom;
        var grey = GreyImage.Levels(source, GreyLevels);
        var pixels = new byte[height * width];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                pixels[y * width + x] = grey[y / zoom * sw + x / zoom];

        // Largest field first, so the smaller ones inside it are drawn on top.
        int thickness = Math.Max(2, zoom / 4);
        for (int i = figure.Regions.Count - 1; i >= 0; i--)
        {
            var region = figure.Regions[i];
            double scale = (double)zoom / shrink;
            int top = (int)Math.Floor(region.Top * scale), left = (int)Math.Floor(region.Left * scale);
            int bottom = (int)Math.Ceiling((region.Top + region.Height) * scale) - 1, right = (int)Math.Ceiling((region.Left + region.Width) * scale) - 1;
            Outline(pixels, width, height, top, left, bottom, right, thickness, (byte)(GreyLevels + i % Colours.Length));
        }
        var palette = GreyImage.Ramp(GreyLevels).Concat(Colours).ToArray();
        string data = Convert.ToBase64String(PngEncoder.EncodeIndexed(pixels, width, height, palette));

        var sb = new StringBuilder();
        sb.Append(Html.Caption($"Receptive field of output [{figure.Row}, {figure.Column}] of layer {figure.Layer}, layer by layer, on the {h}x{w} input" +
                               (shrink > 1 ? $" (drawn at 1/{shrink} size)" : ""))).Append("<div class=\"di-row\">")
          .Append(CultureInfo.InvariantCulture, $"<img class=\"di-img\" alt=\"receptive fields on the input image\" width=\"{width}\" height=\"{height}\" src=\"data:image/png;base64,{data}\"/>")
          .Append("<ol class=\"di-expr di-legend\" start=\"0\">");
        for (int i = 0; i < figure.Regions.Count; i++)
        {
            var (r, g, b) = Colours[i % Colours.Length];
            sb.Append(CultureInfo.InvariantCulture, $"<li><span class=\"di-swatch\" style=\"border-color:#{r:x2}{g:x2}{b:x2}\"></span>")
              .Append(Html.Escape(figure.Regions[i].Describe(h, w))).Append("</li>");
        }
        sb.Append("</ol></div>");
        return Html.Document(sb.ToString());
    }

    /// <summary>Draws the border of the rectangle (top, left)..(bottom, right), cut at the image's edges, in colour <paramref name="colour"/>.</summary>
    private static void Outline(byte[] pixels, int width, int height, int top, int left, int bottom, int right, int thickness, byte colour)
    {
        for (int y = Math.Max(0, top); y <= Math.Min(height - 1, bottom); y++)
            for (int x = Math.Max(0, left); x <= Math.Min(width - 1, right); x++)
            {
                bool edge = y < top + thickness || y > bottom - thickness || x < left + thickness || x > right - thickness;
                if (edge) pixels[y * width + x] = colour;
            }
    }

    /// <summary>Block means of <paramref name="factor"/> x <paramref name="factor"/> pixels.</summary>
    private static float[] Shrink(ReadOnlySpan<float> image, int h, int w, int factor)
    {
        int sh = (h + factor - 1) / factor, sw = (w + factor - 1) / factor;
        var result = new float[sh * sw];
        var counts = new int[sh * sw];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                result[y / factor * sw + x / factor] += image[y * w + x];
                counts[y / factor * sw + x / factor]++;
            }
        for (int i = 0; i < result.Length; i++) result[i] /= counts[i];
        return result;
    }
}
