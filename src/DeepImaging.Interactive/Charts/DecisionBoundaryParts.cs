using DeepImaging.Interactive.Formatters;
using Plotly.NET;
using Chart = Plotly.NET.CSharp.Chart;
using static DeepImaging.Interactive.Charts.PlotlyFigure;

namespace DeepImaging.Interactive.Charts;

/// <summary>The layers of <c>Charts.DecisionBoundary</c>: the grid, the model's surface over it, the labelled points and the unlabelled stars.</summary>
internal static class DecisionBoundaryParts
{
    /// <summary>Evenly spaced positions covering the data with a 10% margin on each side.</summary>
    public static double[] Axis(float[] values, int count)
    {
        double min = values.Min(), max = values.Max(), margin = Math.Max(1e-3, 0.1 * (max - min));
        (min, max) = (min - margin, max + margin);
        return [.. Enumerable.Range(0, count).Select(i => min + (max - min) * i / (count - 1))];
    }

    /// <summary>
    /// The classifier's output over the grid as a heat map with a titled colour bar: a probability on the fixed range 0..1
    /// (so the boundary, 0.5, is always the white middle), classes 0..k-1 with their names on the colour bar.
    /// </summary>
    public static GenericChart BoundarySurface(float[][] surface, double[] xs, double[] ys, int outputs, float[] classes, string[] names)
    {
        bool probability = outputs == 1 && surface.All(row => row.All(v => v is >= 0 and <= 1));
        string scoreName = outputs > 1 ? "predicted class" : probability ? $"P({names[^1]})" : "model output";
        var heatmap = Chart.Heatmap<float, double, double, string>(surface, X: xs, Y: ys, Opacity: 0.55, Name: scoreName);
        SetOnTraces(heatmap, "colorscale", PlotlyColorscale(ColorMap.BlueWhiteRed));
        var colorbar = new Dictionary<string, object> { ["title"] = new Dictionary<string, object> { ["text"] = scoreName, ["side"] = "right" } };
        if (outputs > 1)
        {
            colorbar["tickvals"] = Enumerable.Range(0, outputs).Select(c => (double)c).ToArray();
            colorbar["ticktext"] = Enumerable.Range(0, outputs).Select(c => Array.IndexOf(classes, (float)c) is var k and >= 0 ? names[k] : $"class {c}").ToArray();
        }
        SetOnTraces(heatmap, "colorbar", colorbar);
        if (probability || outputs > 1)
        {
            SetOnTraces(heatmap, "zmin", 0.0);
            SetOnTraces(heatmap, "zmax", probability ? 1.0 : outputs - 1.0);
        }
        return heatmap;
    }

    /// <summary>Points of one class: filled circles with a white rim, which stand out on the coloured surface.</summary>
    public static GenericChart Points(IEnumerable<float> x, IEnumerable<float> y, string name, string color)
    {
        var points = Chart.Point<float, float, string>(x, y, Name: name);
        SetOnTraces(points, "marker", new Dictionary<string, object>
        {
            ["color"] = color, ["size"] = 10, ["line"] = new Dictionary<string, object> { ["color"] = "#ffffff", ["width"] = 1.5 },
        });
        return points;
    }

    /// <summary>Points without a label (the ones the model is asked about) as black stars, each with its name above it.</summary>
    public static GenericChart NamedStars(float[] x, float[] y, string[] names)
    {
        var stars = Chart.Point<float, float, string>(x, y, Name: string.Join(", ", names) + " (unlabelled)");
        SetOnTraces(stars, "mode", "markers+text");
        SetOnTraces(stars, "text", names);
        SetOnTraces(stars, "textposition", "top center");
        SetOnTraces(stars, "marker", new Dictionary<string, object>
        {
            ["color"] = "#111827", ["size"] = 15, ["symbol"] = "star", ["line"] = new Dictionary<string, object> { ["color"] = "#ffffff", ["width"] = 1 },
        });
        return stars;
    }
}
