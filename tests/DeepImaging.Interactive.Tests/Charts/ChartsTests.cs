using System.Text.Json;
using DeepImaging.Metrics;
using DeepImaging.NN;
using DeepImaging.Training;
using DeepImaging.Interactive.Tests.Formatters;
using Plotly.NET;
using static DeepImaging.Functional;
using static DeepImaging.Interactive.Charts.Charts;

namespace DeepImaging.Interactive.Tests.Charts;

public class ChartsTests
{
    private static JsonElement Json(GenericChart chart) => JsonDocument.Parse(GenericChart.toJson(chart)).RootElement;

    private static JsonElement[] Traces(GenericChart chart) => [.. Json(chart).GetProperty("data").EnumerateArray()];

    private static string Title(GenericChart chart) => Json(chart).GetProperty("layout").GetProperty("title").GetProperty("text").GetString()!;

    [Fact]
    public void The_roc_chart_has_the_curve_the_diagonal_and_the_auc_in_its_title()
    {
        var roc = new RocCurve(new[] { 0, 0, 1, 1 }, new[] { 0.1f, 0.4f, 0.35f, 0.8f });
        var chart = Roc(roc);
        var traces = Traces(chart);
        Assert.Equal(2, traces.Length);
        Assert.Equal(roc.TruePositiveRates, traces[0].GetProperty("y").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(new[] { 0.0, 1.0 }, traces[1].GetProperty("x").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal("ROC curve, AUC = 0.750", Title(chart)); // 3 of 4 positive-negative pairs ranked correctly
    }

    [Fact]
    public void The_confusion_matrix_is_a_heat_map_of_the_counts_written_in_the_cells()
    {
        var matrix = new ConfusionMatrix(new[] { 0, 0, 1, 1, 1 }, new[] { 0, 1, 1, 1, 0 });
        var trace = Traces(ConfusionMatrix(matrix)).Single();
        Assert.Equal("heatmap", trace.GetProperty("type").GetString());
        var z = trace.GetProperty("z").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray();
        Assert.Equal(new[] { new[] { 1, 1 }, new[] { 1, 2 } }, z);
        Assert.Equal("%{z}", trace.GetProperty("texttemplate").GetString());
        // An explicit colour scale: Plotly.NET's name for YlGnBu is misspelt, and plotly.js would ignore it.
        Assert.Equal("#f7fbff", trace.GetProperty("colorscale")[0][1].GetString());
        Assert.Equal(new[] { "predicted 0", "predicted 1" }, trace.GetProperty("x").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public void The_decision_boundary_evaluates_the_classifier_on_a_grid_under_the_points()
    {
        var points = Tensor.From(new float[] { 0, 0, 1, 1, 0, 1, 1, 0 }, 4, 2);
        var labels = Tensor.From(new float[] { 0, 1, 0, 1 }, 4);
        // A classifier whose score is x + y: the boundary is a diagonal.
        var chart = DecisionBoundary(x => x.Sum(1), points, labels, resolution: 5);
        var traces = Traces(chart);
        Assert.Equal(3, traces.Length); // surface + one scatter per class
        var xs = traces[0].GetProperty("x").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var z = traces[0].GetProperty("z").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        Assert.Equal(-0.1, xs[0], 1e-6);
        Assert.Equal(1.1, xs[^1], 1e-6);
        Assert.Equal(xs[2] + xs[3], z[2][3], 1e-5); // row i is y = ys[i], column j is x = xs[j]
        Assert.Equal("class 1", traces[2].GetProperty("name").GetString());
        Assert.Equal(new[] { 1.0, 1.0 }, traces[2].GetProperty("x").EnumerateArray().Select(v => v.GetDouble()));
    }

    [Fact]
    public void The_decision_boundary_shows_unlabelled_points_by_name_with_named_classes_and_axes()
    {
        var points = Tensor.From(new float[] { 0, 0, 1, 1 }, 2, 2);
        var p5 = Tensor.From(new float[] { 1.5f, 0.25f }, 1, 2);
        var chart = DecisionBoundary(x => Sigmoid(x.Sum(1) - 1), points, Tensor.From(new float[] { 0, 1 }, 2), resolution: 4,
            unlabelled: p5, unlabelledNames: ["P5"], classNames: ["F", "M"], xLabel: "height", yLabel: "weight");
        var traces = Traces(chart);
        Assert.Equal(["P(M)", "F", "M", "P5 (unlabelled)"], traces.Select(t => t.GetProperty("name").GetString()));
        var star = traces[3];
        Assert.Equal(1.5, star.GetProperty("x")[0].GetDouble(), 1e-6);
        Assert.Equal("P5", star.GetProperty("text")[0].GetString());
        Assert.Equal("markers+text", star.GetProperty("mode").GetString());
        // The grid covers P5 too: the points span 0..1.5 in x, plus 10% on each side.
        var xs = traces[0].GetProperty("x").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(-0.15, xs[0], 1e-6);
        Assert.Equal(1.65, xs[^1], 1e-6);
        // A probability is drawn on 0..1, so 0.5 is always the middle of the colour bar.
        Assert.Equal(0, traces[0].GetProperty("zmin").GetDouble());
        Assert.Equal(1, traces[0].GetProperty("zmax").GetDouble());
        var layout = Json(chart).GetProperty("layout");
        Assert.Equal("height", layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("weight", layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void The_decision_boundary_legend_is_a_row_above_the_plot_so_it_never_covers_the_colour_bar()
    {
        var chart = DecisionBoundary(x => x.Sum(1), Tensor.From(new float[] { 0, 0, 1, 1 }, 2, 2), Tensor.From(new float[] { 0, 1 }, 2), resolution: 3);
        var legend = Json(chart).GetProperty("layout").GetProperty("legend");
        // The colour bar stands right of the plot (Plotly's default x = 1.02, from the bottom to the top of the plot):
        // a horizontal legend whose lower edge is above the plot's top (y >= 1) cannot overlap it.
        Assert.Equal("h", legend.GetProperty("orientation").GetString());
        Assert.Equal("bottom", legend.GetProperty("yanchor").GetString());
        Assert.True(legend.GetProperty("y").GetDouble() >= 1);
        Assert.False(Traces(chart)[0].GetProperty("colorbar").TryGetProperty("x", out _));
    }

    [Fact]
    public void Bad_decision_boundary_arguments_say_what_is_expected()
    {
        var points = Tensor.From(new float[] { 0, 0, 1, 1 }, 2, 2);
        var labels = Tensor.From(new float[] { 0, 1 }, 2);
        var error = Assert.Throws<ArgumentException>(() => DecisionBoundary(x => x.Sum(1), points, labels, unlabelled: Tensor.Zeros(3)));
        Assert.Contains("unlabelled points must be [M, 2]", error.Message);
        error = Assert.Throws<ArgumentException>(() => DecisionBoundary(x => x.Sum(1), points, labels, unlabelled: Tensor.Zeros(1, 2), unlabelledNames: ["a", "b"]));
        Assert.Contains("2 unlabelled names for 1 unlabelled points", error.Message);
        error = Assert.Throws<ArgumentException>(() => DecisionBoundary(x => x.Sum(1), points, labels, classNames: ["only one"]));
        Assert.Contains("1 class names for the 2 classes", error.Message);
    }

    [Fact]
    public void The_decision_boundary_reduces_class_scores_to_the_arg_max()
    {
        var points = Tensor.From(new float[] { 0, 0, 1, 1 }, 2, 2);
        var model = new Linear(2, 3);
        var chart = DecisionBoundary(model, points, Tensor.From(new float[] { 0, 2 }, 2), resolution: 4);
        var z = Traces(chart)[0].GetProperty("z").EnumerateArray().SelectMany(r => r.EnumerateArray().Select(v => v.GetDouble())).ToArray();
        Assert.Equal(16, z.Length);
        Assert.All(z, v => Assert.Contains(v, new[] { 0.0, 1.0, 2.0 }));
        // The colour bar names the classes: 0 and 2 from the labels, 1 by its number.
        var colorbar = Traces(chart)[0].GetProperty("colorbar");
        Assert.Equal(["class 0", "class 1", "class 2"], colorbar.GetProperty("ticktext").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public void The_training_history_chart_shows_loss_and_accuracy_per_epoch()
    {
        var x = Tensor.From(new float[] { 0, 0, 0, 1, 1, 0, 1, 1 }, 4, 2);
        var y = Tensor.From(new float[] { 0, 1, 1, 1 }, 4, 1);
        var model = new Sequential(new Linear(2, 1, seed: 1));
        var history = new Trainer(model, new BceWithLogitsLoss(), new Sgd(model.Parameters(), 0.5f)) { Epochs = 3, BatchSize = 4 }.Fit(x, y);
        var traces = Traces(TrainingHistory(history));
        Assert.Equal(new[] { "train loss", "train accuracy" }, traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(new[] { 1, 2, 3 }, traces[0].GetProperty("x").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal(history.TrainLosses, traces[0].GetProperty("y").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal("epoch", Json(TrainingHistory(history)).GetProperty("layout").GetProperty("xaxis2").GetProperty("title").GetProperty("text").GetString());
    }
}
