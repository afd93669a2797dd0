using DeepImaging.Interactive.Formatters;
using DeepImaging.Metrics;
using DeepImaging.NN;
using DeepImaging.Training;
using Microsoft.FSharp.Core;
using Plotly.NET;
using Chart = Plotly.NET.CSharp.Chart;
using static Plotly.NET.CSharp.GenericChartExtensions;
using static DeepImaging.Interactive.Charts.PlotlyFigure;
using static DeepImaging.Interactive.Charts.DecisionBoundaryParts;

namespace DeepImaging.Interactive.Charts;

/// <summary>
/// The course's figures. Charts of numbers (training curves, ROC, confusion matrix, decision boundary) are Plotly.NET
/// <see cref="GenericChart"/>s: interactive where JavaScript runs, with plotly.js carried by the notebook itself (no
/// network) and a static SVG drawing wherever scripts do not run; <c>GenericChart.toJson(chart)</c> gives their data.
/// Images (feature maps, filters, activations, scans) are <see cref="ImageGrid"/>s the extension draws itself as PNGs.
/// </summary>
public static class Charts
{
    /// <summary>Loss (left) and accuracy (right) per epoch, for the training set and, when present, the validation set.</summary>
    public static GenericChart TrainingHistory(TrainingHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var epochs = history.Epochs.Select(e => e.Epoch).ToArray();
        // The same colour means the same data set in both panels: training blue, validation red.
        var train = Color.fromString(PointColors[0]);
        var validation = Color.fromString(PointColors[1]);
        var loss = new List<GenericChart> { Chart.Line<int, double, string>(epochs, history.Epochs.Select(e => e.TrainLoss), Name: "train loss", LineColor: train) };
        var accuracy = new List<GenericChart> { Chart.Line<int, double, string>(epochs, history.Epochs.Select(e => e.TrainAccuracy), Name: "train accuracy", LineColor: train) };
        var validated = history.Epochs.Where(e => e.ValidationLoss is not null).ToArray();
        if (validated.Length > 0)
        {
            loss.Add(Chart.Line<int, double, string>(validated.Select(e => e.Epoch), validated.Select(e => e.ValidationLoss!.Value), Name: "validation loss", LineColor: validation));
            accuracy.Add(Chart.Line<int, double, string>(validated.Select(e => e.Epoch), validated.Select(e => e.ValidationAccuracy ?? double.NaN), Name: "validation accuracy", LineColor: validation));
        }
        var chart = Chart.Grid([Chart.Combine(loss), Chart.Combine(accuracy)], 1, 2, SubPlotTitles: new[] { "loss", "accuracy" });
        string title = $"Training: best epoch {history.BestEpoch}" + (history.StoppedEarly ? " (stopped early)" : "");
        chart = Titled(chart, title).WithSize(Width: 900, Height: 380);
        SetOnLayout(chart, "xaxis", AxisTitle("epoch"));
        SetOnLayout(chart, "xaxis2", AxisTitle("epoch"));
        return chart;
    }

    /// <summary>The ROC curve (false positive rate against sensitivity) with the chance diagonal and the AUC in the title.</summary>
    public static GenericChart Roc(RocCurve roc)
    {
        ArgumentNullException.ThrowIfNull(roc);
        var curve = Chart.Line<double, double, string>(roc.FalsePositiveRates, roc.TruePositiveRates, Name: $"ROC (AUC = {roc.Auc:0.000})",
            MultiText: roc.Thresholds.Select(t => $"threshold {t:0.###}").ToArray());
        var chance = Chart.Line<double, double, string>(new[] { 0.0, 1.0 }, new[] { 0.0, 1.0 }, Name: "chance",
            LineDash: StyleParam.DrawingStyle.Dash, LineColor: Color.fromString("gray"));
        var chart = Titled(Chart.Combine([curve, chance]), $"ROC curve, AUC = {roc.Auc:0.000}")
            .WithXAxisStyle<double, double, string>(TitleText: "false positive rate (1 - specificity)")
            .WithYAxisStyle<double, double, string>(TitleText: "true positive rate (sensitivity)")
            .WithSize(Width: 520, Height: 480);
        // The legend sits inside the plot, in the lower right corner the curve of any useful test stays away from.
        SetOnLayout(chart, "legend", new Dictionary<string, object>
        {
            ["x"] = 0.98, ["xanchor"] = "right", ["y"] = 0.02, ["yanchor"] = "bottom", ["bgcolor"] = "rgba(255,255,255,0.85)",
        });
        return chart;
    }

    /// <summary>The confusion matrix as a heat map: rows are the actual class, columns the predicted class, counts written in the cells.</summary>
    public static GenericChart ConfusionMatrix(ConfusionMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var counts = matrix.Counts;
        var labels = matrix.Labels.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var rows = Enumerable.Range(0, labels.Length).Select(a => Enumerable.Range(0, labels.Length).Select(p => counts[a, p]).ToArray()).ToArray();
        var chart = Chart.Heatmap<int, string, string, string>(rows, X: labels.Select(l => $"predicted {l}").ToArray(), Y: labels.Select(l => $"actual {l}").ToArray(),
            ReverseYAxis: true);
        SetOnTraces(chart, "colorscale", PlotlyColorscale(Blues));
        SetOnTraces(chart, "texttemplate", "%{z}");
        return Titled(chart, $"Confusion matrix ({matrix.Total} samples, accuracy {matrix.Accuracy:0.000})").WithSize(Width: 520, Height: 460);
    }

    /// <summary>
    /// The decision boundary of a 2-input classifier: <paramref name="predict"/> is evaluated on a grid covering the points
    /// ([G*G, 2] in, one score per row or one column per class out; several columns are reduced to the arg-max class),
    /// drawn as a heat map under the training <paramref name="points"/> [N, 2] coloured by <paramref name="labels"/> [N].
    /// </summary>
    /// <param name="predict">The classifier: [G*G, 2] inputs to [G*G] or [G*G, 1] scores, or [G*G, classes].</param>
    /// <param name="points">The labelled points [N, 2].</param>
    /// <param name="labels">Their classes [N].</param>
    /// <param name="resolution">Grid points per axis (2 to 500).</param>
    /// <param name="unlabelled">Points to ask the model about [M, 2] (e.g. P5), drawn as black stars with their names; null for none.</param>
    /// <param name="unlabelledNames">The names written next to <paramref name="unlabelled"/> (default "?1", "?2", ...).</param>
    /// <param name="classNames">Legend names of the classes in ascending order (default "class 0", "class 1", ...).</param>
    /// <param name="xLabel">The title of the horizontal axis (the first input feature).</param>
    /// <param name="yLabel">The title of the vertical axis (the second input feature).</param>
    public static GenericChart DecisionBoundary(Func<Tensor, Tensor> predict, Tensor points, Tensor labels, int resolution = 100,
        Tensor? unlabelled = null, IEnumerable<string>? unlabelledNames = null, IEnumerable<string>? classNames = null,
        string xLabel = "feature 0", string yLabel = "feature 1")
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
        if (unlabelled is not null && (unlabelled.Rank != 2 || unlabelled.Size(1) != 2))
            throw new ArgumentException($"Charts.DecisionBoundary: unlabelled points must be [M, 2] like the labelled ones; got {unlabelled.ShapeString}.", nameof(unlabelled));
        string[] queryNames = unlabelledNames?.ToArray() ?? [.. Enumerable.Range(1, unlabelled?.Size(0) ?? 0).Select(i => $"?{i}")];
        if (queryNames.Length != (unlabelled?.Size(0) ?? 0))
            throw new ArgumentException($"Charts.DecisionBoundary: {queryNames.Length} unlabelled names for {unlabelled?.Size(0) ?? 0} unlabelled points; give one name per point.", nameof(unlabelledNames));

        var x = points.Select(1, 0).ToArray();
        var y = points.Select(1, 1).ToArray();
        var qx = unlabelled?.Select(1, 0).ToArray() ?? [];
        var qy = unlabelled?.Select(1, 1).ToArray() ?? [];
        double[] xs = Axis([.. x, .. qx], resolution), ys = Axis([.. y, .. qy], resolution);
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

        var labelValues = labels.Reshape(-1).ToArray();
        var classes = labelValues.Distinct().Order().ToArray();
        string[] names = classNames?.ToArray() ?? [.. classes.Select(c => $"class {c}")];
        if (names.Length != classes.Length)
            throw new ArgumentException($"Charts.DecisionBoundary: {names.Length} class names for the {classes.Length} classes in the labels ({string.Join(", ", classes)}); give one name per class, in ascending order.", nameof(classNames));

        var charts = new List<GenericChart> { BoundarySurface(surface, xs, ys, outputs, classes, names) };
        for (int c = 0; c < classes.Length; c++)
        {
            var members = Enumerable.Range(0, labelValues.Length).Where(k => labelValues[k] == classes[c]).ToArray();
            charts.Add(Points(members.Select(k => x[k]), members.Select(k => y[k]), names[c], PointColors[c % PointColors.Length]));
        }
        if (qx.Length > 0)
            charts.Add(NamedStars(qx, qy, queryNames));
        var chart = Titled(Chart.Combine(charts), "Decision boundary").WithSize(Width: 640, Height: 560);
        // The legend goes in one row above the plot: on the right it would cover the colour bar.
        SetOnLayout(chart, "legend", new Dictionary<string, object>
        {
            ["orientation"] = "h", ["x"] = 0.0, ["xanchor"] = "left", ["y"] = 1.02, ["yanchor"] = "bottom",
        });
        SetOnLayout(chart, "xaxis", AxisTitle(xLabel));
        SetOnLayout(chart, "yaxis", AxisTitle(yLabel));
        return chart;
    }

    /// <summary>The decision boundary of <paramref name="model"/> (evaluated without recording gradients); see the other overload.</summary>
    public static GenericChart DecisionBoundary(Module model, Tensor points, Tensor labels, int resolution = 100,
        Tensor? unlabelled = null, IEnumerable<string>? unlabelledNames = null, IEnumerable<string>? classNames = null,
        string xLabel = "feature 0", string yLabel = "feature 1")
    {
        ArgumentNullException.ThrowIfNull(model);
        return DecisionBoundary(model.Forward, points, labels, resolution, unlabelled, unlabelledNames, classNames, xLabel, yLabel);
    }

    /// <summary>
    /// The channels of a conv layer's output [C, H, W] (or [1, C, H, W]) as a grid of labelled images, drawn by the extension
    /// itself (no JavaScript, no network), each on its own colour scale unless <paramref name="sharedScale"/>.
    /// </summary>
    /// <param name="maps">The feature maps [C, H, W] or [1, C, H, W].</param>
    /// <param name="columns">At most this many maps per row (fewer when the page is narrower); null to fill the page width.</param>
    /// <param name="maxMaps">Draw at most this many maps, the first ones (1 to <see cref="ImageGrid.MaxPanels"/>).</param>
    /// <param name="labels">One label per channel, e.g. the names of the kernels that made them; null for "channel 0", "channel 1", ...</param>
    /// <param name="sharedScale">True to compare magnitudes across maps on one colour scale.</param>
    /// <param name="ignoreBorder">Pixels at each edge left out of the colour range: 1 after a 3 x 3 convolution with padding 1, whose border saw the zero padding.</param>
    /// <param name="colorMap">The colour map; null for blue-white-red around zero for signed maps, viridis otherwise.</param>
    public static ImageGrid FeatureMaps(Tensor maps, int? columns = null, int maxMaps = ImageGrid.MaxPanels, IEnumerable<string>? labels = null,
        bool sharedScale = false, int ignoreBorder = 0, ColorMap? colorMap = null)
    {
        ArgumentNullException.ThrowIfNull(maps);
        if (maps.Rank == 4 && maps.Size(0) == 1) maps = maps.Squeeze(0);
        if (maps.Rank != 3)
            throw new ArgumentException($"Charts.FeatureMaps: expected feature maps [C, H, W] (or [1, C, H, W]); got {maps.ShapeString}. Select one sample first, e.g. output.Select(0, 0).", nameof(maps));
        if (maxMaps is < 1 or > ImageGrid.MaxPanels)
            throw new ArgumentException($"Charts.FeatureMaps: maxMaps ({maxMaps}) must be from 1 to {ImageGrid.MaxPanels}.", nameof(maxMaps));
        int channels = maps.Size(0), count = Math.Min(channels, maxMaps);
        string[] names = labels?.ToArray() ?? [.. Enumerable.Range(0, channels).Select(c => $"channel {c}")];
        if (names.Length != channels)
            throw new ArgumentException($"Charts.FeatureMaps: {names.Length} labels for {channels} maps {maps.ShapeString}; give one label per map.", nameof(labels));
        var panels = Enumerable.Range(0, count).Select(c => new ImagePanel(maps.Select(0, c), names[c], colorMap, ignoreBorder));
        string title = count < channels ? $"Feature maps (first {count} of {channels})" : "Feature maps";
        return new ImageGrid(panels, title, columns, sharedScale);
    }

    /// <summary>
    /// The filters (kernels) of a convolution weight [out, in, kH, kW] (also [out, kH, kW] or [kH, kW]), one labelled image
    /// per filter and input channel ("filter 3", or "filter 3, input 1"), all on one blue-white-red scale around zero so
    /// their weights can be compared.
    /// </summary>
    /// <param name="weight">The weight tensor, e.g. <c>conv.Weight</c>.</param>
    /// <param name="names">One name per filter (output channel); null for "filter 0", "filter 1", ...</param>
    /// <param name="columns">At most this many filters per row; null to fill the page width.</param>
    public static ImageGrid Filters(Tensor weight, IEnumerable<string>? names = null, int? columns = null)
    {
        ArgumentNullException.ThrowIfNull(weight);
        var w = weight.Detach();
        if (w.Rank == 2) w = w.Reshape(1, 1, w.Size(0), w.Size(1));
        if (w.Rank == 3) w = w.Unsqueeze(1);
        if (w.Rank != 4)
            throw new ArgumentException($"Charts.Filters: expected a convolution weight [out, in, kH, kW] (or [out, kH, kW], [kH, kW]); got {weight.ShapeString}.", nameof(weight));
        int outputs = w.Size(0), inputs = w.Size(1), total = outputs * inputs, count = Math.Min(total, ImageGrid.MaxPanels);
        string[] filterNames = names?.ToArray() ?? [.. Enumerable.Range(0, outputs).Select(o => $"filter {o}")];
        if (filterNames.Length != outputs)
            throw new ArgumentException($"Charts.Filters: {filterNames.Length} names for {outputs} filters {weight.ShapeString}; give one name per filter (output channel).", nameof(names));
        var panels = Enumerable.Range(0, count).Select(k =>
        {
            int o = k / inputs, i = k % inputs;
            return new ImagePanel(w.Select(0, o).Select(0, i), inputs == 1 ? filterNames[o] : $"{filterNames[o]}, input {i}");
        });
        string title = $"Filters {weight.ShapeString}" + (count < total ? $" (first {count} of {total} kernels)" : "");
        return new ImageGrid(panels, title, columns, sharedScale: true);
    }

    /// <summary>The filters of <paramref name="layer"/>'s weight; see <see cref="Filters(Tensor, IEnumerable{string}?, int?)"/>.</summary>
    public static ImageGrid Filters(Conv2d layer, IEnumerable<string>? names = null, int? columns = null)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return Filters(layer.Weight, names, columns);
    }

    /// <summary>
    /// Labelled 2-D images ([H, W] or [1, H, W]), possibly of different sizes, drawn at the same scale (one image pixel is
    /// the same number of screen pixels in all), e.g. a scan beside its edge maps, or the outputs of strides 1, 2 and 3.
    /// </summary>
    /// <param name="images">Each image with its label.</param>
    /// <param name="columns">At most this many images per row; null to fill the page width.</param>
    /// <param name="sharedScale">True to draw all images on one colour scale.</param>
    /// <param name="ignoreBorder">Pixels at each edge left out of each image's colour range (see <see cref="FeatureMaps"/>).</param>
    /// <param name="colorMap">The colour map; null for the automatic choice.</param>
    public static ImageGrid Images(IEnumerable<(string Label, Tensor Image)> images, int? columns = null, bool sharedScale = false,
        int ignoreBorder = 0, ColorMap? colorMap = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        return new ImageGrid(images.Select(i => new ImagePanel(i.Image, i.Label, colorMap, ignoreBorder)), null, columns, sharedScale);
    }


}
