using DeepImaging.Interactive.Formatters;
using Microsoft.FSharp.Core;
using Plotly.NET;
using static Plotly.NET.CSharp.GenericChartExtensions;

namespace DeepImaging.Interactive.Charts;

/// <summary>
/// Plotly attributes the C# API of Plotly.NET does not reach (a title without a font, texttemplate, a colorscale as
/// stops), set on a chart's traces or layout, and the course's chart colours.
/// </summary>
internal static class PlotlyFigure
{
    // Class 0 blue and class 1 red, matching the low and high ends of the RdBu surface under them.
    public static readonly string[] PointColors = ["#1d4ed8", "#b91c1c", "#047857", "#b45309", "#6d28d9", "#0e7490", "#be185d", "#4d7c0f"];

    // ColorBrewer's Blues, light to dark: counts on a confusion matrix.
    public static readonly ColorMap Blues = new("blues", (247, 251, 255), (198, 219, 239), (107, 174, 214), (33, 113, 181), (8, 48, 107));

    public static GenericChart Titled(GenericChart chart, string title) =>
        Plotly.NET.Chart.withTitle(title, FSharpOption<Font>.None).Invoke(chart);

    /// <summary>Sets a Plotly attribute on every trace (for attributes the C# API does not expose, e.g. texttemplate).</summary>
    public static void SetOnTraces(GenericChart chart, string name, object value)
    {
        foreach (var trace in chart.GetTraces())
            trace.SetProperty(name, value);
    }

    public static void SetOnLayout(GenericChart chart, string name, object value) => chart.GetLayout().SetProperty(name, value);

    public static Dictionary<string, object> AxisTitle(string text) =>
        new() { ["title"] = new Dictionary<string, object> { ["text"] = text } };

    /// <summary>A colour map as a Plotly colorscale: [[position, "#rrggbb"], ...].</summary>
    public static object[][] PlotlyColorscale(ColorMap map) =>
        [.. map.Stops.Select(s => new object[] { s.Position, ColorMap.Hex(s.Color) })];
}
