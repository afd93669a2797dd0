using System.Globalization;

namespace DeepImaging.Interactive.Formatters;

/// <summary>
/// Maps values to colours: diverging blue-white-red centred on zero when the data has both signs (so zero is always
/// white and equal magnitudes get equal strength), otherwise a sequential viridis-like ramp from min to max.
/// </summary>
internal sealed class ColorScale
{
    // Anchor colours; values in between are interpolated linearly in RGB.
    private static readonly (byte R, byte G, byte B)[] Diverging = [(33, 102, 172), (146, 197, 222), (247, 247, 247), (244, 165, 130), (178, 24, 43)];
    private static readonly (byte R, byte G, byte B)[] Sequential = [(68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37)];

    private ColorScale(double min, double max, bool diverging)
    {
        Min = min;
        Max = max;
        IsDiverging = diverging;
    }

    /// <summary>The smallest finite value (or -limit for a diverging scale).</summary>
    public double Min { get; }

    /// <summary>The largest finite value (or +limit for a diverging scale).</summary>
    public double Max { get; }

    /// <summary>True for the blue-white-red scale centred on zero.</summary>
    public bool IsDiverging { get; }

    /// <summary>A scale for data whose finite values lie in [min, max].</summary>
    public static ColorScale For(double min, double max)
    {
        if (min < 0 && max > 0)
        {
            double limit = Math.Max(-min, max);
            return new ColorScale(-limit, limit, diverging: true);
        }
        return new ColorScale(min, max, diverging: false);
    }

    /// <summary>The position of <paramref name="value"/> on the scale, 0..1.</summary>
    public double Position(double value) => Max > Min ? Math.Clamp((value - Min) / (Max - Min), 0, 1) : 0.5;

    /// <summary>The colour of a finite value.</summary>
    public (byte R, byte G, byte B) Rgb(double value) => Interpolate(IsDiverging ? Diverging : Sequential, Position(value));

    /// <summary>"#rrggbb" for a cell background.</summary>
    public string Background(double value) => Hex(Rgb(value));

    /// <summary>Near-black or white text, whichever reads better on the cell's background.</summary>
    public string Foreground(double value)
    {
        var (r, g, b) = Rgb(value);
        return 0.299 * r + 0.587 * g + 0.114 * b > 140 ? "#111111" : "#ffffff";
    }

    /// <summary>A CSS linear-gradient for the colour bar.</summary>
    public string Gradient()
    {
        var stops = IsDiverging ? Diverging : Sequential;
        return "linear-gradient(to right," + string.Join(",", stops.Select(Hex)) + ")";
    }

    private static (byte R, byte G, byte B) Interpolate((byte R, byte G, byte B)[] stops, double t)
    {
        double x = t * (stops.Length - 1);
        int i = Math.Min((int)x, stops.Length - 2);
        double f = x - i;
        var (a, b) = (stops[i], stops[i + 1]);
        return ((byte)Math.Round(a.R + f * (b.R - a.R)), (byte)Math.Round(a.G + f * (b.G - a.G)), (byte)Math.Round(a.B + f * (b.B - a.B)));
    }

    private static string Hex((byte R, byte G, byte B) c) => string.Create(CultureInfo.InvariantCulture, $"#{c.R:x2}{c.G:x2}{c.B:x2}");
}
