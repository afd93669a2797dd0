using System.Globalization;
using System.Text;

namespace DeepImaging.Interactive.Formatters;

/// <summary>Draws a <see cref="NetworkDiagram"/> as inline SVG: circles and lines for small dense networks, blocks otherwise.</summary>
public static class NetworkDiagramHtml
{
    private const int ColumnGap = 150, NodeGap = 46, Radius = 17, Margin = 30;

    // Input, hidden and output colours (fills light, strokes dark, text set explicitly so both themes read well).
    private static readonly (string Fill, string Stroke)[] Palette = [("#dbeafe", "#2563eb"), ("#fde68a", "#d97706"), ("#d1fae5", "#059669")];

    /// <summary>The HTML (an SVG with a caption) for <paramref name="diagram"/>.</summary>
    public static string Render(NetworkDiagram diagram)
    {
        ArgumentNullException.ThrowIfNull(diagram);
        long parameters = diagram.Layers.Sum(l => l.Parameters);
        string caption = $"{(diagram.DrawsNodes ? "Network" : "Network (layer blocks)")}: {string.Join(" → ", diagram.Layers.Select(l => l.DrawsAs()))} · {Html.Count(parameters)} parameters";
        string svg = diagram.DrawsNodes ? Nodes(diagram) : Blocks(diagram);
        return Html.Document(svg + Html.Caption(caption));
    }

    private static string DrawsAs(this NetworkLayer layer) => layer.Shape.Length <= 2 ? layer.Width.ToString(CultureInfo.InvariantCulture) : Html.Shape(layer.Shape[1..]);

    private static (string Fill, string Stroke) Colors(int layer, int count) => Palette[layer == 0 ? 0 : layer == count - 1 ? 2 : 1];

    private static string Nodes(NetworkDiagram diagram)
    {
        var layers = diagram.Layers;
        int tallest = layers.Max(l => l.Width);
        int width = 2 * Margin + (layers.Count - 1) * ColumnGap + 40, height = 2 * Margin + (tallest - 1) * NodeGap + 44;
        double X(int layer) => Margin + 20 + layer * ColumnGap;
        double Y(int layer, int node) => Margin + (tallest - layers[layer].Width) * NodeGap / 2.0 + node * NodeGap;

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\">");
        // Edges first, so the nodes are drawn over their ends.
        for (int l = 0; l + 1 < layers.Count; l++)
            for (int i = 0; i < layers[l].Width; i++)
                for (int j = 0; j < layers[l + 1].Width; j++)
                    sb.Append(CultureInfo.InvariantCulture, $"<line class=\"edge\" x1=\"{X(l):0.#}\" y1=\"{Y(l, i):0.#}\" x2=\"{X(l + 1):0.#}\" y2=\"{Y(l + 1, j):0.#}\" stroke=\"#8b8b8b\" stroke-opacity=\"0.6\" stroke-width=\"1.2\"/>");
        for (int l = 0; l < layers.Count; l++)
        {
            var (fill, stroke) = Colors(l, layers.Count);
            for (int i = 0; i < layers[l].Width; i++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<circle class=\"node\" cx=\"{X(l):0.#}\" cy=\"{Y(l, i):0.#}\" r=\"{Radius}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.5\"/>");
                sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(l):0.#}\" y=\"{Y(l, i) + 4:0.#}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#111111\">{Html.Escape(layers[l].NodeLabels[i])}</text>");
            }
            // Two caption lines under each column: its role, then the layer type (currentColor follows the theme).
            string role = l == 0 ? "input" : l == layers.Count - 1 ? "output" : layers.Count > 3 ? $"hidden {l}" : "hidden";
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(l):0.#}\" y=\"{height - 22}\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"600\" fill=\"currentColor\" opacity=\"0.8\">{role}</text>");
            if (l > 0)
                sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(l):0.#}\" y=\"{height - 8}\" text-anchor=\"middle\" font-size=\"10\" fill=\"currentColor\" opacity=\"0.65\">{Html.Escape(layers[l].Title)}</text>");
        }
        return sb.Append("</svg>").ToString();
    }

    private const int BlockWidth = 300, BlockHeight = 50, BlockGap = 22;

    private static string Blocks(NetworkDiagram diagram)
    {
        var layers = diagram.Layers;
        int width = BlockWidth + 2 * Margin, height = Margin + layers.Count * (BlockHeight + BlockGap) - BlockGap + 10;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\">");
        sb.Append("<defs><marker id=\"di-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#8b8b8b\"/></marker></defs>");
        for (int l = 0; l < layers.Count; l++)
        {
            var layer = layers[l];
            var (fill, stroke) = Colors(l, layers.Count);
            int top = 15 + l * (BlockHeight + BlockGap);
            if (l > 0)
                sb.Append(CultureInfo.InvariantCulture, $"<line class=\"arrow\" x1=\"{width / 2}\" y1=\"{top - BlockGap}\" x2=\"{width / 2}\" y2=\"{top - 2}\" stroke=\"#8b8b8b\" stroke-width=\"1.5\" marker-end=\"url(#di-arrow)\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"block\" x=\"{Margin}\" y=\"{top}\" width=\"{BlockWidth}\" height=\"{BlockHeight}\" rx=\"6\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.5\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin + 12}\" y=\"{top + 20}\" font-size=\"13\" font-weight=\"600\" fill=\"#111111\">{Html.Escape(layer.Title)}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<text class=\"shape\" x=\"{Margin + BlockWidth - 12}\" y=\"{top + 20}\" font-size=\"12\" text-anchor=\"end\" fill=\"#111111\">{Html.Shape(layer.Shape)}</text>");
            string detail = l == 0 ? $"{Html.Count(layer.Shape.Aggregate(1L, (a, b) => a * b))} values" : layer.Parameters > 0 ? $"{Html.Count(layer.Parameters)} parameters" : "no parameters";
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin + 12}\" y=\"{top + 39}\" font-size=\"11\" fill=\"#374151\">{detail}</text>");
        }
        return sb.Append("</svg>").ToString();
    }
}
