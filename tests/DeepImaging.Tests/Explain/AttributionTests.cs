using System.Text.Json;
using DeepImaging.Explain;
using DeepImaging.NN;

namespace DeepImaging.Tests.Explain;

/// <summary>
/// Saliency, Grad-CAM and occlusion against PyTorch (Fixtures/make_attribution_fixtures.py) and against hand-built
/// models whose maps can be worked out on paper.
/// </summary>
public class AttributionTests
{
    private static readonly JsonElement[] Cases = Fixture.Cases("attribution.json");

    /// <summary>The fixture's CNN with PyTorch's weights, left in training mode (the maps must not depend on Dropout).</summary>
    private static (Sequential Model, Tensor Input) ReferenceModel()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Fixture.PathOf("attribution.json")));
        var root = doc.RootElement;
        var model = new Sequential(new Conv2d(3, 4, 3, padding: 1), new ReLU(), new MaxPool2d(2), new Conv2d(4, 6, 3, padding: 1),
            new ReLU(), new Flatten(), new Dropout(0.5f, seed: 1), new Linear(216, 3));
        model.LoadStateDict(root.GetProperty("parameters").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.Tensor("values", "shape")));
        var input = root.Tensor("input", "input_shape");
        model.Eval();
        Close.Check(root.Floats("logits"), model.Forward(input).ToArray(), 1e-5, "logits");
        model.Train();
        return (model, input);
    }

    public static TheoryData<string> CaseNames => [.. Cases.Select(c => c.GetProperty("name").GetString()!)];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Maps_match_PyTorch_on_a_small_cnn(string name)
    {
        var c = Cases.Single(x => x.GetProperty("name").GetString() == name);
        var (model, input) = ReferenceModel();
        int target = c.GetProperty("target").GetInt32();
        var (map, tolerance) = c.GetProperty("method").GetString() switch
        {
            "saliency" => (Attribution.Saliency(model, input, target), 1e-5),
            "grad_cam" => (Attribution.GradCam(model, input, target, c.IsNull("layer") ? null : c.GetProperty("layer").GetInt32()), 1e-4),
            _ => (Attribution.Occlusion(model, input, target, c.GetProperty("window").GetInt32(), c.GetProperty("stride").GetInt32()), 1e-5),
        };
        Assert.Equal([2, 12, 12], map.Shape);
        Close.Check(c.Floats("map"), map.ToArray(), tolerance, name);
    }

    /// <summary>A linear classifier with one output: logit = Σ weight · x + 0.5 over the flattened image.</summary>
    private static Sequential LinearModel(float[] weights)
    {
        var linear = new Linear(weights.Length, 1);
        linear.LoadStateDict(new Dictionary<string, Tensor> { ["weight"] = Tensor.From(weights, 1, weights.Length), ["bias"] = Tensor.From([0.5f], 1) });
        return new Sequential(new Flatten(), linear);
    }

    [Fact]
    public void Saliency_of_a_linear_model_is_the_largest_absolute_weight_over_the_channels()
    {
        // Channel 0 and channel 1 weights of a 2 x 2 image: the gradient of a linear score is its weights.
        float[] weights = [1, -2, 3, 0.5f, /* channel 1 */ -4, 1, -1, 0.25f];
        var map = Attribution.Saliency(LinearModel(weights), Tensor.Rand([3, 2, 2, 2], seed: 5), 0);
        Assert.Equal([3, 2, 2], map.Shape);
        for (int i = 0; i < 3; i++)
            Assert.Equal(new float[] { 4, 2, 3, 0.5f }, map.ToArray()[(i * 4)..(i * 4 + 4)]);
    }

    [Fact]
    public void Occlusion_of_a_linear_model_with_a_one_pixel_window_is_weight_times_pixel()
    {
        float[] weights = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        var input = Tensor.From([1, -1, 2, 0, 1, 1, 3, 1, -2], 1, 1, 3, 3);
        var map = Attribution.Occlusion(LinearModel(weights), input, 0, window: 1, stride: 1);
        Assert.Equal(new float[] { 1, -2, 6, 0, 5, 6, 21, 8, -18 }, map.ToArray());
    }

    [Fact]
    public void Occlusion_averages_the_drop_over_the_windows_that_cover_each_pixel()
    {
        // Image of ones, weights 1..9: the 2x2 windows at (0,0), (0,1), (1,0), (1,1) drop the score by 12, 16, 24 and 28.
        // A corner is covered by one window, an edge pixel by two, the centre by all four: (12 + 16 + 24 + 28) / 4 = 20.
        float[] weights = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        var map = Attribution.Occlusion(LinearModel(weights), Tensor.Ones(1, 1, 3, 3), 0, window: 2, stride: 1);
        Assert.Equal(new float[] { 12, 14, 16, 18, 20, 22, 24, 26, 28 }, map.ToArray());
    }

    [Fact]
    public void Occlusion_cuts_the_last_window_at_the_border_so_every_pixel_is_covered()
    {
        // Width 3, window 2, stride 2: windows start at columns 0 and 2; the second covers column 2 only.
        var wide = Attribution.Occlusion(LinearModel([1, 2, 3, 4, 5, 6]), Tensor.Ones(1, 1, 2, 3), 0, window: 2, stride: 2);
        // Window at column 0 covers weights 1, 2, 4, 5 (drop 12); the cut window at column 2 covers 3 and 6 (drop 9).
        Assert.Equal(new float[] { 12, 12, 9, 12, 12, 9 }, wide.ToArray());
    }

    /// <summary>
    /// A 1x1 convolution copying the image into channel 0 and its negative into channel 1, a global average, and a
    /// linear layer with weights (a, b): logit = (a − b) · mean(x). The gradient at the convolution's output is a / 16 and
    /// b / 16 everywhere, so Grad-CAM at layer 0 is ReLU((a − b) / 16 · x), then scaled to [0, 1].
    /// </summary>
    private static Sequential TwoChannelModel(float a, float b)
    {
        var conv = new Conv2d(1, 2, 1, bias: false);
        conv.LoadStateDict(new Dictionary<string, Tensor> { ["weight"] = Tensor.From([1f, -1f], 2, 1, 1, 1) });
        var linear = new Linear(2, 1);
        linear.LoadStateDict(new Dictionary<string, Tensor> { ["weight"] = Tensor.From([a, b], 1, 2), ["bias"] = Tensor.From([0.25f], 1) });
        return new Sequential(conv, new AvgPool2d(4), new Flatten(), linear);
    }

    [Fact]
    public void Grad_cam_of_a_hand_built_model_is_the_image_scaled_to_0_1()
    {
        var x = Tensor.Arange(16).Reshape(1, 1, 4, 4);
        var map = Attribution.GradCam(TwoChannelModel(3, 1), x, 0);
        Close.Check([.. Enumerable.Range(0, 16).Select(v => v / 15f)], map.ToArray(), 1e-6, "Grad-CAM");
    }

    [Fact]
    public void Grad_cam_keeps_only_the_positive_evidence()
    {
        // x = -5..10: ReLU(x / 8) is 0 up to x = 0, then x / 8; scaled by its maximum 10 / 8.
        var x = (Tensor.Arange(16) - 5f).Reshape(1, 1, 4, 4);
        var map = Attribution.GradCam(TwoChannelModel(3, 1), x, 0, layer: 0);
        Close.Check([.. Enumerable.Range(0, 16).Select(v => Math.Max(v - 5, 0) / 10f)], map.ToArray(), 1e-6, "Grad-CAM");
    }

    [Fact]
    public void Grad_cam_is_all_zeros_when_no_channel_speaks_for_the_target()
    {
        // a < b: the weighted sum is -x / 8 <= 0 everywhere, so ReLU leaves a constant (zero) map.
        var map = Attribution.GradCam(TwoChannelModel(1, 3), Tensor.Arange(16).Reshape(1, 1, 4, 4), 0);
        Assert.All(map.ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void The_model_is_left_with_its_modes_parameters_and_gradients_as_found()
    {
        var (model, input) = ReferenceModel();
        model[3].Eval(); // a mixed state: the whole model trains except one layer
        var earlierGrad = Tensor.Full(0.5f, 4);
        model[0].NamedParameters().Single(p => p.Name == "bias").Parameter.Grad = earlierGrad;
        var frozen = model[7].NamedParameters().Single(p => p.Name == "bias").Parameter;
        frozen.RequiresGrad = false;

        var modes = model.Modules().Select(m => m.IsTraining).ToList();
        var parameters = model.NamedParameters().Select(p => (p.Name, Values: p.Parameter.ToArray(), p.Parameter.Grad, p.Parameter.RequiresGrad)).ToList();
        var inputValues = input.ToArray();

        Attribution.Saliency(model, input, 1);
        Attribution.GradCam(model, input, 1);
        Attribution.Occlusion(model, input, 1, window: 4, stride: 4);

        Assert.Equal(modes, model.Modules().Select(m => m.IsTraining));
        Assert.True(model.IsTraining);
        Assert.False(model[3].IsTraining);
        foreach (var (before, after) in parameters.Zip(model.NamedParameters()))
        {
            Assert.Equal(before.Values, after.Parameter.ToArray());
            Assert.Same(before.Grad, after.Parameter.Grad);
            Assert.Equal(before.RequiresGrad, after.Parameter.RequiresGrad);
        }
        Assert.Equal(new float[] { 0.5f, 0.5f, 0.5f, 0.5f }, earlierGrad.ToArray());
        Assert.Equal(inputValues, input.ToArray());
        Assert.Null(input.Grad);
        Assert.False(input.RequiresGrad);
    }

    [Fact]
    public void The_model_is_restored_even_when_the_target_is_rejected()
    {
        var (model, input) = ReferenceModel();
        Assert.Throws<ArgumentException>(() => Attribution.Saliency(model, input, 3));
        Assert.True(model.Modules().All(m => m.IsTraining));
        Assert.True(model.Parameters().All(p => p.RequiresGrad && p.Grad is null));
    }

    [Fact]
    public void Peaks_are_the_row_and_column_of_each_maximum()
    {
        var maps = Tensor.From([0, 1, 0, 0, /* second map */ 0, 0, 0, 2, /* third */ 5, 5, 1, 1], 3, 2, 2);
        Assert.Equal(new[] { (0, 1), (1, 1), (0, 0) }, Attribution.Peaks(maps));
    }

    [Fact]
    public void Bad_arguments_are_explained()
    {
        var (model, input) = ReferenceModel();
        Assert.Contains("input.Unsqueeze(0)", Assert.Throws<ArgumentException>(() => Attribution.Saliency(model, input.Select(0, 0), 0)).Message);
        Assert.Contains("target 3 is not a class of the model, which has 3 outputs (0..2)", Assert.Throws<ArgumentException>(() => Attribution.GradCam(model, input, 3)).Message);
        Assert.Contains("target -1", Assert.Throws<ArgumentException>(() => Attribution.Occlusion(model, input, -1, 2, 2)).Message);
        Assert.Contains("window 0 must be between 1 and the image's smaller side, 12", Assert.Throws<ArgumentException>(() => Attribution.Occlusion(model, input, 0, 0, 1)).Message);
        Assert.Contains("window 13", Assert.Throws<ArgumentException>(() => Attribution.Occlusion(model, input, 0, 13, 1)).Message);
        Assert.Contains("stride 3 must be between 1 and the window (2)", Assert.Throws<ArgumentException>(() => Attribution.Occlusion(model, input, 0, 2, 3)).Message);
        Assert.Contains("layer 8 does not exist; the model has 8 layers (0..7)", Assert.Throws<ArgumentException>(() => Attribution.GradCam(model, input, 0, 8)).Message);
        Assert.Contains("layer 5 (Flatten) outputs [2, 216]", Assert.Throws<ArgumentException>(() => Attribution.GradCam(model, input, 0, 5)).Message);
        Assert.Contains("has no Conv2d layer", Assert.Throws<ArgumentException>(() => Attribution.GradCam(LinearModel([1, 2, 3, 4]), Tensor.Ones(1, 1, 2, 2), 0)).Message);
        Assert.Contains("the model's output has shape [2, 4, 12, 12]", Assert.Throws<ArgumentException>(() => Attribution.Saliency(new Sequential(new Conv2d(3, 4, 3, padding: 1)), input, 0)).Message);
        Assert.Contains("single output", Assert.Throws<ArgumentException>(() => Attribution.Saliency(LinearModel([1, 2, 3, 4]), Tensor.Ones(1, 1, 2, 2), 1)).Message);
        Assert.Contains("layer 0 (Conv2d) cannot take an input of shape [2, 3, 12, 12]", Assert.Throws<ArgumentException>(() => Attribution.Saliency(new Sequential(new Conv2d(1, 4, 3), new Flatten()), input, 0)).Message);
        using (Tensor.NoGrad())
            Assert.Contains("Tensor.NoGrad()", Assert.Throws<InvalidOperationException>(() => Attribution.Saliency(model, input, 0)).Message);
    }

    [Fact]
    public void An_overlay_keeps_the_images_in_grey_with_their_maps()
    {
        var colour = Tensor.Ones(2, 3, 4, 4);
        var overlay = Attribution.Overlay(colour, Tensor.Arange(32).Reshape(2, 4, 4), "test");
        Assert.Equal([2, 4, 4], overlay.Image.Shape);
        Close.Check(Enumerable.Repeat(1f, 32).ToArray(), overlay.Image.ToArray(), 1e-6, "grey");
        Assert.Equal("test: 2 map(s) of 4x4 from 0 to 31; peaks: image 0 at (row 3, column 3), image 1 at (row 3, column 3)", overlay.ToString());
        Assert.Contains("give one map per image", Assert.Throws<ArgumentException>(() => Attribution.Overlay(colour, Tensor.Zeros(3, 4, 4))).Message);
        Assert.Contains("does not match map", Assert.Throws<ArgumentException>(() => Attribution.Overlay(colour, Tensor.Zeros(2, 4, 5))).Message);
    }
}
