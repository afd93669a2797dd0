using System.Globalization;
using System.Text;
using System.Text.Json;
using static DeepImaging.Interactive.Formatters.PlotlyJson;

namespace DeepImaging.Interactive.Formatters;

/// <summary>
/// A static SVG drawing of a Plotly figure (its <c>data</c> and <c>layout</c> JSON), for places where no JavaScript runs
/// (GitHub's notebook view, a mail client, a page whose scripts are blocked). It draws what the course's charts use:
/// scatter traces (lines, markers, text), heat maps (with colour bar and cell values), subplots on a layout grid or with
/// explicit domains, titles, axis titles, annotations and the legend, in the look of Plotly's default template. Other
/// trace types are named in a note instead of drawn. Plotly replaces the drawing with the interactive chart where it runs.
/// </summary>
internal sealed partial class ChartSvg
{
    private const string FontFamily = "'Open Sans', verdana, arial, sans-serif";
    private static readonly string[] DefaultColorway = ["#636efa", "#EF553B", "#00cc96", "#ab63fa", "#FFA15A", "#19d3f3", "#FF6692", "#B6E880", "#FF97FF", "#FECB52"];

    private readonly JsonElement layout;
    private readonly JsonElement[] traces;
    private readonly StringBuilder svg = new();
    private readonly double width, height;
    private readonly string fontColor, plotBackground, paperBackground;
    private readonly string[] colorway;
    private (double Left, double Top, double Right, double Bottom) plotArea;

    private ChartSvg(JsonElement figure)
    {
        layout = figure.TryGetProperty("layout", out var l) && l.ValueKind == JsonValueKind.Object ? l : default;
        traces = figure.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Array ? [.. d.EnumerateArray()] : [];
        width = Number(layout, "width") ?? 700;
        height = Number(layout, "height") ?? 450;
        var template = Path(layout, "template", "layout");
        fontColor = Text(Path(layout, "font"), "color") ?? Text(Path(template, "font"), "color") ?? "#444444";
        plotBackground = Text(layout, "plot_bgcolor") ?? Text(template, "plot_bgcolor") ?? "#ffffff";
        paperBackground = Text(layout, "paper_bgcolor") ?? Text(template, "paper_bgcolor") ?? "#ffffff";
        var way = Path(layout, "colorway").ValueKind == JsonValueKind.Array ? Path(layout, "colorway") : Path(template, "colorway");
        colorway = way.ValueKind == JsonValueKind.Array ? [.. way.EnumerateArray().Select(c => c.GetString() ?? "#444444")] : DefaultColorway;
    }

    /// <summary>The SVG for a figure given as Plotly JSON (an object with "data" and "layout").</summary>
    public static string Render(JsonElement figure) => new ChartSvg(figure).Draw();

    private string Draw()
    {
        var legend = LegendEntries();
        bool horizontalLegend = Text(Path(layout, "legend"), "orientation") == "h";
        var bars = traces.Where(t => Type(t) == "heatmap" && Bool(t, "showscale") != false).ToList();
        // Plotly widens the right margin to make room for a vertical legend and colour bars beside the plot.
        double left = Number(Path(layout, "margin"), "l") ?? 80, right = Number(Path(layout, "margin"), "r") ?? 80;
        double top = Number(Path(layout, "margin"), "t") ?? 100, bottom = Number(Path(layout, "margin"), "b") ?? 80;
        double besides = 0;
        if (legend.Count > 0 && !horizontalLegend && (Number(Path(layout, "legend"), "x") ?? 1.02) >= 1)
            besides = Math.Max(besides, 30 + legend.Max(e => e.Name.Length) * 7);
        if (bars.Count > 0) besides = Math.Max(besides, 110);
        right = Math.Max(right, besides + 20);
        plotArea = (left, top, width - right, height - bottom);

        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"di-chart-svg\" width=\"{width:0}\" height=\"{height:0}\" viewBox=\"0 0 {width:0} {height:0}\" font-family=\"{FontFamily}\" font-size=\"12\" fill=\"{Attr(fontColor)}\" role=\"img\">"));
        string? title = Text(Path(layout, "title"), "text");
        if (title is not null) svg.Append("<title>").Append(Html.Escape(title)).Append("</title>");
        svg.Append(Invariant($"<rect width=\"{width:0}\" height=\"{height:0}\" fill=\"{Attr(paperBackground)}\"/>"));

        var subplots = traces.Select(t => (X: Text(t, "xaxis") ?? "x", Y: Text(t, "yaxis") ?? "y")).Distinct().ToList();
        foreach (var (xId, yId) in subplots)
            DrawSubplot(xId, yId);
        var unsupported = traces.Select(Type).Where(t => t is not ("scatter" or "heatmap")).Distinct().ToList();
        if (unsupported.Count > 0)
            Label((plotArea.Left + plotArea.Right) / 2, (plotArea.Top + plotArea.Bottom) / 2, $"(no static drawing of {string.Join(", ", unsupported)} traces: open the page where JavaScript runs)", "middle", 12, italic: true);

        DrawAnnotations();
        if (title is not null)
        {
            double titleX = Number(Path(layout, "title"), "x") ?? Number(Path(layout, "template", "layout", "title"), "x") ?? 0.5;
            Label(titleX * width, Math.Max(20, plotArea.Top / 2), title, titleX < 0.3 ? "start" : titleX > 0.7 ? "end" : "middle", 17);
        }
        double barX = plotArea.Right + 0.02 * (plotArea.Right - plotArea.Left);
        foreach (var bar in bars)
            DrawColorBar(bar, barX);
        if (legend.Count > 0)
            DrawLegend(legend, horizontalLegend);
        return svg.Append("</svg>").ToString();
    }

    // ---- subplots and axes ----

    private void DrawSubplot(string xId, string yId)
    {
        var xAxis = Axis(xId);
        var yAxis = Axis(yId);
        var (x0, x1) = Domain(xAxis, xId, horizontal: true);
        var (y0, y1) = Domain(yAxis, yId, horizontal: false);
        double plotWidth = plotArea.Right - plotArea.Left, plotHeight = plotArea.Bottom - plotArea.Top;
        var box = (Left: plotArea.Left + x0 * plotWidth, Right: plotArea.Left + x1 * plotWidth, Top: plotArea.Bottom - y1 * plotHeight, Bottom: plotArea.Bottom - y0 * plotHeight);
        var mine = traces.Where(t => (Text(t, "xaxis") ?? "x") == xId && (Text(t, "yaxis") ?? "y") == yId).ToList();
        var xScale = ChartScale.For(xAxis, mine, "x", box.Left, box.Right);
        var yScale = ChartScale.For(yAxis, mine, "y", box.Bottom, box.Top);

        svg.Append(Invariant($"<rect x=\"{box.Left:0.#}\" y=\"{box.Top:0.#}\" width=\"{box.Right - box.Left:0.#}\" height=\"{box.Bottom - box.Top:0.#}\" fill=\"{Attr(plotBackground)}\"/>"));
        foreach (var (value, text) in xScale.Ticks((box.Right - box.Left) / 90))
        {
            double px = xScale.MapPosition(value);
            svg.Append(Invariant($"<line x1=\"{px:0.#}\" y1=\"{box.Top:0.#}\" x2=\"{px:0.#}\" y2=\"{box.Bottom:0.#}\" stroke=\"#ffffff\" stroke-width=\"1\"/>"));
            Label(px, box.Bottom + 16, text, "middle", 12);
        }
        foreach (var (value, text) in yScale.Ticks((box.Bottom - box.Top) / 50))
        {
            double py = yScale.MapPosition(value);
            svg.Append(Invariant($"<line x1=\"{box.Left:0.#}\" y1=\"{py:0.#}\" x2=\"{box.Right:0.#}\" y2=\"{py:0.#}\" stroke=\"#ffffff\" stroke-width=\"1\"/>"));
            Label(box.Left - 6, py + 4, text, "end", 12);
        }
        // Data is clipped to the plot box, as Plotly does.
        string clip = "di-clip-" + Guid.NewGuid().ToString("N")[..10];
        svg.Append(Invariant($"<clipPath id=\"{clip}\"><rect x=\"{box.Left:0.#}\" y=\"{box.Top:0.#}\" width=\"{box.Right - box.Left:0.#}\" height=\"{box.Bottom - box.Top:0.#}\"/></clipPath><g clip-path=\"url(#{clip})\">"));
        foreach (var trace in mine.Where(t => Type(t) == "heatmap"))
            DrawHeatmap(trace, xScale, yScale);
        foreach (var trace in mine.Where(t => Type(t) == "scatter"))
            DrawScatter(trace, xScale, yScale);
        svg.Append("</g>");

        if (Text(Path(xAxis, "title"), "text") is { } xTitle)
            Label((box.Left + box.Right) / 2, box.Bottom + 44, xTitle, "middle", 14);
        if (Text(Path(yAxis, "title"), "text") is { } yTitle)
            svg.Append(Invariant($"<text transform=\"translate({box.Left - 52:0.#},{(box.Top + box.Bottom) / 2:0.#}) rotate(-90)\" text-anchor=\"middle\" font-size=\"14\">{Html.Escape(yTitle)}</text>"));
    }

    private JsonElement Axis(string id) => Path(layout, (id[0] == 'x' ? "xaxis" : "yaxis") + id[1..]);

    /// <summary>The axis' domain: its own, else its cell of the layout grid (Plotly's gaps: 0.2 of a column, 0.3 of a row), else 0..1.</summary>
    private (double From, double To) Domain(JsonElement axis, string id, bool horizontal)
    {
        if (Path(axis, "domain") is { ValueKind: JsonValueKind.Array } domain && domain.GetArrayLength() == 2)
            return (domain[0].GetDouble(), domain[1].GetDouble());
        var grid = Path(layout, "grid");
        int rows = (int)(Number(grid, "rows") ?? 1), columns = (int)(Number(grid, "columns") ?? 1);
        if (rows * columns <= 1) return (0, 1);
        int index = (id.Length > 1 ? int.Parse(id[1..], CultureInfo.InvariantCulture) : 1) - 1;
        int count = horizontal ? columns : rows, cell = horizontal ? index % columns : index / columns;
        double gap = horizontal ? 0.2 : 0.3, step = 1 / (count - gap);
        if (!horizontal && Text(grid, "roworder") != "bottom to top") cell = count - 1 - cell;
        return (cell * step, (cell + 1 - gap) * step);
    }

    // ---- traces ----

    private void DrawScatter(JsonElement trace, ChartScale xScale, ChartScale yScale)
    {
        var xs = Values(trace, "x");
        var ys = Values(trace, "y");
        int n = Math.Min(xs.Count, ys.Count);
        string mode = Text(trace, "mode") ?? "lines+markers";
        string color = TraceColor(trace);
        var points = Enumerable.Range(0, n).Select(i => (X: xScale.Position(xs[i]), Y: yScale.Position(ys[i])))
            .Select(p => (X: xScale.MapPosition(p.X), Y: yScale.MapPosition(p.Y))).ToList();
        if (mode.Contains("lines"))
        {
            string dash = Text(Path(trace, "line"), "dash") switch { "dash" => " stroke-dasharray=\"9,9\"", "dot" => " stroke-dasharray=\"3,3\"", _ => "" };
            double lineWidth = Number(Path(trace, "line"), "width") ?? 2;
            // A missing value breaks the line, as in Plotly.
            foreach (var segment in Segments(points))
                svg.Append(Invariant($"<polyline fill=\"none\" stroke=\"{Attr(color)}\" stroke-width=\"{lineWidth:0.#}\"{dash} points=\"{string.Join(" ", segment.Select(p => Invariant($"{p.X:0.#},{p.Y:0.#}")))}\"/>"));
        }
        if (mode.Contains("markers"))
        {
            var marker = Path(trace, "marker");
            double size = Number(marker, "size") ?? 6;
            string fill = Text(marker, "color") ?? color;
            string outline = Text(Path(marker, "line"), "color") is { } lineColor
                ? Invariant($" stroke=\"{Attr(lineColor)}\" stroke-width=\"{Number(Path(marker, "line"), "width") ?? 1:0.#}\"") : "";
            bool star = Text(marker, "symbol") == "star";
            foreach (var (x, y) in points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)))
                svg.Append(star
                    ? Invariant($"<polygon points=\"{StarPoints(x, y, size / 2 + 1)}\" fill=\"{Attr(fill)}\"{outline}/>")
                    : Invariant($"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"{size / 2:0.#}\" fill=\"{Attr(fill)}\"{outline}/>"));
        }
        if (mode.Contains("text") && Path(trace, "text") is { ValueKind: JsonValueKind.Array } texts)
            for (int i = 0; i < Math.Min(n, texts.GetArrayLength()); i++)
                if (double.IsFinite(points[i].X) && double.IsFinite(points[i].Y))
                    Label(points[i].X, points[i].Y - (Number(Path(trace, "marker"), "size") ?? 6) / 2 - 5, texts[i].ToString(), "middle", 13, bold: true);
    }

    private void DrawHeatmap(JsonElement trace, ChartScale xScale, ChartScale yScale)
    {
        var z = Path(trace, "z");
        if (z.ValueKind != JsonValueKind.Array || z.GetArrayLength() == 0) return;
        var rows = z.EnumerateArray().Select(r => r.ValueKind == JsonValueKind.Array ? r.EnumerateArray().Select(AsDouble).ToArray() : []).ToArray();
        int ny = rows.Length, nx = rows.Max(r => r.Length);
        var finite = rows.SelectMany(r => r).Where(double.IsFinite).DefaultIfEmpty(0).ToArray();
        double zMin = Number(trace, "zmin") ?? finite.Min(), zMax = Number(trace, "zmax") ?? finite.Max();
        var map = HeatmapColors(trace);
        var scale = ColorScale.For(zMin, zMax, map);

        // Cell edges in data positions: halfway between neighbouring centres (categories sit at 0, 1, 2, ...).
        var xEdges = Edges(xScale, Values(trace, "x"), nx);
        var yEdges = Edges(yScale, Values(trace, "y"), ny);
        double left = xScale.MapPosition(xEdges[0]), right = xScale.MapPosition(xEdges[^1]);
        double first = yScale.MapPosition(yEdges[0]), last = yScale.MapPosition(yEdges[^1]);
        bool firstRowOnTop = first < last;
        var pixels = new float[ny * nx];
        for (int i = 0; i < ny; i++)
            for (int j = 0; j < nx; j++)
                pixels[i * nx + j] = j < rows[firstRowOnTop ? i : ny - 1 - i].Length ? (float)rows[firstRowOnTop ? i : ny - 1 - i][j] : float.NaN;
        var image = MapImage.Encode(pixels, ny, nx, scale, 1);
        double opacity = Number(trace, "opacity") ?? 1;
        svg.Append(Invariant($"<image x=\"{Math.Min(left, right):0.#}\" y=\"{Math.Min(first, last):0.#}\" width=\"{Math.Abs(right - left):0.#}\" height=\"{Math.Abs(last - first):0.#}\" preserveAspectRatio=\"none\" opacity=\"{opacity:0.##}\" style=\"image-rendering:pixelated\" href=\"{image.DataUri}\"/>"));

        if (Text(trace, "texttemplate") is { } template && template.Contains("%{z}"))
            for (int i = 0; i < ny; i++)
                for (int j = 0; j < rows[i].Length; j++)
                {
                    double cx = xScale.MapPosition((xEdges[j] + xEdges[j + 1]) / 2), cy = yScale.MapPosition((yEdges[i] + yEdges[i + 1]) / 2);
                    string value = template.Replace("%{z}", Html.Number(rows[i][j]));
                    svg.Append(Invariant($"<text x=\"{cx:0.#}\" y=\"{cy + 5:0.#}\" text-anchor=\"middle\" font-size=\"14\" fill=\"{ColorScaleText(scale, rows[i][j])}\">{Html.Escape(value)}</text>"));
                }
    }

    private static string ColorScaleText(ColorScale scale, double value) => double.IsFinite(value) ? scale.Foreground(value) : "#111111";

    private static double[] Edges(ChartScale scale, List<JsonElement> centres, int count)
    {
        var positions = Enumerable.Range(0, count).Select(i => i < centres.Count ? scale.Position(centres[i]) : i).ToArray();
        var edges = new double[count + 1];
        for (int i = 1; i < count; i++) edges[i] = (positions[i - 1] + positions[i]) / 2;
        double firstStep = count > 1 ? positions[1] - positions[0] : 1, lastStep = count > 1 ? positions[^1] - positions[^2] : 1;
        edges[0] = positions[0] - firstStep / 2;
        edges[count] = positions[^1] + lastStep / 2;
        return edges;
    }

    // ---- helpers ----

    private string TraceColor(JsonElement trace) =>
        Text(Path(trace, "line"), "color") ?? Text(Path(trace, "marker"), "color") ?? colorway[Array.IndexOf(traces, trace) % colorway.Length];

    private static IEnumerable<List<(double X, double Y)>> Segments(List<(double X, double Y)> points)
    {
        var segment = new List<(double X, double Y)>();
        foreach (var p in points)
        {
            if (double.IsFinite(p.X) && double.IsFinite(p.Y)) { segment.Add(p); continue; }
            if (segment.Count > 1) yield return segment;
            segment = [];
        }
        if (segment.Count > 1) yield return segment;
    }

    private void Label(double x, double y, string text, string anchor, double size, bool italic = false, bool bold = false) =>
        svg.Append(Invariant($"<text x=\"{x:0.#}\" y=\"{y:0.#}\" text-anchor=\"{anchor}\" font-size=\"{size:0.#}\"{(italic ? " font-style=\"italic\"" : "")}{(bold ? " font-weight=\"bold\"" : "")}>{Html.Escape(text)}</text>"));

    private static string Attr(string value) => Html.Escape(value);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
