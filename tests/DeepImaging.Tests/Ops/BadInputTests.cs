using static DeepImaging.Functional;

namespace DeepImaging.Tests.Ops;

/// <summary>Every public entry point refuses bad arguments with a message that says what was wrong and what would be right.</summary>
public class BadInputTests
{
    private static ArgumentException Refused(Action action) => Assert.ThrowsAny<ArgumentException>(action);

    [Fact]
    public void A_kernel_larger_than_the_padded_input_is_refused_with_advice()
    {
        var error = Refused(() => Conv2d(Tensor.Zeros(1, 1, 3, 3), Tensor.Zeros(1, 1, 5, 5)));
        Assert.Equal("Conv2d: kernel 5x5 (dilation 1) does not fit the padded input 3x3 (input 3x3, padding 0): use padding >= 1 or a smaller kernel.", error.Message);
    }

    [Fact]
    public void A_dilated_kernel_that_no_longer_fits_is_refused()
    {
        var error = Refused(() => Conv2d(Tensor.Zeros(1, 1, 4, 4), Tensor.Zeros(1, 1, 3, 3), dilation: 2));
        Assert.Contains("kernel 3x3 (dilation 2) does not fit the padded input 4x4", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Stride_below_one_is_refused(int stride)
    {
        var error = Refused(() => Conv2d(Tensor.Zeros(1, 1, 5, 5), Tensor.Zeros(1, 1, 3, 3), stride: stride));
        Assert.Contains($"stride must be >= 1, got {stride}", error.Message);
    }

    [Fact]
    public void Dilation_below_one_is_refused()
    {
        var error = Refused(() => Conv2d(Tensor.Zeros(1, 1, 5, 5), Tensor.Zeros(1, 1, 3, 3), dilation: 0));
        Assert.Contains("dilation must be >= 1, got 0", error.Message);
    }

    [Fact]
    public void Negative_padding_is_refused()
    {
        var error = Refused(() => Conv2d(Tensor.Zeros(1, 1, 5, 5), Tensor.Zeros(1, 1, 3, 3), padding: -1));
        Assert.Contains("padding -1 is negative", error.Message);
    }

    [Fact]
    public void Channel_counts_that_do_not_match_are_refused()
    {
        var error = Refused(() => Conv2d(Tensor.Zeros(1, 3, 5, 5), Tensor.Zeros(4, 2, 3, 3)));
        Assert.Contains("input [1, 3, 5, 5] has 3 channels but weight [4, 2, 3, 3] expects 2", error.Message);
    }

    [Fact]
    public void Channels_not_divisible_by_groups_are_refused()
    {
        var error = Refused(() => Conv2d(Tensor.Zeros(1, 3, 5, 5), Tensor.Zeros(4, 1, 3, 3), groups: 2));
        Assert.Contains("must both be divisible by groups (2)", error.Message);
    }

    [Fact]
    public void A_bias_of_the_wrong_length_is_refused()
    {
        var error = Refused(() => Conv2d(Tensor.Zeros(1, 1, 5, 5), Tensor.Zeros(2, 1, 3, 3), Tensor.Zeros(3)));
        Assert.Contains("one value per output channel (2); got shape [3]", error.Message);
    }

    [Fact]
    public void Same_padding_with_stride_two_is_refused()
    {
        var error = Refused(() => Conv2d(Tensor.Zeros(1, 1, 8, 8), Tensor.Zeros(1, 1, 3, 3), stride: 2, padding: Padding.Same));
        Assert.Contains("padding 'same' needs stride 1 (got stride 2)", error.Message);
    }

    [Fact]
    public void A_one_dimensional_input_is_refused()
    {
        var error = Refused(() => Conv2d(Tensor.Zeros(5), Tensor.Zeros(1, 1, 3, 3)));
        Assert.Contains("input must be [N, C, H, W], [C, H, W] or [H, W]; got shape [5]", error.Message);
    }

    [Fact]
    public void Shape_and_data_length_mismatch_in_From_is_refused()
    {
        var error = Refused(() => Tensor.From([1f, 2, 3], 2, 2));
        Assert.Equal("Tensor.From: 3 values do not fill shape [2, 2], which needs 4. (Parameter 'data')", error.Message);
        Refused(() => Tensor.Zeros(2, -1));
    }

    [Fact]
    public void Shapes_that_cannot_broadcast_are_refused()
    {
        var error = Refused(() => _ = Tensor.Zeros(2, 3) + Tensor.Zeros(4));
        Assert.Contains("shapes [2, 3] and [4] cannot be broadcast together", error.Message);
    }

    [Fact]
    public void MatMul_with_mismatched_inner_sizes_is_refused()
    {
        var error = Refused(() => Tensor.Zeros(2, 3).MatMul(Tensor.Zeros(2, 3)));
        Assert.Contains("inner dimensions differ", error.Message);
    }

    [Fact]
    public void Reshape_to_a_different_element_count_is_refused()
    {
        var error = Refused(() => Tensor.Zeros(6).Reshape(4, 2));
        Assert.Contains("holds 8 elements but the tensor of shape [6] has 6", error.Message);
        Refused(() => Tensor.Zeros(6).Reshape(-1, -1));
    }

    [Fact]
    public void Out_of_range_indices_and_dimensions_are_refused()
    {
        var t = Tensor.Zeros(2, 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => t[2, 0]);
        Assert.Throws<ArgumentException>(() => t[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Sum(2));
        Assert.Throws<ArgumentException>(() => t.Permute(0, 0));
    }

    [Fact]
    public void Pooling_with_too_much_padding_or_a_zero_stride_is_refused()
    {
        Assert.Contains("between 0 and half the kernel size", Refused(() => MaxPool2d(Tensor.Zeros(1, 1, 4, 4), 2, padding: 2)).Message);
        Assert.Contains("stride must be >= 1", Refused(() => AvgPool2d(Tensor.Zeros(1, 1, 4, 4), 2, stride: 0)).Message);
        Assert.Contains("does not fit", Refused(() => MaxPool2d(Tensor.Zeros(1, 1, 2, 2), 3)).Message);
    }

    [Fact]
    public void Reflect_padding_wider_than_the_image_is_refused()
    {
        var error = Refused(() => Pad(Tensor.Zeros(1, 1, 2, 2), 2, PaddingFill.Reflect));
        Assert.Contains("reflect padding (2, 2) must be smaller than the input height 2", error.Message);
    }

    [Fact]
    public void Backward_without_gradients_explains_what_to_do()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Tensor.Ones(2).Sum().Backward());
        Assert.Contains("set RequiresGrad = true", error.Message);
        var vector = Tensor.Ones(2).RequireGrad() * 2;
        Assert.Contains("needs a single value", Assert.Throws<InvalidOperationException>(() => vector.Backward()).Message);
    }

    [Fact]
    public void Arange_with_an_infinite_or_huge_range_is_refused_instead_of_running_out_of_memory()
    {
        Assert.Contains("must be finite", Refused(() => Tensor.Arange(0, float.PositiveInfinity)).Message);
        Assert.Contains("more than a tensor can hold", Refused(() => Tensor.Arange(0, 1e10f)).Message);
        Assert.Contains("non-zero step", Refused(() => Tensor.Arange(0, 1, 0)).Message);
    }

    [Fact]
    public void Convolve2d_names_itself_in_its_errors()
    {
        var error = Refused(() => Convolve2d(Tensor.Zeros(1, 1, 3, 3), Tensor.Zeros(1, 1, 5, 5)));
        Assert.StartsWith("Convolve2d: kernel 5x5", error.Message);
    }

    [Fact]
    public void Pooling_with_a_negative_kernel_says_so_before_anything_else()
    {
        Assert.Contains("kernel height must be >= 1, got -1", Refused(() => MaxPool2d(Tensor.Zeros(1, 1, 4, 4), -1)).Message);
    }

    [Fact]
    public void An_undefined_padding_mode_is_refused()
    {
        Assert.Contains("is not a padding mode", Refused(() => Pad(Tensor.Zeros(2, 2), 1, (PaddingFill)42)).Message);
    }
}
