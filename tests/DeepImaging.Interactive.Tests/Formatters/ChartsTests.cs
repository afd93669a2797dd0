using System.Text.Json;
using DeepImaging.Metrics;
using DeepImaging.NN;
using DeepImaging.Training;
using Plotly.NET;
using static DeepImaging.Interactive.Charts.Charts;

namespace DeepImaging.Interactive.Tests.Formatters;

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
    public void The_decision_boundary_reduces_class_scores_to_the_arg_max()
    {
        var points = Tensor.From(new float[] { 0, 0, 1, 1 }, 2, 2);
        var model = new Linear(2, 3);
        var chart = DecisionBoundary(model, points, Tensor.From(new float[] { 0, 2 }, 2), resolution: 4);
        var z = Traces(chart)[0].GetProperty("z").EnumerateArray().SelectMany(r => r.EnumerateArray().Select(v => v.GetDouble())).ToArray();
        Assert.Equal(16, z.Length);
        Assert.All(z, v => Assert.Contains(v, new[] { 0.0, 1.0, 2.0 }));
    }

    [Fact]
    public void Feature_maps_become_one_heat_map_per_channel()
    {
        var maps = Tensor.Arange(2 * 3 * 4).Reshape(2, 3, 4);
        var chart = FeatureMaps(maps);
        var traces = Traces(chart);
        Assert.Equal(2, traces.Length);
        var z = traces[1].GetProperty("z").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        Assert.Equal(new double[] { 12, 13, 14, 15 }, z[0]);
        Assert.Equal(3, z.Length);
        Assert.Throws<ArgumentException>(() => FeatureMaps(Tensor.Zeros(4, 4)));
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
    }
}
