using System.Globalization;
using System.Text.Json;

namespace DeepImaging.Interactive.Formatters;

/// <summary>
/// Reading a Plotly figure's JSON as <see cref="ChartSvg"/> draws it: attributes that may be missing (a missing one is
/// null or <c>default</c>, never an exception), values, trace types and colour scales.
/// </summary>
internal static class PlotlyJson
{
    public static string Type(JsonElement trace) => Text(trace, "type") ?? "scatter";

    public static JsonElement Path(JsonElement element, params string[] names)
    {
        foreach (var name in names)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
                return default;
        }
        return element;
    }

    public static string? Text(JsonElement element, string name) =>
        Path(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static double? Number(JsonElement element, string name) =>
        Path(element, name) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : null;

    public static bool? Bool(JsonElement element, string name) =>
        Path(element, name) is { ValueKind: JsonValueKind.True or JsonValueKind.False } value ? value.GetBoolean() : null;

    public static List<JsonElement> Values(JsonElement trace, string name) =>
        Path(trace, name) is { ValueKind: JsonValueKind.Array } values ? [.. values.EnumerateArray()] : [];

    public static double AsDouble(JsonElement value) => value.ValueKind == JsonValueKind.Number ? value.GetDouble() : double.NaN;

    /// <summary>The trace's colorscale: a list of [position, colour] pairs, or one of Plotly's names this drawing knows (else Plotly's default).</summary>
    public static ColorMap HeatmapColors(JsonElement trace)
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
    public static (byte R, byte G, byte B) ParseColor(string color)
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
}
