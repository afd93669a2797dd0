namespace DeepImaging.Interactive.Formatters;

/// <summary>An image as grey levels for the palette PNGs of the figures: darkest value 0, brightest <c>levels − 1</c>.</summary>
internal static class GreyImage
{
    /// <summary>
    /// Maps <paramref name="values"/> linearly from their own minimum and maximum to 0..<paramref name="levels"/> − 1
    /// (a constant image is mid-grey; NaN and infinities are black).
    /// </summary>
    public static byte[] Levels(ReadOnlySpan<float> values, int levels)
    {
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (float v in values)
            if (float.IsFinite(v))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        var result = new byte[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            float v = values[i];
            double t = !float.IsFinite(v) ? 0 : max > min ? (v - min) / (max - min) : 0.5;
            result[i] = (byte)Math.Round(t * (levels - 1));
        }
        return result;
    }

    /// <summary>A grey ramp of <paramref name="levels"/> colours from black to white, for a palette.</summary>
    public static IEnumerable<(byte R, byte G, byte B)> Ramp(int levels) =>
        Enumerable.Range(0, levels).Select(i => (byte)Math.Round(255.0 * i / (levels - 1))).Select(g => (g, g, g));
}
