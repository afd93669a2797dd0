using DeepImaging.Explain;
using DeepImaging.NN;

namespace DeepImaging.Tests.Explain;

/// <summary>Receptive-field regions on the image, worked out by hand from r = r_prev + (k_eff − 1) · j_prev and the padding.</summary>
public class ReceptiveFieldFigureTests
{
    /// <summary>conv3 p1, ReLU, pool2, conv3 p1, ReLU, pool2, conv3 p1 on 28x28: the last conv outputs 7x7.</summary>
    private static Sequential Model() => new(
        new Conv2d(1, 2, 3, padding: 1), new ReLU(), new MaxPool2d(2),
        new Conv2d(2, 2, 3, padding: 1), new ReLU(), new MaxPool2d(2),
        new Conv2d(2, 2, 3, padding: 1));

    [Fact]
    public void The_middle_value_of_the_last_layer_sees_nested_squares_that_grow_layer_by_layer()
    {
        var figure = ReceptiveFieldFigure.Of(Model(), Tensor.Zeros(1, 28, 28));

        // Last conv: field 18, jump 4, first pixel -1 - 1·2 - 1·4 = -7 for value 0, so value 3 sees rows 5..22 (centre 13.5).
        // Each earlier layer contributes its value centred nearest 13.5: conv 0 (r 3, j 1, start -1): value 14, rows 13..15;
        // pool 2 (r 4, j 2, start -1): value 7, rows 13..16; conv 3 (r 8, j 2, start -3): value 7, rows 11..18;
        // pool 5 (r 10, j 4, start -3): value 3, rows 9..18. ReLUs see what the layer before them sees and are left out.
        Assert.Equal(new[]
        {
            new ReceptiveFieldRegion("0", "Conv2d", 14, 14, 13, 13, 3, 3),
            new ReceptiveFieldRegion("2", "MaxPool2d", 7, 7, 13, 13, 4, 4),
            new ReceptiveFieldRegion("3", "Conv2d", 7, 7, 11, 11, 8, 8),
            new ReceptiveFieldRegion("5", "MaxPool2d", 3, 3, 9, 9, 10, 10),
            new ReceptiveFieldRegion("6", "Conv2d", 3, 3, 5, 5, 18, 18),
        }, figure.Regions);
        Assert.Equal(("6", 3, 3), (figure.Layer, figure.Row, figure.Column));
        Assert.Equal([28, 28], figure.Image.Shape);
    }

    [Fact]
    public void A_corner_value_reaches_into_the_padding()
    {
        var figure = ReceptiveFieldFigure.Of(Model(), Tensor.Zeros(1, 28, 28), row: 0, column: 6, layer: 6);
        var last = figure.Regions[^1];
        // Value (0, 6): rows -7..10, columns -7 + 24 = 17..34; the image ends at 27.
        Assert.Equal((-7, 17, 18, 18), (last.Top, last.Left, last.Height, last.Width));
        Assert.True(last.ReachesPadding(28, 28));
        Assert.Equal("layer 6 (Conv2d), value [0, 6]: 18x18 pixels, rows -7..10, columns 17..34 (partly in the padding)", last.Describe(28, 28));
        Assert.StartsWith("Receptive field of output [0, 6] of layer 6 on the 28x28 image:\nlayer 0 (Conv2d)", figure.ToString());
    }

    [Fact]
    public void Strides_and_dilation_are_followed_with_separate_heights_and_widths()
    {
        // conv k (3, 5) stride 2, then conv 3 dilation 2: height r 3 then 3 + 2·2·2 = 11; width 5 then 5 + 4·2 = 13.
        var model = new Sequential(new Conv2d(3, 4, (3, 5), stride: 2), new Conv2d(4, 4, 3, dilation: 2));
        var figure = ReceptiveFieldFigure.Of(model, Tensor.Ones(3, 21, 21));
        Assert.Equal((11, 13), (figure.Regions[^1].Height, figure.Regions[^1].Width));
        // The colour image is drawn in grey: luma of (1, 1, 1) is 1.
        Assert.All(figure.Image.ToArray(), v => Assert.Equal(1f, v, 1e-6f));
    }

    [Fact]
    public void Layers_without_feature_maps_and_values_outside_the_output_are_refused()
    {
        var model = new Sequential(new Conv2d(1, 2, 3), new Flatten(), new Linear(2 * 26 * 26, 2));
        var image = Tensor.Zeros(28, 28);
        Assert.Equal("0", ReceptiveFieldFigure.Of(model, image).Layer);
        Assert.Contains("layer 2 (Linear) outputs [1, 2], not feature maps [N, C, h, w]: each of its values sees the whole image.",
            Assert.Throws<ArgumentException>(() => ReceptiveFieldFigure.Of(model, image, layer: 2)).Message);
        Assert.Contains("output value (26, 0) is outside layer 0's 26x26 output",
            Assert.Throws<ArgumentException>(() => ReceptiveFieldFigure.Of(model, image, row: 26, column: 0)).Message);
        Assert.Contains("layer 3 does not exist", Assert.Throws<ArgumentException>(() => ReceptiveFieldFigure.Of(model, image, layer: 3)).Message);
        Assert.Contains("cannot take an input", Assert.Throws<ArgumentException>(() => ReceptiveFieldFigure.Of(model, Tensor.Zeros(3, 28, 28))).Message);
        Assert.Contains("one image", Assert.Throws<ArgumentException>(() => ReceptiveFieldFigure.Of(model, Tensor.Zeros(2, 1, 28, 28))).Message);
    }
}
