using System.Globalization;
using System.Text;
using DeepImaging.Explain;

namespace DeepImaging.Interactive.Formatters;

/// <summary>
/// Draws an <see cref="AttributionOverlay"/>: each image in grey with its map blended on top as a heat map, the peak of
/// each map marked, and one colour bar for all maps. Each picture is a static PNG inside the HTML (no script, no network).
/// Maps that are never negative (saliency, Grad-CAM) use the sequential scale, opaque where the map is high and
/// transparent where it is low; maps with both signs (occlusion) use the blue-white-red scale centred on zero, opaque
/// where the map is far from zero.
/// </summary>
public static class AttributionOverlayHtml
{
    /// <summary>At most this many images are drawn.</summary>
    public const int MaxImages = 32;

    // 16 grey levels x 15 heat levels fill 240 palette entries; entry 240 marks NaN and infinities. An odd number of heat
    // levels puts zero of a diverging scale exactly on the middle level, which is see-through.
    private const int GreyLevels = 16, HeatLevels = 15, NonFinite = GreyLevels * HeatLevels;
    private const double MaxAlpha = 0.75;

    /// <summary>The HTML for <paramref name="overlay"/>.</summary>
    public static string Render(AttributionOverlay overlay)
    {
        ArgumentNullException.ThrowIfNull(overlay);
        int n = overlay.Map.Size(0), h = overlay.Map.Size(1), w = overlay.Map.Size(2), shown = Math.Min(n, MaxImages);
        var stats = TensorStats.Of(overlay.Map.AsSpan());
        var scale = ColorScale.For(stats.Min, stats.Max);
        var palette = Palette(scale);
        var peaks = Attribution.Peaks(overlay.Map);
        // Small images are scaled up by a whole factor (crisp pixels), to about 160 CSS pixels.
        int zoom = Math.Max(1, 160 / Math.Max(h, w));

        var sb = new StringBuilder();
        sb.Append(Html.Caption($"{overlay.Title} · {n} image(s) {h}x{w} · map {stats.Describe()}{(shown < n ? $" · showing {shown} of {n}" : "")}"));
        sb.Append("<div class=\"di-maps\">");
        for (int i = 0; i < shown; i++)
        {
            var grey = GreyImage.Levels(overlay.Image.AsSpan().Slice(i * h * w, h * w), GreyLevels);
            var map = overlay.Map.AsSpan().Slice(i * h * w, h * w);
            var pixels = new byte[h * w];
            for (int p = 0; p < pixels.Length; p++)
            {
                // A constant map (e.g. an all-zero Grad-CAM) has nothing to show: the image stays uncovered.
                int heat = scale.Max > scale.Min ? (int)Math.Round(scale.Position(map[p]) * (HeatLevels - 1)) : 0;
                pixels[p] = float.IsFinite(map[p]) ? (byte)(heat * GreyLevels + grey[p]) : (byte)NonFinite;
            }
            string data = Convert.ToBase64String(PngEncoder.EncodeIndexed(pixels, w, h, palette));
            var (row, column) = peaks[i];
            string label = $"image {i} · peak ({row}, {column})";
            sb.Append("<figure><div class=\"di-overlay\">")
              .Append(CultureInfo.InvariantCulture, $"<img class=\"di-img\" alt=\"{Html.Escape(label)}\" width=\"{w * zoom}\" height=\"{h * zoom}\" src=\"data:image/png;base64,{data}\"/>")
              // The peak: a small ring over the brightest pixel (positioned in CSS pixels, so it stays put when scaled).
              .Append(CultureInfo.InvariantCulture,
                $"<span class=\"di-peak\" title=\"peak\" style=\"left:{(column + 0.5) * zoom - 5 + 1}px;top:{(row + 0.5) * zoom - 5 + 1}px\"></span>")
              .Append("</div><figcaption>").Append(Html.Escape(label)).Append("</figcaption></figure>");
        }
        sb.Append("</div>").Append(Html.ColorBar(scale, notes:
            scale.IsDiverging ? "(red: for the class, blue: against it; white = 0 is see-through)" : "(low values are see-through)"));
        return Html.Document(sb.ToString());
    }

    /// <summary>Every (heat level, grey level) pair blended: the heat colour over the grey with an opacity that grows with the map's strength.</summary>
    private static (byte R, byte G, byte B)[] Palette(ColorScale scale)
    {
        var grey = GreyImage.Ramp(GreyLevels).ToArray();
        var palette = new (byte R, byte G, byte B)[NonFinite + 1];
        for (int heat = 0; heat < HeatLevels; heat++)
        {
            double t = heat / (HeatLevels - 1.0);
            var (r, g, b) = scale.Rgb(scale.Min + (scale.Max - scale.Min) * t);
            double alpha = MaxAlpha * (scale.IsDiverging ? Math.Abs(2 * t - 1) : t);
            for (int level = 0; level < GreyLevels; level++)
            {
                byte Blend(byte colour, byte background) => (byte)Math.Round(alpha * colour + (1 - alpha) * background);
                var (gr, gg, gb) = grey[level];
                palette[heat * GreyLevels + level] = (Blend(r, gr), Blend(g, gg), Blend(b, gb));
            }
        }
        palette[NonFinite] = (255, 0, 255);
        return palette;
    }
}
