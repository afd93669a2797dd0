using DeepImaging.NN;

namespace DeepImaging.Tests.Summary;

/// <summary>
/// Receptive fields in the model summary, worked out by hand with r = r_prev + (k_eff − 1) · j_prev, j = j_prev · stride,
/// k_eff = dilation · (k − 1) + 1, starting from r = 1, j = 1 at the input.
/// </summary>
public class ReceptiveFieldTests
{
    private static int?[] Fields(ModelSummary summary) => [.. summary.Rows.Select(r => r.ReceptiveField)];

    [Fact]
    public void Two_3x3_convolutions_see_3_then_5_pixels()
    {
        // r1 = 1 + 2·1 = 3; r2 = 3 + 2·1 = 5. ReLU keeps its input's field.
        var summary = ModelSummary.Of(new Sequential(new Conv2d(1, 4, 3), new ReLU(), new Conv2d(4, 4, 3)), 1, 1, 28, 28);
        Assert.Equal([3, 3, 5], Fields(summary));
    }

    [Fact]
    public void Pooling_doubles_the_jump_so_the_next_convolution_grows_the_field_twice_as_fast()
    {
        // conv3: r 3, j 1; pool2: r 3 + 1·1 = 4, j 2; conv3: r 4 + 2·2 = 8, j 2; pool2: r 8 + 1·2 = 10, j 4; conv3: 10 + 2·4 = 18.
        var summary = ModelSummary.Of(new Sequential(
            new Conv2d(1, 8, 3, padding: 1), new ReLU(), new MaxPool2d(2),
            new Conv2d(8, 16, 3, padding: 1), new ReLU(), new MaxPool2d(2),
            new Conv2d(16, 16, 3, padding: 1)), 1, 1, 28, 28);
        Assert.Equal([3, 3, 4, 8, 8, 10, 18], Fields(summary));
    }

    [Fact]
    public void A_strided_convolution_multiplies_the_jump_for_the_layers_after_it()
    {
        // conv k5 s2: r 5, j 2; conv k3 s1: r 5 + 2·2 = 9, j 2; conv k3 s2: r 9 + 2·2 = 13, j 4; conv k1: 13.
        var summary = ModelSummary.Of([1, 3, 64, 64],
            LayerSpec.Conv2d(8, 5, stride: 2, padding: 2), LayerSpec.Conv2d(8, 3, padding: 1),
            LayerSpec.Conv2d(8, 3, stride: 2, padding: 1), LayerSpec.Conv2d(8, 1));
        Assert.Equal([5, 9, 13, 13], Fields(summary));
    }

    [Fact]
    public void Dilation_spreads_the_kernel_over_more_pixels()
    {
        // k 3, d 2: k_eff = 2·2 + 1 = 5, r = 5; then k 3, d 4: k_eff = 9, r = 5 + 8 = 13 (the WaveNet-style doubling).
        var summary = ModelSummary.Of([1, 1, 32, 32], LayerSpec.Conv2d(4, 3, dilation: 2), LayerSpec.Conv2d(4, 3, dilation: 4));
        Assert.Equal([5, 13], Fields(summary));
        Assert.Equal(["5x5", "13x13"], summary.Rows.Select(ModelSummary.ReceptiveFieldText));
    }

    [Fact]
    public void A_rectangular_kernel_gives_a_rectangular_field()
    {
        var summary = ModelSummary.Of([1, 1, 16, 16], LayerSpec.Conv2d(2, (1, 5)), LayerSpec.Conv2d(2, (3, 1)));
        Assert.Equal(["1x5", "3x5"], summary.Rows.Select(ModelSummary.ReceptiveFieldText));
        Assert.Equal([5, 5], Fields(summary));
    }

    [Fact]
    public void Dense_layers_see_the_whole_image()
    {
        // conv3 on 28x28: 3x3; Flatten keeps each value's field; Linear mixes all 28x28 pixels, and so do the layers after it.
        var summary = ModelSummary.Of(new Sequential(new Conv2d(1, 2, 3), new Flatten(), new Linear(2 * 26 * 26, 4), new ReLU(), new Linear(4, 2)), 1, 1, 28, 28);
        Assert.Equal([3, 3, 28, 28, 28], Fields(summary));
        Assert.Equal(["3x3", "3x3", "28x28 (all)", "28x28 (all)", "28x28 (all)"], summary.Rows.Select(ModelSummary.ReceptiveFieldText));
    }

    [Fact]
    public void A_field_that_has_grown_past_the_image_stays_that_large_after_a_dense_layer()
    {
        // Three 3x3 convolutions with padding 1 on a 4x4 image see 7x7 pixels, 3 of them padding.
        var summary = ModelSummary.Of([1, 1, 4, 4], LayerSpec.Conv2d(1, 3, padding: 1), LayerSpec.Conv2d(1, 3, padding: 1),
            LayerSpec.Conv2d(1, 3, padding: 1), LayerSpec.Flatten(), LayerSpec.Linear(2));
        Assert.Equal([3, 5, 7, 7, 7], Fields(summary));
    }

    [Fact]
    public void A_dense_network_on_features_has_no_receptive_field_column()
    {
        var summary = ModelSummary.Dense(2, 4, 1);
        Assert.All(summary.Rows, r => Assert.Null(r.ReceptiveField));
        Assert.False(summary.HasReceptiveFields);
        Assert.DoesNotContain("Receptive field", summary.ToString());
    }

    [Fact]
    public void The_text_table_has_a_receptive_field_column_for_an_image_input()
    {
        var lines = ModelSummary.Of(new Sequential(new Conv2d(1, 4, 3), new MaxPool2d(2), new Flatten(), new Linear(4 * 13 * 13, 2)), 1, 1, 28, 28)
            .ToString().Split('\n');
        Assert.EndsWith("Receptive field", lines[0]);
        Assert.EndsWith("   3x3", lines[2]);
        Assert.EndsWith("   4x4", lines[3]);
        Assert.EndsWith("   28x28 (all)", lines[5]);
    }

    [Fact]
    public void Nested_containers_chain_their_fields_through_the_inner_layers()
    {
        var block = new Sequential(new Conv2d(2, 2, 3, padding: 1), new ReLU());
        var summary = ModelSummary.Of(new Sequential(new Conv2d(1, 2, 3, padding: 1), block, new AvgPool2d(2)), 1, 1, 8, 8);
        Assert.Equal(["0", "1.0", "1.1", "2"], summary.Rows.Select(r => r.Name));
        Assert.Equal([3, 5, 5, 6], Fields(summary));
    }
}
