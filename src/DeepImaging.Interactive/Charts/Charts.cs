using DeepImaging.Metrics;
using DeepImaging.NN;
using DeepImaging.Training;
using Microsoft.FSharp.Core;
using Plotly.NET;
using Chart = Plotly.NET.CSharp.Chart;
using static Plotly.NET.CSharp.GenericChartExtensions;

namespace DeepImaging.Interactive.Charts;

/// <summary>
/// Plotly charts for the course: training curves, ROC, confusion matrix, decision boundary and feature maps.
/// Each returns a Plotly.NET <see cref="GenericChart"/>, which a notebook displays as an interactive chart;
/// <c>GenericChart.toJson(chart)</c> gives its data, e.g. for tests.
/// </summary>
public static class Charts
{
    /// <summary>Loss (left) and accuracy (right) per epoch, for the training set and, when present, the validation set.</summary>
    public static GenericChart TrainingHistory(TrainingHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var epochs = history.Epochs.Select(e => e.Epoch).ToArray();
        var loss = new List<GenericChart> { Chart.Line<int, double, string>(epochs, history.Epochs.Select(e => e.TrainLoss), Name: "train loss") };
        var accuracy = new List<GenericChart> { Chart.Line<int, double, string>(epochs, history.Epochs.Select(e => e.TrainAccuracy), Name: "train accuracy") };
        var validated = history.Epochs.Where(e => e.ValidationLoss is not null).ToArray();
        if (validated.Length > 0)
        {
            loss.Add(Chart.Line<int, double, string>(validated.Select(e => e.Epoch), validated.Select(e => e.ValidationLoss!.Value), Name: "validation loss"));
            accuracy.Add(Chart.Line<int, double, string>(validated.Select(e => e.Epoch), validated.Select(e => e.ValidationAccuracy ?? double.NaN), Name: "validation accuracy"));
        }
        var chart = Chart.Grid([Chart.Combine(loss), Chart.Combine(accuracy)], 1, 2, SubPlotTitles: new[] { "loss", "accuracy" });
        string title = $"Training: best epoch {history.BestEpoch}" + (history.StoppedEarly ? " (stopped early)" : "");
        return Titled(chart, title).WithSize(Width: 900, Height: 380);
    }

    /// <summary>The ROC curve (false positive rate against sensitivity) with the chance diagonal and the AUC in the title.</summary>
    public static GenericChart Roc(RocCurve roc)
    {
        ArgumentNullException.ThrowIfNull(roc);
        var curve = Chart.Line<double, double, string>(roc.FalsePositiveRates, roc.TruePositiveRates, Name: $"ROC (AUC = {roc.Auc:0.000})",
            MultiText: roc.Thresholds.Select(t => $"threshold {t:0.###}").ToArray());
        var chance = Chart.Line<double, double, string>(new[] { 0.0, 1.0 }, new[] { 0.0, 1.0 }, Name: "chance",
            LineDash: StyleParam.DrawingStyle.Dash, LineColor: Color.fromString("gray"));
        return Titled(Chart.Combine([curve, chance]), $"ROC curve, AUC = {roc.Auc:0.000}")
            .WithXAxisStyle<double, double, string>(TitleText: "false positive rate (1 - specificity)")
            .WithYAxisStyle<double, double, string>(TitleText: "true positive rate (sensitivity)")
            .WithSize(Width: 520, Height: 480);
    }

    /// <summary>The confusion matrix as a heat map: rows are the actual class, columns the predicted class, counts written in the cells.</summary>
    public static GenericChart ConfusionMatrix(ConfusionMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var counts = matrix.Counts;
        var labels = matrix.Labels.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var rows = Enumerable.Range(0, labels.Length).Select(a => Enumerable.Range(0, labels.Length).Select(p => counts[a, p]).ToArray()).ToArray();
        var chart = Chart.Heatmap<int, string, string, string>(rows, X: labels.Select(l => $"predicted {l}").ToArray(), Y: labels.Select(l => $"actual {l}").ToArray(),
            ColorScale: StyleParam.Colorscale.YIGnBu, ReverseYAxis: true);
        ShowValuesInCells(chart, "%{z}");
        return Titled(chart, $"Confusion matrix ({matrix.Total} samples, accuracy {matrix.Accuracy:0.000})").WithSize(Width: 520, Height: 460);
    }

    /// <summary>
    /// The decision boundary of a 2-input classifier: <paramref name="predict"/> is evaluated on a grid covering the points
    /// ([G*G, 2] in, one score per row or one column per class out; several columns are reduced to the arg-max class),
    /// drawn as a heat map under the training <paramref name="points"/> [N, 2] coloured by <paramref name="labels"/> [N].
    /// </summary>
    public static GenericChart DecisionBoundary(Func<Tensor, Tensor> predict, Tensor points, Tensor labels, int resolution = 100)
    {
        ArgumentNullException.ThrowIfNull(predict);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(labels);
        if (points.Rank != 2 || points.Size(1) != 2)
            throw new ArgumentException($"Charts.DecisionBoundary: points must be [N, 2] (two input features); got {points.ShapeString}.", nameof(points));
        if (labels.Count != points.Size(0))
            throw new ArgumentException($"Charts.DecisionBoundary: {labels.Count} labels ({labels.ShapeString}) for {points.Size(0)} points; give one label per point.", nameof(labels));
        if (resolution is < 2 or > 500)
            throw new ArgumentException($"Charts.DecisionBoundary: resolution {resolution} must be between 2 and 500.", nameof(resolution));

        var x = points.Select(1, 0).ToArray();
        var y = points.Select(1, 1).ToArray();
        double[] xs = Axis(x, resolution), ys = Axis(y, resolution);
        var grid = new float[resolution * resolution * 2];
        for (int i = 0; i < resolution; i++)
            for (int j = 0; j < resolution; j++)
                (grid[2 * (i * resolution + j)], grid[2 * (i * resolution + j) + 1]) = ((float)xs[j], (float)ys[i]);
        Tensor scores;
        using (Tensor.NoGrad())
            scores = predict(Tensor.From(grid, resolution * resolution, 2));
        if (scores.Count % (resolution * resolution) != 0)
            throw new ArgumentException($"Charts.DecisionBoundary: the classifier returned {scores.ShapeString} for {resolution * resolution} grid points; return one score or one row of class scores per point.", nameof(predict));
        int outputs = scores.Count / (resolution * resolution);
        var z = outputs == 1 ? scores.Reshape(-1).ToArray() : scores.Reshape(-1, outputs).ArgMax(1).ToArray();
        var surface = Enumerable.Range(0, resolution).Select(i => z.Skip(i * resolution).Take(resolution).ToArray()).ToArray();

        var charts = new List<GenericChart>
        {
            Chart.Heatmap<float, double, double, string>(surface, X: xs, Y: ys, ColorScale: StyleParam.Colorscale.RdBu, Opacity: 0.55, Name: outputs == 1 ? "model output" : "predicted class"),
        };
        var labelValues = labels.Reshape(-1).ToArray();
        var classes = labelValues.Distinct().Order().ToArray();
        for (int c = 0; c < classes.Length; c++)
        {
            var members = Enumerable.Range(0, labelValues.Length).Where(k => labelValues[k] == classes[c]).ToArray();
            charts.Add(Chart.Point<float, float, string>(members.Select(k => x[k]), members.Select(k => y[k]), Name: $"class {classes[c]}",
                MarkerColor: Color.fromString(PointColors[c % PointColors.Length])));
        }
        return Titled(Chart.Combine(charts), "Decision boundary").WithSize(Width: 600, Height: 520);
    }

    /// <summary>The decision boundary of <paramref name="model"/> (evaluated without recording gradients); see the other overload.</summary>
    public static GenericChart DecisionBoundary(Module model, Tensor points, Tensor labels, int resolution = 100)
    {
        ArgumentNullException.ThrowIfNull(model);
        return DecisionBoundary(model.Forward, points, labels, resolution);
    }

    /// <summary>The channels of a conv layer's output [C, H, W] (or [1, C, H, W]) as a grid of heat maps, at most <paramref name="maxMaps"/>.</summary>
    public static GenericChart FeatureMaps(Tensor maps, int columns = 4, int maxMaps = 32)
    {
        ArgumentNullException.ThrowIfNull(maps);
        if (maps.Rank == 4 && maps.Size(0) == 1) maps = maps.Squeeze(0);
        if (maps.Rank != 3)
            throw new ArgumentException($"Charts.FeatureMaps: expected feature maps [C, H, W] (or [1, C, H, W]); got {maps.ShapeString}. Select one sample first, e.g. output.Select(0, 0).", nameof(maps));
        if (columns < 1 || maxMaps < 1)
            throw new ArgumentException($"Charts.FeatureMaps: columns ({columns}) and maxMaps ({maxMaps}) must be at least 1.");
        int count = Math.Min(maps.Size(0), maxMaps), height = maps.Size(1), width = maps.Size(2);
        columns = Math.Min(columns, count);
        int rows = (count + columns - 1) / columns;
        var charts = Enumerable.Range(0, count).Select(c =>
        {
            var values = maps.Select(0, c).ToArray();
            var z = Enumerable.Range(0, height).Select(i => values.Skip(i * width).Take(width).ToArray()).ToArray();
            return Chart.Heatmap<float, int, int, string>(z, ColorScale: StyleParam.Colorscale.Viridis, ShowScale: false, ReverseYAxis: true, Name: $"channel {c}");
        }).ToArray();
        var chart = Chart.Grid(charts, rows, columns, SubPlotTitles: Enumerable.Range(0, count).Select(c => $"channel {c}").ToArray());
        string title = count < maps.Size(0) ? $"Feature maps (first {count} of {maps.Size(0)})" : $"Feature maps ({count})";
        return Titled(chart, title).WithSize(Width: 220 * columns, Height: 200 * rows + 80);
    }

    // Class 0 blue and class 1 red, matching the low and high ends of the RdBu surface under them.
    private static readonly string[] PointColors = ["#1d4ed8", "#b91c1c", "#047857", "#b45309", "#6d28d9", "#0e7490", "#be185d", "#4d7c0f"];

    private static GenericChart Titled(GenericChart chart, string title) =>
        Plotly.NET.Chart.withTitle(title, FSharpOption<Font>.None).Invoke(chart);

    /// <summary>Writes each cell's value on a heat map (Plotly's texttemplate, which the C# API does not expose).</summary>
    private static void ShowValuesInCells(GenericChart chart, string template)
    {
        foreach (var trace in chart.GetTraces())
            trace.SetProperty("texttemplate", template);
    }

    /// <summary>Evenly spaced positions covering the data with a 10% margin on each side.</summary>
    private static double[] Axis(float[] values, int count)
    {
        double min = values.Min(), max = values.Max(), margin = Math.Max(1e-3, 0.1 * (max - min));
        (min, max) = (min - margin, max + margin);
        return [.. Enumerable.Range(0, count).Select(i => min + (max - min) * i / (count - 1))];
    }
}
