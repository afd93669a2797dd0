using System.Globalization;
using DeepImaging.Data;

namespace DeepImaging.Explain;

/// <summary>
/// Attribution maps with the images they explain, made by <see cref="Attribution.Overlay"/>. In a notebook it is drawn
/// as each image in grey with its map as a heat map on top and one colour bar for all maps.
/// </summary>
public sealed class AttributionOverlay
{
    internal AttributionOverlay(Tensor image, Tensor map, string title)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(title);
        const string method = "Attribution.Overlay";
        if (map.Rank is not (2 or 3) || map.Count == 0)
            throw new ArgumentException($"{method}: map must be [H, W] or [N, H, W] but has shape {map.ShapeString}.", nameof(map));
        int h = map.Size(-2), w = map.Size(-1), n = map.Rank == 3 ? map.Size(0) : 1;
        if (image.Rank is < 2 or > 4 || image.Size(-2) != h || image.Size(-1) != w)
            throw new ArgumentException($"{method}: image {image.ShapeString} does not match map {map.ShapeString}; the image must be [H, W], [C, H, W] or [N, C, H, W] with the map's H x W = {h} x {w}.", nameof(image));
        var grey = image.Rank == 2 ? image : ImageOps.Greyscale(image);
        if (grey.Count != n * h * w)
            throw new ArgumentException($"{method}: {grey.Count / (h * w)} image(s) {image.ShapeString} but {n} map(s) {map.ShapeString}; give one map per image.", nameof(map));
        Image = Tensor.From(grey.ToArray(), n, h, w);
        Map = Tensor.From(map.ToArray(), n, h, w);
        Title = title;
    }

    /// <summary>The images in grey, [N, H, W] (a colour image is converted with <see cref="ImageOps.Greyscale"/>).</summary>
    public Tensor Image { get; }

    /// <summary>The maps, [N, H, W].</summary>
    public Tensor Map { get; }

    /// <summary>The caption.</summary>
    public string Title { get; }

    /// <summary>The title, the sizes, the range of the maps and where each map peaks.</summary>
    public override string ToString()
    {
        var values = Map.AsSpan();
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (float v in values)
            if (float.IsFinite(v))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        string range = min <= max ? $"from {ConvTrace.FormatNumber(min)} to {ConvTrace.FormatNumber(max)}" : "without finite values";
        var peaks = Attribution.Peaks(Map).Select((p, i) => $"image {i} at (row {p.Row}, column {p.Column})");
        return string.Create(CultureInfo.InvariantCulture,
            $"{Title}: {Map.Size(0)} map(s) of {Map.Size(1)}x{Map.Size(2)} {range}; peaks: {string.Join(", ", peaks)}");
    }
}
