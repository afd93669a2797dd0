using System.Globalization;
using System.Text.Json;
using static DeepImaging.Interactive.Formatters.PlotlyJson;

namespace DeepImaging.Interactive.Formatters;

/// <summary>
/// One axis: numbers (linear) or categories (strings at positions 0, 1, 2, ... in order of appearance), mapped from
/// the data range, padded as Plotly pads it, to pixels.
/// </summary>
internal sealed class ChartScale
{
    private readonly double min, max, from, to;
    private readonly List<string>? categories;

    private ChartScale(double min, double max, double from, double to, List<string>? categories)
    {
        (this.min, this.max, this.from, this.to, this.categories) = (min, max, from, to, categories);
    }

    public static ChartScale Linear(double min, double max, double from, double to) =>
        new(min, max == min ? min + 1 : max, from, to, null);

    /// <summary>The scale of axis <paramref name="axis"/> (x or y values of <paramref name="traces"/>) drawn from pixel <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static ChartScale For(JsonElement axis, List<JsonElement> traces, string name, double from, double to)
    {
        if (Text(axis, "autorange") == "reversed") (from, to) = (to, from);
        var values = traces.SelectMany(t => Values(t, name)).ToList();
        if (values.Any(v => v.ValueKind == JsonValueKind.String))
        {
            var categories = values.Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).Distinct().ToList();
            return new ChartScale(-0.5, categories.Count - 0.5, from, to, categories);
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
