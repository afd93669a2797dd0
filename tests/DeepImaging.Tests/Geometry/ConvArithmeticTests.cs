namespace DeepImaging.Tests.Geometry;

public class ConvArithmeticTests
{
    [Fact]
    public void A_3x3_kernel_on_256_pixels_gives_254_256_258_for_valid_same_full()
    {
        Assert.Equal(254, ConvArithmetic.OutputSize(256, 3, padding: Padding.Valid));
        Assert.Equal(256, ConvArithmetic.OutputSize(256, 3, padding: Padding.Same));
        Assert.Equal(258, ConvArithmetic.OutputSize(256, 3, padding: Padding.Full));
        Assert.Equal(new[] { 254, 256, 258 }, new[] { 0, 1, 2 }.Select(p => ConvArithmetic.OutputSize(256, 3, 1, p)));
    }

    [Fact]
    public void The_named_modes_match_a_real_convolution()
    {
        var image = Tensor.Zeros(1, 1, 256, 256);
        var kernel = Tensor.Ones(1, 1, 3, 3);
        foreach (var (padding, size) in new[] { (Padding.Valid, 254), (Padding.Same, 256), (Padding.Full, 258) })
            Assert.Equal(new[] { 1, 1, size, size }, DeepImaging.Functional.Conv2d(image, kernel, padding: padding).Shape);
    }

    [Theory]
    [InlineData(256, 3, 2, 1, 1, 128)]
    [InlineData(7, 3, 2, 0, 1, 3)]
    [InlineData(5, 3, 3, 1, 1, 2)]
    [InlineData(10, 3, 1, 0, 2, 6)]
    [InlineData(224, 7, 2, 3, 1, 112)]
    public void Output_size_follows_floor_of_n_plus_2p_minus_dilated_kernel_over_stride_plus_one(int n, int k, int s, int p, int d, int expected)
    {
        Assert.Equal(expected, ConvArithmetic.OutputSize(n, k, s, p, d));
        Assert.Equal((n + 2 * p - d * (k - 1) - 1) / s + 1, expected);
    }

    [Fact]
    public void Explain_writes_the_computation_out()
    {
        Assert.Equal("floor((256 + 2x1 - 1x(3-1) - 1) / 1) + 1 = 256", ConvArithmetic.Explain(256, 3, 1, Padding.Same));
        Assert.Equal("floor((7 + 2x0 - 1x(3-1) - 1) / 2) + 1 = 3", ConvArithmetic.Explain(7, 3, 2));
        // 'same' with an even kernel pads unevenly: 0 before, 1 after.
        Assert.Equal("floor((4 + 0 + 1 - 1x(2-1) - 1) / 1) + 1 = 4", ConvArithmetic.Explain(4, 2, 1, Padding.Same));
    }

    [Theory]
    [InlineData(3, 5, 1, 0, 1, "does not fit the padded input 3")]
    [InlineData(10, 3, 0, 0, 1, "stride must be >= 1, got 0")]
    [InlineData(10, 3, -2, 0, 1, "stride must be >= 1, got -2")]
    [InlineData(10, 3, 1, 0, 0, "dilation must be >= 1, got 0")]
    [InlineData(10, 0, 1, 0, 1, "kernel size must be >= 1, got 0")]
    [InlineData(10, 3, 1, -1, 1, "padding -1 is negative")]
    [InlineData(0, 3, 1, 0, 1, "input size must be >= 1, got 0")]
    public void Impossible_combinations_are_explained(int n, int k, int s, int p, int d, string expected)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => ConvArithmetic.OutputSize(n, k, s, p, d));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_kernel_that_does_not_fit_says_how_much_padding_would_make_it_fit()
    {
        var error = Assert.Throws<ArgumentException>(() => ConvArithmetic.OutputSize(3, 5));
        Assert.Contains("use padding >= 1", error.Message);
        Assert.Equal(1, ConvArithmetic.OutputSize(3, 5, padding: 1));
    }

    [Fact]
    public void Same_padding_with_a_stride_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => ConvArithmetic.OutputSize(256, 3, 2, Padding.Same));
        Assert.Contains("'same' needs stride 1", error.Message);
    }

    [Theory]
    [InlineData("valid", "valid")]
    [InlineData("SAME", "same")]
    [InlineData(" full ", "full")]
    [InlineData("2", "2")]
    [InlineData("1,2", "(1, 2)")]
    public void Padding_parses_the_words_and_numbers_of_the_notes(string text, string expected)
    {
        Assert.Equal(expected, Padding.Parse(text).ToString());
    }

    [Theory]
    [InlineData("half")]
    [InlineData("-1")]
    [InlineData("1,2,3")]
    [InlineData("")]
    public void Padding_rejects_anything_else_with_the_valid_choices(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => Padding.Parse(text));
        Assert.Contains("valid", error.Message);
    }
}
