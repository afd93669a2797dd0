using DeepImaging.Interactive.Formatters;

namespace DeepImaging.Interactive.Charts;

/// <summary>
/// One labelled image of an <see cref="ImageGrid"/>: a 2-D map of values (a feature map, a filter, an activation, a
/// scan) with the colour map it is drawn in. Its colour range comes from its <em>meaningful region</em>: the map without
/// <see cref="IgnoreBorder"/> pixels at each edge and without edge rows and columns that are entirely zero (padding added
/// to line maps up), so a padding border cannot flatten the colours of the rest. Values outside that range are drawn in
/// the end colours.
/// </summary>
public sealed class ImagePanel
{
    private readonly float[] values;

    /// <summary>A panel showing <paramref name="image"/> ([H, W], or [1, H, W]) under <paramref name="label"/>.</summary>
    /// <param name="image">The values; copied, so later changes to the tensor do not change the figure.</param>
    /// <param name="label">What the image is, e.g. "Sobel: vertical edges" or "filter 3".</param>
    /// <param name="colorMap">The colour map; null for blue-white-red around zero when the values have both signs, viridis otherwise.</param>
    /// <param name="ignoreBorder">
    /// Pixels at each edge left out of the colour range, e.g. 1 for the output of a 3 x 3 convolution with padding 1,
    /// whose outer ring saw the zero padding and can respond far more strongly than the image inside.
    /// </param>
    /// <exception cref="ArgumentException">The image is not 2-D, is empty, or the border leaves nothing inside.</exception>
    public ImagePanel(Tensor image, string label, ColorMap? colorMap = null, int ignoreBorder = 0)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(label);
        if (image.Rank == 3 && image.Size(0) == 1) image = image.Squeeze(0);
        if (image.Rank != 2)
            throw new ArgumentException($"ImagePanel '{label}': expected a 2-D image [H, W] (or [1, H, W]); got {image.ShapeString}. Select one channel first, e.g. maps.Select(0, c).", nameof(image));
        if (image.Count == 0)
            throw new ArgumentException($"ImagePanel '{label}': the image {image.ShapeString} is empty.", nameof(image));
        if (ignoreBorder < 0 || 2 * ignoreBorder >= Math.Min(image.Size(0), image.Size(1)))
            throw new ArgumentException($"ImagePanel '{label}': ignoreBorder {ignoreBorder} must be at least 0 and leave pixels inside a {image.Size(0)}x{image.Size(1)} image (at most {(Math.Min(image.Size(0), image.Size(1)) - 1) / 2}).", nameof(ignoreBorder));
        Label = label;
        Height = image.Size(0);
        Width = image.Size(1);
        ColorMap = colorMap;
        IgnoreBorder = ignoreBorder;
        values = image.ToArray();
        var all = TensorStats.Of(values);
        ValueRange = (all.Min, all.Max);
        MeaningfulRegion = FindMeaningfulRegion();
        ColorRange = RangeOf(MeaningfulRegion);
    }

    /// <summary>The label shown under the image.</summary>
    public string Label { get; }

    /// <summary>Rows of the image.</summary>
    public int Height { get; }

    /// <summary>Columns of the image.</summary>
    public int Width { get; }

    /// <summary>The colour map, or null for the automatic choice (blue-white-red for signed values, viridis otherwise).</summary>
    public ColorMap? ColorMap { get; }

    /// <summary>Pixels at each edge left out of the colour range.</summary>
    public int IgnoreBorder { get; }

    /// <summary>The smallest and largest finite value of the whole image (0, 0 when none is finite).</summary>
    public (double Min, double Max) ValueRange { get; }

    /// <summary>The rows [Top, Bottom) and columns [Left, Right) whose values set the colour range.</summary>
    public (int Top, int Left, int Bottom, int Right) MeaningfulRegion { get; }

    /// <summary>The smallest and largest finite value inside <see cref="MeaningfulRegion"/>: the panel's own colour range.</summary>
    public (double Min, double Max) ColorRange { get; }

    /// <summary>The values, row by row.</summary>
    internal ReadOnlySpan<float> Values => values;

    /// <inheritdoc/>
    public override string ToString() => $"{Label} [{Height}, {Width}]";

    // Inside the ignored border, then without edge rows and columns that are all exactly zero (the padding that lines up
    // maps of different sizes, or a zero frame); a map that is zero everywhere keeps the whole inside.
    private (int Top, int Left, int Bottom, int Right) FindMeaningfulRegion()
    {
        int top = IgnoreBorder, left = IgnoreBorder, bottom = Height - IgnoreBorder, right = Width - IgnoreBorder;
        bool RowIsZero(int i, int l, int r) { for (int j = l; j < r; j++) if (values[i * Width + j] != 0) return false; return true; }
        bool ColumnIsZero(int j, int t, int b) { for (int i = t; i < b; i++) if (values[i * Width + j] != 0) return false; return true; }
        int t = top, l = left, b = bottom, r = right;
        while (t < b && RowIsZero(t, l, r)) t++;
        while (b > t && RowIsZero(b - 1, l, r)) b--;
        while (l < r && ColumnIsZero(l, t, b)) l++;
        while (r > l && ColumnIsZero(r - 1, t, b)) r--;
        return t < b && l < r ? (t, l, b, r) : (top, left, bottom, right);
    }

    private (double Min, double Max) RangeOf((int Top, int Left, int Bottom, int Right) region)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (int i = region.Top; i < region.Bottom; i++)
            for (int j = region.Left; j < region.Right; j++)
            {
                float v = values[i * Width + j];
                if (!float.IsFinite(v)) continue;
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        return min <= max ? (min, max) : (0, 0);
    }
}
