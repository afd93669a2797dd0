namespace DeepImaging.Interactive.Formatters;

/// <summary>
/// Draws a 2-D map of values as an indexed PNG through a <see cref="ColorScale"/>: the building block of the tensor
/// formatter's images and of <see cref="Charts.ImageGrid"/>. Large maps are downsampled by whole-number block means, so
/// pixels stay square; NaN and infinities are drawn in magenta.
/// </summary>
internal static class MapImage
{
    /// <summary>The colour of NaN and ±Inf pixels (magenta: it appears in none of the colour maps).</summary>
    public static readonly (byte R, byte G, byte B) NonFiniteColor = (255, 0, 255);

    private const byte NonFiniteIndex = 255; // the last palette entry; 0..254 are the colour map

    /// <summary>A PNG of a map and its size in pixels; <see cref="Factor"/> is the block size it was downsampled by (1: not).</summary>
    public sealed record Encoded(byte[] Png, int Height, int Width, int Factor)
    {
        /// <summary>The PNG as a data URI for an img element's src.</summary>
        public string DataUri => "data:image/png;base64," + Convert.ToBase64String(Png);
    }

    /// <summary>The smallest whole block size that brings a <paramref name="height"/> x <paramref name="width"/> map to at most <paramref name="maxSide"/> pixels per side.</summary>
    public static int FactorFor(int height, int width, int maxSide) => Math.Max(1, (Math.Max(height, width) + maxSide - 1) / maxSide);

    /// <summary>
    /// The <paramref name="height"/> x <paramref name="width"/> map (row-major <paramref name="values"/>) as a PNG, each pixel
    /// the mean of the finite values of a <paramref name="factor"/> x <paramref name="factor"/> block (1: every value a pixel).
    /// </summary>
    public static Encoded Encode(ReadOnlySpan<float> values, int height, int width, ColorScale scale, int factor)
    {
        if (values.Length != height * width)
            throw new ArgumentException($"MapImage: {values.Length} values for a {height}x{width} map.", nameof(values));
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        int h = (height + factor - 1) / factor, w = (width + factor - 1) / factor;
        var pixels = new byte[h * w];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                double sum = 0;
                int n = 0;
                for (int i = y * factor; i < Math.Min(height, (y + 1) * factor); i++)
                    for (int j = x * factor; j < Math.Min(width, (x + 1) * factor); j++)
                    {
                        float v = values[i * width + j];
                        if (float.IsFinite(v)) { sum += v; n++; }
                    }
                pixels[y * w + x] = n == 0 ? NonFiniteIndex : (byte)Math.Round(scale.Position(sum / n) * (NonFiniteIndex - 1));
            }
        var palette = scale.Map.Palette(NonFiniteIndex).Append(NonFiniteColor).ToArray();
        return new Encoded(PngEncoder.EncodeIndexed(pixels, w, h, palette), h, w, factor);
    }
}
