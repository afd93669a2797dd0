using System.Text.Json;
using static DeepImaging.Interactive.Formatters.PlotlyJson;

namespace DeepImaging.Interactive.Formatters;

// The guides of a chart drawing, around and over the plot: colour bars, the legend and annotations.
internal sealed partial class ChartSvg
{
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
        var axis = ChartScale.Linear(zMin, zMax, bottom, top);
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

    private static string StarPoints(double cx, double cy, double radius) =>
        string.Join(" ", Enumerable.Range(0, 10).Select(k =>
        {
            double r = k % 2 == 0 ? radius : radius * 0.45, angle = -Math.PI / 2 + k * Math.PI / 5;
            return Invariant($"{cx + r * Math.Cos(angle):0.#},{cy + r * Math.Sin(angle):0.#}");
        }));
}
