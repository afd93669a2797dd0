using DeepImaging.Data;
using DeepImaging.NN;
using static DeepImaging.Functional;

namespace DeepImaging.Tests.Geometry;

/// <summary>
/// Sizes are computed in checked 64-bit arithmetic: a size that does not fit a tensor is refused by the operation with a
/// message saying what would fit, never wrapped around in 32 bits into a wrong answer, a negative shape or a raw exception.
/// </summary>
public class SizeOverflowTests
{
    private static ArgumentException Refused(Action action) => Assert.ThrowsAny<ArgumentException>(action);

    [Fact]
    public void A_dilation_near_int_max_is_refused_instead_of_giving_size_12()
    {
        var error = Refused(() => ConvArithmetic.OutputSize(10, 3, dilation: int.MaxValue));

        Assert.Equal("ConvArithmetic: kernel 3 (dilation 2147483647, so it spans 4294967295) does not fit the padded input 10 (input 10, padding 0): " +
                     "use padding >= 2147483643, a smaller kernel or a smaller dilation.", error.Message);
    }

    [Fact]
    public void Padding_of_int_max_gives_an_output_size_no_tensor_can_have_and_is_refused()
    {
        var error = Refused(() => ConvArithmetic.OutputSize(10, 3, padding: int.MaxValue));

        Assert.Equal("ConvArithmetic: the output size (input 10, padding 2147483647, kernel 3, stride 1, dilation 1) would be 4,294,967,302, " +
                     "more than a tensor dimension can hold (2,147,483,647); use less padding or a larger stride.", error.Message);
    }

    [Fact]
    public void Full_padding_whose_width_passes_int_max_is_refused()
    {
        var error = Refused(() => ConvArithmetic.OutputSize(10, 3, padding: Padding.Full, dilation: int.MaxValue));

        Assert.StartsWith("ConvArithmetic: padding 'full' with kernel 3 and dilation 2147483647 (dilation x (kernel - 1) rows or columns) would be 4,294,967,294", error.Message);
    }

    [Fact]
    public void The_largest_sizes_that_fit_are_still_computed_exactly()
    {
        // floor((2^31 - 1 - 2) / 2) + 1 = 2^30 - 1, and a large padding that still fits in a dimension.
        Assert.Equal(1073741823, ConvArithmetic.OutputSize(int.MaxValue, 2, stride: 2));
        Assert.Equal(2000000008, ConvArithmetic.OutputSize(10, 3, padding: 1000000000));
    }

    [Fact]
    public void Conv2d_with_a_dilation_of_2_to_the_30_is_refused_instead_of_giving_a_negative_shape()
    {
        var error = Refused(() => Conv2d(Tensor.Zeros(1, 1, 5, 5), Tensor.Zeros(1, 1, 3, 3), dilation: 1 << 30));

        Assert.Equal("Conv2d: kernel 3x3 (dilation 1073741824) does not fit the padded input 5x5 (input 5x5, padding 0): " +
                     "use padding >= 1073741822, a smaller kernel or a smaller dilation.", error.Message);
    }

    [Fact]
    public void Conv2d_with_padding_int_max_is_refused_instead_of_returning_zeros()
    {
        var error = Refused(() => Conv2d(Tensor.Ones(1, 1, 5, 5), Tensor.Ones(1, 1, 3, 3), padding: int.MaxValue));

        Assert.Equal("Conv2d: the padded input (input 5x5, padding 2147483647) height would be 4,294,967,299, " +
                     "more than a tensor dimension can hold (2,147,483,647); use less padding.", error.Message);
    }

    [Fact]
    public void Conv2d_whose_output_would_not_fit_a_tensor_is_refused_before_allocating()
    {
        var error = Refused(() => Conv2d(Tensor.Ones(1, 1, 2, 2), Tensor.Ones(1, 1, 1, 1), padding: 100000));

        Assert.Equal("Conv2d: shape [200002, 200002] has 40,000,800,004 elements, more than one tensor can hold (2,147,483,591); use smaller sizes.", error.Message);
    }

    [Fact]
    public void A_stride_of_int_max_reads_the_padding_without_wrapping_around()
    {
        // The one output position sits in the top-left padding: 0 times the weight, plus the bias (a hand-worked result).
        // Finding the columns inside the image computed width + padding + stride - 1, which passes int.MaxValue here.
        var output = Conv2d(Tensor.Ones(1, 1, 2, 2), Tensor.Full(2f, 1, 1, 1, 1), Tensor.From([0.5f]), stride: int.MaxValue, padding: 1);

        Assert.Equal([1, 1, 1, 1], output.Shape);
        Assert.Equal(0.5f, output.ToArray()[0]);
    }

    [Fact]
    public void Max_pooling_shares_the_same_checked_geometry()
    {
        var error = Refused(() => MaxPool2d(Tensor.Zeros(1, 1, 4, 4), kernelSize: int.MaxValue, padding: 1073741823));

        Assert.Equal("MaxPool2d: the padded input (input 4x4, padding 1073741823) height would be 2,147,483,650, " +
                     "more than a tensor dimension can hold (2,147,483,647); use less padding.", error.Message);
        var pooled = MaxPool2d(Tensor.Ones(1, 1, 4, 4), kernelSize: 3, stride: int.MaxValue, padding: 1);
        Assert.Equal([1, 1, 1, 1], pooled.Shape);
        Assert.Equal(1f, pooled.ToArray()[0]);
    }

    [Fact]
    public void Zeros_of_65536_to_the_fourth_is_refused_instead_of_wrapping_to_zero_elements()
    {
        var error = Refused(() => Tensor.Zeros(65536, 65536, 65536, 65536));

        Assert.Equal("Tensor.Zeros: shape [65536, 65536, 65536, 65536] has 18,446,744,073,709,551,616 elements, " +
                     "more than one tensor can hold (2,147,483,591); use smaller sizes.", error.Message);
    }

    [Fact]
    public void A_shape_with_a_zero_dimension_is_still_an_empty_tensor()
    {
        Assert.Equal(0, Tensor.Zeros(65536, 65536, 65536, 0).Count);
    }

    [Fact]
    public void Reshaping_an_empty_tensor_to_a_huge_shape_is_refused()
    {
        var error = Refused(() => Tensor.Zeros(0).Reshape(65536, 65536, 65536, 65536));

        Assert.StartsWith("Reshape: shape [65536, 65536, 65536, 65536] has 18,446,744,073,709,551,616 elements", error.Message);
    }

    [Fact]
    public void Resize_to_a_huge_size_is_refused_by_name()
    {
        var error = Refused(() => ImageOps.Resize(Tensor.Zeros(3, 4, 4), 100000, 100000));

        Assert.Equal("ImageOps.Resize: shape [3, 100000, 100000] has 30,000,000,000 elements, more than one tensor can hold (2,147,483,591); use smaller sizes.", error.Message);
    }

    [Fact]
    public void Pad_by_int_max_is_refused_by_name()
    {
        var error = Refused(() => Pad(Tensor.Zeros(1, 1, 2, 2), int.MaxValue));

        Assert.Equal("Pad: the padded height (2147483647 + 2 + 2147483647) would be 4,294,967,296, more than a tensor dimension can hold (2,147,483,647); use less padding.", error.Message);
    }

    [Fact]
    public void Pad_whose_result_would_not_fit_a_tensor_is_refused_by_name()
    {
        var error = Refused(() => Pad(Tensor.Zeros(1, 1, 2, 2), 50000));

        Assert.StartsWith("Pad: shape [1, 1, 100002, 100002] has 10,000,400,004 elements", error.Message);
    }

    [Fact]
    public void A_matrix_product_too_large_for_a_tensor_is_refused()
    {
        var error = Refused(() => Tensor.Zeros(100000, 1).MatMul(Tensor.Zeros(1, 100000)));

        Assert.StartsWith("MatMul: shape [100000, 100000] has 10,000,000,000 elements", error.Message);
    }

    [Fact]
    public void A_broadcast_too_large_for_a_tensor_is_refused()
    {
        var error = Refused(() => _ = Tensor.Zeros(65536, 1) + Tensor.Zeros(1, 65536));

        Assert.StartsWith("Add: shape [65536, 65536] has 4,294,967,296 elements", error.Message);
    }

    [Fact]
    public void Cat_whose_joined_dimension_passes_int_max_is_refused()
    {
        var error = Refused(() => Tensor.Cat([Tensor.Zeros(0, 2_000_000_000), Tensor.Zeros(0, 2_000_000_000)], 1));

        Assert.Equal("Cat: dimension 1 of the result would be 4,000,000,000, more than a tensor dimension can hold (2,147,483,647); join fewer or smaller tensors.", error.Message);
    }

    [Fact]
    public void One_hot_with_a_huge_class_count_is_refused()
    {
        var error = Refused(() => OneHot.Encode(Tensor.From([0f, 1, 2, 3]), 1 << 30));

        Assert.StartsWith("OneHot.Encode: shape [4, 1073741824] has 4,294,967,296 elements", error.Message);
    }

    [Fact]
    public void A_summary_whose_parameter_count_passes_the_64_bit_range_is_refused()
    {
        var error = Refused(() => ModelSummary.Dense(2_000_000_000, 2_000_000_000, 2_000_000_000, 2_000_000_000));

        Assert.Equal("ModelSummary: the total parameter count passes 9,223,372,036,854,775,807, the largest count a summary can show; use smaller sizes.", error.Message);
    }

    [Fact]
    public void A_summary_whose_mult_adds_pass_the_64_bit_range_is_refused_by_the_layer()
    {
        var error = Refused(() => ModelSummary.Of([1, 3, 2_000_000_000, 2_000_000_000], LayerSpec.Conv2d(2_000_000_000, 1)));

        Assert.Contains("the mult-add count passes 9,223,372,036,854,775,807", error.Message);
    }

    [Fact]
    public void Flattening_dimensions_whose_product_passes_64_bits_names_the_exact_product()
    {
        // 2147483647³ = 9,903,520,300,447,984,150,353,281,023; a 64-bit product wraps to 4,611,686,024,869,838,847.
        var error = Refused(() => ModelSummary.Of([1, int.MaxValue, int.MaxValue, int.MaxValue], LayerSpec.Flatten()));

        Assert.EndsWith("Flatten(start_dim=1, end_dim=-1): merging [1, 2147483647, 2147483647, 2147483647] gives a dimension of 9,903,520,300,447,984,150,353,281,023, more than a tensor can hold.", error.Message);
    }
}
