using System.Globalization;
using System.Text;

namespace DeepImaging.Interactive.Formatters;

/// <summary>
/// Draws a <see cref="Tensor"/> as HTML: small 1-D and 2-D tensors as a grid of values on a heat-map background,
/// larger 2-D tensors as an image with a colour bar, [C, H, W] and [N, C, H, W] as a labelled grid of maps, and
/// anything bigger as a summary. Every view carries the shape and min/max; NaN and infinities are marked distinctly.
/// </summary>
public static class TensorHtml
{
    /// <summary>2-D tensors up to this many rows and columns are drawn cell by cell, with their values.</summary>
    public const int MaxGridSide = 32;

    /// <summary>1-D tensors up to this length are drawn cell by cell (in rows of 16).</summary>
    public const int MaxGridLength = 1024;

    /// <summary>Images are downsampled (block means) to at most this many pixels per side, which bounds the HTML size.</summary>
    public const int MaxImageSide = 256;

    /// <summary>At most this many channels / feature maps are drawn for a 3-D or 4-D tensor.</summary>
    public const int MaxMaps = 64;

    private const int RowLength = 16;

    /// <summary>The HTML for <paramref name="tensor"/> (a self-contained fragment with its own styles).</summary>
    public static string Render(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var stats = TensorStats.Of(tensor.AsSpan());
        var scale = ColorScale.For(stats.Min, stats.Max);
        int[] shape = tensor.Shape;
        var body = new StringBuilder();
        string? note = null;
        switch (shape.Length)
        {
            case 0:
                AppendGrid(body, tensor.AsSpan(), 1, 1, scale, indices: false);
                break;
            case 1 when shape[0] <= MaxGridLength:
                AppendVector(body, tensor.AsSpan(), scale);
                break;
            case 1:
                AppendVectorEnds(body, tensor.AsSpan(), scale);
                note = $"showing the first and last 8 of {Html.Count(shape[0])} values";
                break;
            case 2 when shape[0] <= MaxGridSide && shape[1] <= MaxGridSide:
                AppendGrid(body, tensor.AsSpan(), shape[0], shape[1], scale, indices: true);
                break;
            case 2:
                note = AppendImage(body, tensor.AsSpan(), shape[0], shape[1], scale, MaxImageSide, displaySide: 320, label: null);
                body.Append(Html.ColorBar(scale, notes: ScaleNotes(scale)));
                break;
            case 3 or 4 when tensor.Count > 0:
                note = AppendMaps(body, tensor, scale);
                break;
            default:
                note = tensor.Count == 0 ? "empty" : "summary only: no picture for this rank";
                break;
        }
        var caption = new StringBuilder("Tensor ").Append(Html.Shape(shape)).Append(" · ").Append(stats.Describe());
        if (note is not null) caption.Append(" · ").Append(note);
        return Html.Document(Html.Caption(caption.ToString()) + body);
    }

    private static void AppendVector(StringBuilder sb, ReadOnlySpan<float> values, ColorScale scale)
    {
        if (values.Length <= 2 * RowLength)
        {
            AppendGrid(sb, values, 1, values.Length, scale, indices: true);
            return;
        }
        // Long vectors wrap into rows of 16, each row labelled with the index of its first value.
        sb.Append("<table class=\"di-grid\">");
        for (int start = 0; start < values.Length; start += RowLength)
        {
            sb.Append("<tr><th>").Append(start).Append("</th>");
            for (int i = start; i < Math.Min(start + RowLength, values.Length); i++)
                AppendCell(sb, values[i], scale, $"[{i}]");
            sb.Append("</tr>");
        }
        sb.Append("</table>");
    }

    private static void AppendVectorEnds(StringBuilder sb, ReadOnlySpan<float> values, ColorScale scale)
    {
        sb.Append("<table class=\"di-grid\"><tr>");
        for (int i = 0; i < 8; i++) AppendCell(sb, values[i], scale, $"[{i}]");
        sb.Append("<td>…</td>");
        for (int i = values.Length - 8; i < values.Length; i++) AppendCell(sb, values[i], scale, $"[{i}]");
        sb.Append("</tr></table>");
    }

    /// <summary>A rows x columns table of coloured value cells, optionally with row and column indices.</summary>
    internal static void AppendGrid(StringBuilder sb, ReadOnlySpan<float> values, int rows, int columns, ColorScale scale, bool indices)
    {
        sb.Append("<table class=\"di-grid\">");
        if (indices && rows > 1)
        {
            sb.Append("<tr><th></th>");
            for (int j = 0; j < columns; j++) sb.Append("<th>").Append(j).Append("</th>");
            sb.Append("</tr>");
        }
        for (int i = 0; i < rows; i++)
        {
            sb.Append("<tr>");
            if (indices && rows > 1) sb.Append("<th>").Append(i).Append("</th>");
            for (int j = 0; j < columns; j++)
                AppendCell(sb, values[i * columns + j], scale, rows > 1 ? $"[{i}, {j}]" : $"[{j}]");
            sb.Append("</tr>");
        }
        sb.Append("</table>");
    }

    private static void AppendCell(StringBuilder sb, float value, ColorScale scale, string index)
    {
        string text = Html.Number(value);
        string title = $"{index} = {value.ToString("R", CultureInfo.InvariantCulture)}";
        if (float.IsNaN(value))
            sb.Append("<td class=\"di-nan\" title=\"").Append(title).Append("\">NaN</td>");
        else if (float.IsInfinity(value))
            sb.Append("<td class=\"di-inf\" title=\"").Append(title).Append("\">").Append(value > 0 ? "+Inf" : "-Inf").Append("</td>");
        else
            sb.Append("<td style=\"background:").Append(scale.Background(value)).Append(";color:").Append(scale.Foreground(value))
              .Append("\" title=\"").Append(title).Append("\">").Append(text).Append("</td>");
    }

    /// <summary>One channel or feature map per figure, labelled, all on the tensor's common colour scale.</summary>
    private static string? AppendMaps(StringBuilder sb, Tensor tensor, ColorScale scale)
    {
        int[] shape = tensor.Shape;
        int samples = shape.Length == 4 ? shape[0] : 1, channels = shape[^3], height = shape[^2], width = shape[^1];
        int maps = samples * channels, shown = Math.Min(maps, MaxMaps);
        bool cells = height <= 8 && width <= 8 && shown <= 16;
        // Share a fixed pixel budget between the maps, so 64 feature maps cost no more than one big image.
        int side = Math.Clamp((int)(MaxImageSide / Math.Sqrt(shown)), 24, 128);
        int display = Math.Clamp(480 / (int)Math.Ceiling(Math.Sqrt(shown)), 64, 160);
        var values = tensor.AsSpan();
        string? downsampled = null;
        sb.Append("<div class=\"di-maps\">");
        for (int m = 0; m < shown; m++)
        {
            string label = shape.Length == 4 ? $"sample {m / channels}, channel {m % channels}" : $"channel {m}";
            var map = values.Slice(m * height * width, height * width);
            sb.Append("<figure>");
            if (cells) AppendGrid(sb, map, height, width, scale, indices: false);
            else downsampled = AppendImage(sb, map, height, width, scale, side, display, label);
            sb.Append("<figcaption>").Append(Html.Escape(label)).Append("</figcaption></figure>");
        }
        sb.Append("</div>");
        sb.Append(Html.ColorBar(scale, notes: ScaleNotes(scale)));
        var notes = new List<string>();
        if (shown < maps) notes.Add($"showing {shown} of {maps} maps");
        if (downsampled is not null) notes.Add(downsampled);
        return notes.Count == 0 ? null : string.Join(" · ", notes);
    }

    /// <summary>
    /// A height x width map as an inline PNG, downsampled by block means to at most <paramref name="maxSide"/> pixels per side
    /// and scaled up (pixelated) to about <paramref name="displaySide"/> CSS pixels. Returns a note when downsampled.
    /// </summary>
    private static string? AppendImage(StringBuilder sb, ReadOnlySpan<float> values, int height, int width, ColorScale scale, int maxSide, int displaySide, string? label)
    {
        var image = MapImage.Encode(values, height, width, scale, MapImage.FactorFor(height, width, maxSide));
        var (h, w) = (image.Height, image.Width);
        // Scaled up by a whole factor (crisp pixels); a very thin strip is stretched to stay visible.
        double zoom = Math.Max(1, Math.Floor((double)displaySide / Math.Max(h, w)));
        double displayWidth = Math.Max(16, w * zoom), displayHeight = Math.Max(16, h * zoom);
        string alt = label ?? $"{height}x{width} image";
        sb.Append(CultureInfo.InvariantCulture, $"<img class=\"di-img\" alt=\"{Html.Escape(alt)}\" width=\"{displayWidth}\" height=\"{displayHeight}\" src=\"{image.DataUri}\"/>");
        return image.Factor > 1 ? $"drawn at {h}x{w} ({image.Factor}x{image.Factor} block means)" : null;
    }

    /// <summary>What the colours of a tensor's scale mean beyond the bar itself: white is zero, magenta is not a number.</summary>
    internal static string[] ScaleNotes(ColorScale scale) =>
        scale.IsDiverging ? ["(white = 0)", "NaN/Inf: magenta"] : ["NaN/Inf: magenta"];
}
