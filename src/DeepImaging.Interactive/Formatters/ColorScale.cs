namespace DeepImaging.Interactive.Formatters;

/// <summary>
/// Maps values to colours: a value range plus a <see cref="ColorMap"/>. By default, data with both signs gets the
/// blue-white-red map on a range symmetric around zero (so zero is always white and equal magnitudes get equal
/// strength); other data gets viridis from min to max.
/// </summary>
internal sealed class ColorScale
{
    private ColorScale(double min, double max, ColorMap map, bool diverging)
    {
        Min = min;
        Max = max;
        Map = map;
        IsDiverging = diverging;
    }

    /// <summary>The value drawn in the map's first colour (the smallest finite value, or -limit on a symmetric scale).</summary>
    public double Min { get; }

    /// <summary>The value drawn in the map's last colour (the largest finite value, or +limit on a symmetric scale).</summary>
    public double Max { get; }

    /// <summary>The colour map.</summary>
    public ColorMap Map { get; }

    /// <summary>True for a scale symmetric around zero (zero in the middle colour).</summary>
    public bool IsDiverging { get; }

    /// <summary>
    /// A scale for data whose finite values lie in [min, max]: symmetric around zero with <see cref="ColorMap.BlueWhiteRed"/>
    /// when they have both signs, otherwise min..max with <see cref="ColorMap.Viridis"/>. A given <paramref name="map"/>
    /// is used as it is, on min..max.
    /// </summary>
    public static ColorScale For(double min, double max, ColorMap? map = null)
    {
        if (map is not null)
            return new ColorScale(min, max, map, diverging: false);
        if (min < 0 && max > 0)
        {
            double limit = Math.Max(-min, max);
            return new ColorScale(-limit, limit, ColorMap.BlueWhiteRed, diverging: true);
        }
        return new ColorScale(min, max, ColorMap.Viridis, diverging: false);
    }

    /// <summary>The position of <paramref name="value"/> on the scale, 0..1 (values outside the range are clamped).</summary>
    public double Position(double value) => Max > Min ? Math.Clamp((value - Min) / (Max - Min), 0, 1) : 0.5;

    /// <summary>The colour of a finite value.</summary>
    public (byte R, byte G, byte B) Rgb(double value) => Map.At(Position(value));

    /// <summary>"#rrggbb" for a cell background.</summary>
    public string Background(double value) => ColorMap.Hex(Rgb(value));

    /// <summary>Near-black or white text, whichever reads better on the cell's background.</summary>
    public string Foreground(double value) => ColorMap.TextOn(Rgb(value));

    /// <summary>A CSS linear-gradient for the colour bar.</summary>
    public string Gradient() => Map.CssGradient();
}
