using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DeepImaging.Interactive.Formatters;

/// <summary>
/// A static SVG drawing of a Plotly figure (its <c>data</c> and <c>layout</c> JSON), for places where no JavaScript runs
/// (GitHub's notebook view, a mail client, a page whose scripts are blocked). It draws what the course's charts use:
/// scatter traces (lines, markers, text), heat maps (with colour bar and cell values), subplots on a layout grid or with
/// explicit domains, titles, axis titles, annotations and the legend, in the look of Plotly's default template. Other
/// trace types are named in a note instead of drawn. Plotly replaces the drawing with the interactive chart where it runs.
/// </summary>
internal sealed class ChartSvg
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
        var xScale = Scale.For(xAxis, mine, "x", box.Left, box.Right);
        var yScale = Scale.For(yAxis, mine, "y", box.Bottom, box.Top);

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

    private void DrawScatter(JsonElement trace, Scale xScale, Scale yScale)
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

    private void DrawHeatmap(JsonElement trace, Scale xScale, Scale yScale)
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

    private static double[] Edges(Scale scale, List<JsonElement> centres, int count)
    {
        var positions = Enumerable.Range(0, count).Select(i => i < centres.Count ? scale.Position(centres[i]) : i).ToArray();
        var edges = new double[count + 1];
        for (int i = 1; i < count; i++) edges[i] = (positions[i - 1] + positions[i]) / 2;
        double firstStep = count > 1 ? positions[1] - positions[0] : 1, lastStep = count > 1 ? positions[^1] - positions[^2] : 1;
        edges[0] = positions[0] - firstStep / 2;
        edges[count] = positions[^1] + lastStep / 2;
        return edges;
    }

    private void DrawColorBar(JsonElement trace, double x)
    {
        var finite = Path(trace, "z").ValueKind == JsonValueKind.Array
            ? Path(trace, "z").EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Array).SelectMany(r => r.EnumerateArray().Select(AsDouble)).Where(double.IsFinite).DefaultIfEmpty(0).ToArray()
            : [0.0];
        double zMin = Number(trace, "zmin") ?? finite.Min(), zMax = Number(trace, "zmax") ?? finite.Max();
        var map = HeatmapColors(trace);
        double top = plotArea.Top, bottom = plotArea.Bottom, thickness = 24;
        string gradient = "di-bar-" + Guid.NewGuid().ToString("N")[..10];
        svg.Append(Invariant($"<defs><linearGradient id=\"{gradient}\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">"));
        foreach (var (position, color) in map.Stops)
            svg.Append(Invariant($"<stop offset=\"{position:0.###}\" stop-color=\"{ColorMap.Hex(color)}\"/>"));
        svg.Append(Invariant($"</linearGradient></defs><rect x=\"{x:0.#}\" y=\"{top:0.#}\" width=\"{thickness}\" height=\"{bottom - top:0.#}\" fill=\"url(#{gradient})\"/>"));
        var axis = Scale.Linear(zMin, zMax, bottom, top);
        var colorbar = Path(trace, "colorbar");
        var ticks = Path(colorbar, "tickvals") is { ValueKind: JsonValueKind.Array } values && Path(colorbar, "ticktext") is { ValueKind: JsonValueKind.Array } texts
            ? values.EnumerateArray().Zip(texts.EnumerateArray(), (v, t) => (Value: AsDouble(v), Text: t.GetString() ?? "")).ToList()
            : [.. axis.Ticks((bottom - top) / 50)];
        foreach (var (value, text) in ticks)
            Label(x + thickness + 4, axis.MapPosition(value) + 4, text, "start", 11);
        if (Text(Path(colorbar, "title"), "text") is { } title)
            svg.Append(Invariant($"<text transform=\"translate({x + thickness + 50:0.#},{(top + bottom) / 2:0.#}) rotate(90)\" text-anchor=\"middle\" font-size=\"13\">{Html.Escape(title)}</text>"));
    }

    // ---- legend, annotations ----

    private List<(string Name, JsonElement Trace)> LegendEntries()
    {
        var entries = traces
            .Where(t => Bool(t, "showlegend") ?? Type(t) != "heatmap")
            .Select(t => (Name: Text(t, "name") ?? $"trace {Array.IndexOf(traces, t)}", Trace: t)).ToList();
        bool show = Bool(layout, "showlegend") ?? (entries.Count > 1 || traces.Any(t => Bool(t, "showlegend") == true));
        return show ? entries : [];
    }

    private void DrawLegend(List<(string Name, JsonElement Trace)> entries, bool horizontal)
    {
        var legend = Path(layout, "legend");
        double plotWidth = plotArea.Right - plotArea.Left, plotHeight = plotArea.Bottom - plotArea.Top;
        double px = plotArea.Left + (Number(legend, "x") ?? 1.02) * plotWidth;
        double py = plotArea.Bottom - (Number(legend, "y") ?? 1) * plotHeight;
        double rowHeight = 19;
        var widths = entries.Select(e => 44 + e.Name.Length * 7.0).ToList();
        double totalWidth = horizontal ? widths.Sum() : widths.Max();
        double totalHeight = horizontal ? rowHeight : rowHeight * entries.Count;
        if (Text(legend, "xanchor") == "center") px -= totalWidth / 2;
        else if (Text(legend, "xanchor") == "right") px -= totalWidth;
        // Plotly's yanchor "bottom" puts the legend's lower edge at y; the default (top) hangs it from y.
        if (Text(legend, "yanchor") == "bottom") py -= totalHeight;
        string background = Text(legend, "bgcolor") ?? paperBackground;
        svg.Append(Invariant($"<g class=\"di-legend\"><rect x=\"{px:0.#}\" y=\"{py:0.#}\" width=\"{totalWidth:0.#}\" height=\"{totalHeight + 4:0.#}\" fill=\"{Attr(background)}\"/>"));
        double x = px, y = py;
        for (int i = 0; i < entries.Count; i++)
        {
            var (name, trace) = entries[i];
            string color = TraceColor(trace);
            double cy = y + rowHeight / 2 + 2;
            string mode = Text(trace, "mode") ?? "lines+markers";
            if (mode.Contains("lines"))
            {
                string dash = Text(Path(trace, "line"), "dash") == "dash" ? " stroke-dasharray=\"5,3\"" : "";
                svg.Append(Invariant($"<line x1=\"{x + 6:0.#}\" y1=\"{cy:0.#}\" x2=\"{x + 34:0.#}\" y2=\"{cy:0.#}\" stroke=\"{Attr(color)}\" stroke-width=\"2\"{dash}/>"));
            }
            if (mode.Contains("markers"))
            {
                string fill = Text(Path(trace, "marker"), "color") ?? color;
                svg.Append(Text(Path(trace, "marker"), "symbol") == "star"
                    ? Invariant($"<polygon points=\"{StarPoints(x + 20, cy, 7)}\" fill=\"{Attr(fill)}\"/>")
                    : Invariant($"<circle cx=\"{x + 20:0.#}\" cy=\"{cy:0.#}\" r=\"5\" fill=\"{Attr(fill)}\"/>"));
            }
            Label(x + 40, cy + 4, name, "start", 12);
            if (horizontal) x += widths[i]; else y += rowHeight;
        }
        svg.Append("</g>");
    }

    private void DrawAnnotations()
    {
        if (Path(layout, "annotations") is not { ValueKind: JsonValueKind.Array } annotations) return;
        double plotWidth = plotArea.Right - plotArea.Left, plotHeight = plotArea.Bottom - plotArea.Top;
        foreach (var note in annotations.EnumerateArray())
        {
            if (Text(note, "text") is not { } text || Text(note, "xref") != "paper" || Text(note, "yref") != "paper") continue;
            double x = plotArea.Left + (Number(note, "x") ?? 0.5) * plotWidth;
            double y = plotArea.Bottom - (Number(note, "y") ?? 1) * plotHeight;
            string anchor = Text(note, "xanchor") switch { "left" => "start", "right" => "end", _ => "middle" };
            Label(x, Text(note, "yanchor") == "bottom" ? y - 6 : y + 14, text, anchor, 14);
        }
    }

    // ---- helpers ----

    private string TraceColor(JsonElement trace) =>
        Text(Path(trace, "line"), "color") ?? Text(Path(trace, "marker"), "color") ?? colorway[Array.IndexOf(traces, trace) % colorway.Length];

    /// <summary>The trace's colorscale: a list of [position, colour] pairs, or one of Plotly's names this drawing knows (else Plotly's default).</summary>
    private static ColorMap HeatmapColors(JsonElement trace)
    {
        var scale = Path(trace, "colorscale");
        if (scale.ValueKind == JsonValueKind.Array)
        {
            var stops = scale.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Array && s.GetArrayLength() == 2)
                .Select(s => (Position: s[0].GetDouble(), Color: ParseColor(s[1].GetString() ?? ""))).ToList();
            if (stops.Count >= 2 && stops[0].Position == 0 && stops[^1].Position == 1) return new ColorMap("custom", stops);
        }
        return scale.ValueKind == JsonValueKind.String && scale.GetString() is "RdBu" ? PlotlyRdBu : PlotlyDefault;
    }

    private static readonly ColorMap PlotlyRdBu = new("RdBu", [(0, (5, 10, 172)), (0.35, (106, 137, 247)), (0.5, (190, 190, 190)), (0.6, (220, 170, 132)), (0.7, (230, 145, 90)), (1, (178, 10, 28))]);
    private static readonly ColorMap PlotlyDefault = new("plasma", (13, 8, 135), (126, 3, 168), (204, 71, 120), (248, 149, 64), (240, 249, 33));

    /// <summary>"#rrggbb", "#rgb" or "rgb(a)(r, g, b[, a])"; anything else is mid grey.</summary>
    private static (byte R, byte G, byte B) ParseColor(string color)
    {
        color = color.Trim();
        if (color.StartsWith('#') && color.Length == 7)
            return (Convert.ToByte(color[1..3], 16), Convert.ToByte(color[3..5], 16), Convert.ToByte(color[5..7], 16));
        if (color.StartsWith('#') && color.Length == 4)
            return ((byte)(Convert.ToByte(color[1..2], 16) * 17), (byte)(Convert.ToByte(color[2..3], 16) * 17), (byte)(Convert.ToByte(color[3..4], 16) * 17));
        int open = color.IndexOf('('), close = color.IndexOf(')');
        if (color.StartsWith("rgb") && open > 0 && close > open)
        {
            var parts = color[(open + 1)..close].Split(',').Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            if (parts.Length >= 3) return ((byte)Math.Clamp(parts[0], 0, 255), (byte)Math.Clamp(parts[1], 0, 255), (byte)Math.Clamp(parts[2], 0, 255));
        }
        return (128, 128, 128);
    }

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

    private static string StarPoints(double cx, double cy, double radius) =>
        string.Join(" ", Enumerable.Range(0, 10).Select(k =>
        {
            double r = k % 2 == 0 ? radius : radius * 0.45, angle = -Math.PI / 2 + k * Math.PI / 5;
            return Invariant($"{cx + r * Math.Cos(angle):0.#},{cy + r * Math.Sin(angle):0.#}");
        }));

    private void Label(double x, double y, string text, string anchor, double size, bool italic = false, bool bold = false) =>
        svg.Append(Invariant($"<text x=\"{x:0.#}\" y=\"{y:0.#}\" text-anchor=\"{anchor}\" font-size=\"{size:0.#}\"{(italic ? " font-style=\"italic\"" : "")}{(bold ? " font-weight=\"bold\"" : "")}>{Html.Escape(text)}</text>"));

    private static string Attr(string value) => Html.Escape(value);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Type(JsonElement trace) => Text(trace, "type") ?? "scatter";

    private static JsonElement Path(JsonElement element, params string[] names)
    {
        foreach (var name in names)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
                return default;
        }
        return element;
    }

    private static string? Text(JsonElement element, string name) =>
        Path(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static double? Number(JsonElement element, string name) =>
        Path(element, name) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : null;

    private static bool? Bool(JsonElement element, string name) =>
        Path(element, name) is { ValueKind: JsonValueKind.True or JsonValueKind.False } value ? value.GetBoolean() : null;

    private static List<JsonElement> Values(JsonElement trace, string name) =>
        Path(trace, name) is { ValueKind: JsonValueKind.Array } values ? [.. values.EnumerateArray()] : [];

    private static double AsDouble(JsonElement value) => value.ValueKind == JsonValueKind.Number ? value.GetDouble() : double.NaN;

    /// <summary>
    /// One axis: numbers (linear) or categories (strings at positions 0, 1, 2, ... in order of appearance), mapped from
    /// the data range, padded as Plotly pads it, to pixels.
    /// </summary>
    private sealed class Scale
    {
        private readonly double min, max, from, to;
        private readonly List<string>? categories;

        private Scale(double min, double max, double from, double to, List<string>? categories)
        {
            (this.min, this.max, this.from, this.to, this.categories) = (min, max, from, to, categories);
        }

        public static Scale Linear(double min, double max, double from, double to) =>
            new(min, max == min ? min + 1 : max, from, to, null);

        /// <summary>The scale of axis <paramref name="axis"/> (x or y values of <paramref name="traces"/>) drawn from pixel <paramref name="from"/> to <paramref name="to"/>.</summary>
        public static Scale For(JsonElement axis, List<JsonElement> traces, string name, double from, double to)
        {
            if (Text(axis, "autorange") == "reversed") (from, to) = (to, from);
            var values = traces.SelectMany(t => Values(t, name)).ToList();
            if (values.Any(v => v.ValueKind == JsonValueKind.String))
            {
                var categories = values.Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).Distinct().ToList();
                return new Scale(-0.5, categories.Count - 0.5, from, to, categories);
            }
            if (Path(axis, "range") is { ValueKind: JsonValueKind.Array } range && range.GetArrayLength() == 2)
                return Linear(range[0].GetDouble(), range[1].GetDouble(), from, to);

            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            bool padded = false;
            foreach (var trace in traces)
            {
                var numbers = Values(trace, name).Select(AsDouble).Where(double.IsFinite).ToList();
                if (numbers.Count == 0) continue;
                double lo = numbers.Min(), hi = numbers.Max();
                if (Type(trace) == "heatmap" && numbers.Count > 1)
                {
                    // Cells reach half a step beyond the first and last centre.
                    lo -= (numbers[1] - numbers[0]) / 2;
                    hi += (numbers[^1] - numbers[^2]) / 2;
                }
                else if (Type(trace) == "scatter" && (name == "y" || (Text(trace, "mode") ?? "markers").Contains("markers")))
                    padded = true;
                (min, max) = (Math.Min(min, lo), Math.Max(max, hi));
            }
            if (!double.IsFinite(min)) (min, max) = (0, 1);
            if (padded && traces.All(t => Type(t) != "heatmap"))
            {
                double pad = max > min ? 0.06 * (max - min) : 0.5;
                (min, max) = (min - pad, max + pad);
            }
            return Linear(min, max, from, to);
        }

        /// <summary>A data value's position on the axis (a category's index), or NaN when it has none.</summary>
        public double Position(JsonElement value) => categories is not null
            ? value.ValueKind == JsonValueKind.String ? categories.IndexOf(value.GetString()!) : double.NaN
            : AsDouble(value);

        public double MapPosition(double position) => from + (position - min) / (max - min) * (to - from);

        /// <summary>Tick positions and labels: every category, or round numbers about <paramref name="count"/> of them.</summary>
        public IEnumerable<(double Value, string Text)> Ticks(double count)
        {
            if (categories is not null)
            {
                for (int i = 0; i < categories.Count; i++) yield return (i, categories[i]);
                yield break;
            }
            double raw = (max - min) / Math.Max(2, count), magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
            double step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
            int decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9) + (step / magnitude == 2.5 ? 1 : 0));
            string format = decimals == 0 ? "0" : "0." + new string('#', decimals);
            for (double v = Math.Ceiling(min / step - 1e-9) * step; v <= max + 1e-9 * step; v += step)
            {
                double rounded = Math.Abs(v) < 1e-9 * step ? 0 : Math.Round(v, decimals); // never "-0"
                yield return (v, rounded.ToString(format, CultureInfo.InvariantCulture));
            }
        }
    }
}
