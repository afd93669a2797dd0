using System.Globalization;
using System.Text;
using DeepImaging.Interactive.Charts;

namespace DeepImaging.Interactive.Formatters;

/// <summary>
/// Draws an <see cref="ImageGrid"/> as HTML: one figure per panel (a PNG data URI scaled up by a whole number, so pixels
/// stay square and crisp, its label below and, per-panel scales, its own colour bar) in a row that wraps at the page width.
/// </summary>
internal static class ImageGridHtml
{
    /// <summary>The HTML for <paramref name="grid"/>.</summary>
    public static string Render(ImageGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var panels = grid.Panels;
        int largest = panels.Max(p => Math.Max(p.Height, p.Width));
        // One block size and one zoom for all panels, so images of different sizes are drawn at the same scale. The
        // pixel budget shrinks with the number of panels, which bounds the HTML size.
        int factor = MapImage.FactorFor(largest, largest, Math.Clamp((int)(512 / Math.Sqrt(panels.Count)), 64, 256));
        int drawnLargest = (largest + factor - 1) / factor;
        int zoom = Math.Max(1, (grid.PanelSize ?? AutomaticSize(panels.Count, largest)) / drawnLargest);
        // Each figure is as wide as its image, but wide enough for a label and a colour bar with its two numbers.
        int figureWidth = Math.Max(panels.Max(p => (p.Width + factor - 1) / factor) * zoom, grid.SharedScale ? 64 : 150);

        var shared = grid.SharedScale ? SharedScale(panels) : null;
        var sb = new StringBuilder();
        sb.Append(Html.Caption(Caption(grid, factor)));
        sb.Append("<div class=\"di-maps\"");
        if (grid.Columns is { } columns)
            sb.Append(CultureInfo.InvariantCulture, $" style=\"max-width:{columns * (figureWidth + 10)}px\"");
        sb.Append('>');
        foreach (var panel in panels)
        {
            var scale = shared ?? ColorScale.For(panel.ColorRange.Min, panel.ColorRange.Max, panel.ColorMap);
            var image = MapImage.Encode(panel.Values, panel.Height, panel.Width, scale, factor);
            int width = image.Width * zoom, height = image.Height * zoom;
            sb.Append(CultureInfo.InvariantCulture, $"<figure class=\"di-panel\" style=\"width:{Math.Max(width, grid.SharedScale ? 0 : 150)}px\">")
              .Append(CultureInfo.InvariantCulture, $"<img class=\"di-img\" alt=\"{Html.Escape(panel.Label)}\" title=\"{Html.Escape(Tooltip(panel))}\" width=\"{width}\" height=\"{height}\" src=\"{image.DataUri}\"/>")
              .Append("<figcaption>").Append(Html.Escape(panel.Label)).Append("</figcaption>");
            if (shared is null)
                sb.Append(Html.ColorBar(scale, Math.Max(48, Math.Max(width, 150) - 80)));
            sb.Append("</figure>");
        }
        sb.Append("</div>");
        if (shared is not null)
            sb.Append(Html.ColorBar(shared, notes: TensorHtml.ScaleNotes(shared)));
        return Html.Document(sb.ToString());
    }

    // Small kernels are drawn big enough to see each weight; maps share a budget that shrinks as they get more numerous.
    private static int AutomaticSize(int count, int largest) =>
        largest <= 8 ? 96 : count <= 3 ? 256 : count <= 8 ? 208 : 160;

    /// <summary>One scale over every panel's colour range (blue-white-red around zero when the union has both signs).</summary>
    private static ColorScale SharedScale(IReadOnlyList<ImagePanel> panels) =>
        ColorScale.For(panels.Min(p => p.ColorRange.Min), panels.Max(p => p.ColorRange.Max), panels[0].ColorMap);

    private static string Caption(ImageGrid grid, int factor)
    {
        var panels = grid.Panels;
        var parts = new List<string>();
        if (grid.Title is not null) parts.Add(grid.Title);
        var sizes = panels.Select(p => $"{p.Height}x{p.Width}").Distinct().ToList();
        parts.Add($"{panels.Count} image{(panels.Count == 1 ? "" : "s")}, {string.Join(" / ", sizes)} pixels");
        parts.Add(grid.SharedScale ? "one colour scale for all" : "each image on its own colour scale");
        int border = panels.Max(p => p.IgnoreBorder);
        if (border > 0) parts.Add($"colours from inside a {border}-pixel border");
        if (panels.Any(p => p.MeaningfulRegion != (p.IgnoreBorder, p.IgnoreBorder, p.Height - p.IgnoreBorder, p.Width - p.IgnoreBorder)))
            parts.Add("zero edge rows and columns left out of the colour range");
        if (factor > 1) parts.Add($"drawn in {factor}x{factor} block means");
        return string.Join(" · ", parts);
    }

    private static string Tooltip(ImagePanel panel)
    {
        var text = $"{panel.Label}: {panel.Height}x{panel.Width}, values {Html.Number(panel.ValueRange.Min)} to {Html.Number(panel.ValueRange.Max)}";
        return panel.ColorRange == panel.ValueRange
            ? text
            : $"{text}; colours from {Html.Number(panel.ColorRange.Min)} to {Html.Number(panel.ColorRange.Max)} (outside values in the end colours)";
    }
}
