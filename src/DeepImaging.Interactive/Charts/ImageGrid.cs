using DeepImaging.Interactive.Formatters;

namespace DeepImaging.Interactive.Charts;

/// <summary>
/// A figure of labelled images (feature maps, filters, activations, scans) that the extension draws itself as static
/// PNG images: it needs no JavaScript and no network, so it shows the same in Jupyter, VS Code, GitHub, nbconvert's
/// HTML and the published course. Pixels are square (every image is scaled by the same whole number), the grid wraps
/// at the page width, and each image's colours span its meaningful region (see <see cref="ImagePanel"/>).
/// Make one with <see cref="Charts.FeatureMaps"/>, <see cref="Charts.Filters(Tensor, IEnumerable{string}?, int?)"/> or
/// <see cref="Charts.Images"/>, or from your own panels; a notebook displays it as HTML (<see cref="ToHtml"/>).
/// </summary>
public sealed class ImageGrid
{
    /// <summary>The most panels one grid draws.</summary>
    public const int MaxPanels = 64;

    /// <summary>A grid of <paramref name="panels"/>.</summary>
    /// <param name="panels">The images, in reading order (1 to <see cref="MaxPanels"/>).</param>
    /// <param name="title">A line above the grid; null for none.</param>
    /// <param name="columns">At most this many images per row (fewer when the page is narrower); null to fill the page width.</param>
    /// <param name="sharedScale">
    /// True to draw every image on one colour scale (to compare magnitudes, e.g. the filters of one layer); false to give
    /// each image its own (to see the structure of each, e.g. the responses of different kernels).
    /// </param>
    /// <param name="panelSize">The longest side, in CSS pixels, of the largest image; null to choose from the number of images.</param>
    /// <exception cref="ArgumentException">No panels, more than <see cref="MaxPanels"/>, or a bad column count or size.</exception>
    public ImageGrid(IEnumerable<ImagePanel> panels, string? title = null, int? columns = null, bool sharedScale = false, int? panelSize = null)
    {
        ArgumentNullException.ThrowIfNull(panels);
        Panels = [.. panels];
        if (Panels.Count is 0 or > MaxPanels)
            throw new ArgumentException($"ImageGrid: give 1 to {MaxPanels} panels; got {Panels.Count}.", nameof(panels));
        if (Panels.Any(p => p is null))
            throw new ArgumentException("ImageGrid: a panel is null.", nameof(panels));
        if (columns is < 1)
            throw new ArgumentException($"ImageGrid: columns must be at least 1 (or null to fill the page width); got {columns}.", nameof(columns));
        if (panelSize is < 16 or > 1024)
            throw new ArgumentException($"ImageGrid: panelSize must be from 16 to 1024 CSS pixels (or null); got {panelSize}.", nameof(panelSize));
        Title = title;
        Columns = columns;
        SharedScale = sharedScale;
        PanelSize = panelSize;
    }

    /// <summary>The images, in reading order.</summary>
    public IReadOnlyList<ImagePanel> Panels { get; }

    /// <summary>The line above the grid, or null.</summary>
    public string? Title { get; }

    /// <summary>At most this many images per row, or null to fill the page width.</summary>
    public int? Columns { get; }

    /// <summary>True when all images share one colour scale; false when each has its own.</summary>
    public bool SharedScale { get; }

    /// <summary>The longest side, in CSS pixels, of the largest image, or null for the automatic size.</summary>
    public int? PanelSize { get; }

    /// <summary>The figure as a self-contained HTML fragment (its own styles, images as PNG data URIs, no scripts).</summary>
    public string ToHtml() => ImageGridHtml.Render(this);

    /// <summary>One line: the title, the number of images and their labels.</summary>
    public override string ToString() =>
        $"{Title ?? "ImageGrid"}: {Panels.Count} image{(Panels.Count == 1 ? "" : "s")} ({string.Join("; ", Panels)})";
}
