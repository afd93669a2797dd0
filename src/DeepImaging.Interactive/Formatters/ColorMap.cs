using System.Globalization;

namespace DeepImaging.Interactive.Formatters;

/// <summary>
/// A colour map: positions 0..1 to colours, given as stops (position, colour) with linear interpolation in RGB between
/// them. The course's figures use <see cref="Viridis"/> for one-signed data, <see cref="BlueWhiteRed"/> for signed data
/// (white at the middle, i.e. at zero on a symmetric scale) and <see cref="Grey"/> for photographs and scans.
/// </summary>
public sealed class ColorMap
{
    private readonly (double Position, (byte R, byte G, byte B) Color)[] stops;

    /// <summary>A colour map through <paramref name="stops"/>: positions rise from 0 to 1, colours are (R, G, B).</summary>
    /// <exception cref="ArgumentException">Fewer than two stops, or positions that do not rise from 0 to 1.</exception>
    public ColorMap(string name, IEnumerable<(double Position, (byte R, byte G, byte B) Color)> stops)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(stops);
        this.stops = [.. stops];
        if (this.stops.Length < 2 || this.stops[0].Position != 0 || this.stops[^1].Position != 1
            || this.stops.Zip(this.stops.Skip(1)).Any(p => p.Second.Position < p.First.Position))
            throw new ArgumentException($"ColorMap '{name}': give at least two stops whose positions rise from 0 to 1; got positions {string.Join(", ", this.stops.Select(s => s.Position.ToString(CultureInfo.InvariantCulture)))}.", nameof(stops));
        Name = name;
    }

    /// <summary>Evenly spaced stops from the first colour (position 0) to the last (position 1).</summary>
    public ColorMap(string name, params (byte R, byte G, byte B)[] colors)
        : this(name, colors.Select((c, i) => ((double)i / Math.Max(1, colors.Length - 1), c)))
    {
    }

    /// <summary>Dark purple through blue and green to yellow: matplotlib's perceptually uniform default, for one-signed data.</summary>
    public static ColorMap Viridis { get; } = new("viridis", (68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37));

    /// <summary>Blue, white, red (ColorBrewer RdBu reversed): for signed data on a scale symmetric around zero, so zero is white.</summary>
    public static ColorMap BlueWhiteRed { get; } = new("blue-white-red", (33, 102, 172), (146, 197, 222), (247, 247, 247), (244, 165, 130), (178, 24, 43));

    /// <summary>Black to white: for images whose values are intensities (a photograph's channel, a CT slice).</summary>
    public static ColorMap Grey { get; } = new("grey", (0, 0, 0), (255, 255, 255));

    /// <summary>The name, e.g. "viridis".</summary>
    public string Name { get; }

    /// <summary>The stops (position 0..1, colour).</summary>
    public IReadOnlyList<(double Position, (byte R, byte G, byte B) Color)> Stops => stops;

    /// <summary>The colour at <paramref name="position"/> (clamped to 0..1).</summary>
    public (byte R, byte G, byte B) At(double position)
    {
        double t = double.IsNaN(position) ? 0 : Math.Clamp(position, 0, 1);
        int i = 1;
        while (i < stops.Length - 1 && stops[i].Position < t) i++;
        var (p0, a) = stops[i - 1];
        var (p1, b) = stops[i];
        double f = p1 > p0 ? (t - p0) / (p1 - p0) : 0;
        return (Mix(a.R, b.R, f), Mix(a.G, b.G, f), Mix(a.B, b.B, f));
    }

    /// <summary>The 256-entry palette of this map (entry i is the colour at i / 255), e.g. for an indexed PNG.</summary>
    public (byte R, byte G, byte B)[] Palette(int entries = 256) =>
        [.. Enumerable.Range(0, entries).Select(i => At(i / (entries - 1.0)))];

    /// <summary>A CSS linear-gradient from left (position 0) to right (position 1), for a colour bar.</summary>
    public string CssGradient() =>
        "linear-gradient(to right," + string.Join(",", stops.Select(s => string.Create(CultureInfo.InvariantCulture, $"{Hex(s.Color)} {s.Position * 100:0.##}%"))) + ")";

    /// <summary>"#rrggbb".</summary>
    public static string Hex((byte R, byte G, byte B) c) => string.Create(CultureInfo.InvariantCulture, $"#{c.R:x2}{c.G:x2}{c.B:x2}");

    /// <summary>Near-black or white, whichever reads better as text on <paramref name="background"/>.</summary>
    public static string TextOn((byte R, byte G, byte B) background) =>
        0.299 * background.R + 0.587 * background.G + 0.114 * background.B > 140 ? "#111111" : "#ffffff";

    /// <inheritdoc/>
    public override string ToString() => $"ColorMap {Name} ({stops.Length} stops)";

    private static byte Mix(byte a, byte b, double f) => (byte)Math.Round(a + f * (b - a));
}
