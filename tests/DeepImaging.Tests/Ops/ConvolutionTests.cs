using static DeepImaging.Functional;

namespace DeepImaging.Tests.Ops;

public class ConvolutionTests
{
    private static readonly Tensor NotesInput = Tensor.Arange(9).Reshape(3, 3);
    private static readonly Tensor NotesKernel = Tensor.Arange(4).Reshape(2, 2);

    [Fact]
    public void The_notes_example_gives_19_25_37_43()
    {
        var output = Conv2d(NotesInput, NotesKernel);
        Assert.Equal(new[] { 2, 2 }, output.Shape);
        Assert.Equal(new float[] { 19, 25, 37, 43 }, output.ToArray());
    }

    [Fact]
    public void The_notes_example_works_in_the_4d_layout_too()
    {
        var output = Conv2d(NotesInput.Reshape(1, 1, 3, 3), NotesKernel.Reshape(1, 1, 2, 2));
        Assert.Equal(new[] { 1, 1, 2, 2 }, output.Shape);
        Assert.Equal(new float[] { 19, 25, 37, 43 }, output.ToArray());
    }

    [Fact]
    public void True_convolution_flips_the_kernel()
    {
        // Flipped kernel [[3, 2], [1, 0]]: 0*3 + 1*2 + 3*1 + 4*0 = 5, and so on.
        var output = Convolve2d(NotesInput, NotesKernel);
        Assert.Equal(new float[] { 5, 11, 23, 29 }, output.ToArray());
        Assert.Equal(Conv2d(NotesInput, NotesKernel.Flip(0, 1)).ToArray(), output.ToArray());
    }

    [Fact]
    public void Same_padding_keeps_the_size_for_odd_and_even_kernels()
    {
        var image = Tensor.Rand([1, 2, 7, 6], seed: 3);
        foreach (int k in new[] { 1, 2, 3, 4, 5 })
        {
            var output = Conv2d(image, Tensor.Rand([3, 2, k, k], seed: k), padding: Padding.Same);
            Assert.Equal(new[] { 1, 3, 7, 6 }, output.Shape);
        }
    }

    [Fact]
    public void Full_padding_grows_the_output_by_kernel_minus_one()
    {
        var output = Conv2d(NotesInput, NotesKernel, padding: Padding.Full);
        Assert.Equal(new[] { 4, 4 }, output.Shape);
        // The top-left output only sees input 0 under kernel element 3.
        Assert.Equal(0f, output[0, 0]);
        Assert.Equal(3f * 1 + 2 * 0, output[0, 1]);
    }

    [Fact]
    public void Stride_and_dilation_follow_the_output_size_formula()
    {
        var image = Tensor.Rand([2, 1, 11, 9], seed: 1);
        var output = Conv2d(image, Tensor.Ones(4, 1, 3, 3), stride: (2, 3), padding: 1, dilation: 2);
        Assert.Equal(new[] { 2, 4, ConvArithmetic.OutputSize(11, 3, 2, 1, 2), ConvArithmetic.OutputSize(9, 3, 3, 1, 2) }, output.Shape);
    }

    [Fact]
    public void A_3d_input_is_treated_as_one_unbatched_image()
    {
        var image = Tensor.Rand([2, 5, 5], seed: 4);
        var weight = Tensor.Rand([3, 2, 3, 3], seed: 5);
        var unbatched = Conv2d(image, weight, padding: 1);
        var batched = Conv2d(image.Unsqueeze(0), weight, padding: 1);
        Assert.Equal(new[] { 3, 5, 5 }, unbatched.Shape);
        Assert.Equal(batched.ToArray(), unbatched.ToArray());
    }

    [Fact]
    public void Pad_fills_zeros_reflections_or_repeated_edges()
    {
        var row = Tensor.From([1f, 2, 3], 1, 3);
        Assert.Equal(new float[] { 0, 0, 1, 2, 3, 0, 0 }, Pad(row, 0, 0, 2, 2).ToArray());
        Assert.Equal(new float[] { 3, 2, 1, 2, 3, 2, 1 }, Pad(row, 0, 0, 2, 2, PaddingFill.Reflect).ToArray());
        Assert.Equal(new float[] { 1, 1, 1, 2, 3, 3, 3 }, Pad(row, 0, 0, 2, 2, PaddingFill.Replicate).ToArray());
    }

    [Fact]
    public void Pad_then_convolve_equals_convolve_with_padding()
    {
        var image = Tensor.Rand([1, 1, 6, 6], seed: 9);
        var kernel = Tensor.Rand([2, 1, 3, 3], seed: 10);
        Close.Check(Conv2d(image, kernel, padding: 1).ToArray(), Conv2d(Pad(image, 1), kernel).ToArray(), 1e-6);
    }

    [Fact]
    public void Max_pooling_picks_the_largest_of_each_window()
    {
        var x = Tensor.Arange(16).Reshape(4, 4);
        Assert.Equal(new float[] { 5, 7, 13, 15 }, MaxPool2d(x, 2).ToArray());
        Assert.Equal(new float[] { 2.5f, 4.5f, 10.5f, 12.5f }, AvgPool2d(x, 2).ToArray());
    }

    [Fact]
    public void Activations_match_their_definitions()
    {
        var x = Tensor.From([-2f, 0, 3]);
        Assert.Equal(new float[] { 0, 0, 3 }, Relu(x).ToArray());
        Assert.Equal(new float[] { -0.02f, 0, 3 }, LeakyRelu(x).ToArray());
        Close.Check([1 / (1 + MathF.Exp(2)), 0.5f, 1 / (1 + MathF.Exp(-3))], Sigmoid(x).ToArray(), 1e-6);
        Close.Check([MathF.Tanh(-2), 0, MathF.Tanh(3)], Tanh(x).ToArray(), 1e-6);
        var softmax = Softmax(x).ToArray();
        float total = MathF.Exp(-2) + 1 + MathF.Exp(3);
        Close.Check([MathF.Exp(-2) / total, 1 / total, MathF.Exp(3) / total], softmax, 1e-6);
        Close.Check(softmax.Select(v => MathF.Log(v)).ToArray(), LogSoftmax(x).ToArray(), 1e-5);
    }

    [Fact]
    public void Softmax_of_huge_scores_does_not_overflow()
    {
        var probabilities = Softmax(Tensor.From([1000f, 1000f]));
        Assert.Equal(new[] { 0.5f, 0.5f }, probabilities.ToArray());
    }
}
