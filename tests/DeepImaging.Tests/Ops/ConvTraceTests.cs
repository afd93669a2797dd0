using static DeepImaging.Functional;

namespace DeepImaging.Tests.Ops;

public class ConvTraceTests
{
    private static readonly Tensor NotesInput = Tensor.Arange(9).Reshape(3, 3);
    private static readonly Tensor NotesKernel = Tensor.Arange(4).Reshape(2, 2);

    [Fact]
    public void The_notes_example_is_written_out_as_19_25_37_43()
    {
        var trace = TraceConv2d(NotesInput, NotesKernel);
        Assert.Equal(
            new[] { "0x0 + 1x1 + 3x2 + 4x3 = 19", "1x0 + 2x1 + 4x2 + 5x3 = 25", "3x0 + 4x1 + 6x2 + 7x3 = 37", "4x0 + 5x1 + 7x2 + 8x3 = 43" },
            trace.Steps.Select(s => s.Expression));
        Assert.Equal(new float[] { 19, 25, 37, 43 }, trace.Output.ToArray());
    }

    [Fact]
    public void The_first_step_covers_the_top_left_window_with_its_products()
    {
        var step = TraceConv2d(NotesInput, NotesKernel).Steps[0];
        Assert.Equal((0, 0), (step.OutputRow, step.OutputColumn));
        Assert.Equal((0, 0), (step.WindowRow, step.WindowColumn));
        Assert.Equal(new[] { (0, 0), (0, 1), (1, 0), (1, 1) }, step.Cells);
        Assert.Equal(new float[] { 0, 1, 3, 4 }, step.Values);
        Assert.Equal(new float[] { 0, 1, 6, 12 }, step.Products);
        Assert.Equal(19f, step.Sum);
    }

    [Fact]
    public void Steps_run_row_major_over_the_output()
    {
        var steps = TraceConv2d(NotesInput, NotesKernel).Steps;
        Assert.Equal(new[] { (0, 0), (0, 1), (1, 0), (1, 1) }, steps.Select(s => (s.OutputRow, s.OutputColumn)));
        Assert.Equal(new[] { 0, 1, 2, 3 }, steps.Select(s => s.Index));
        Assert.Equal((1, 1), (steps[3].WindowRow, steps[3].WindowColumn));
    }

    public static TheoryData<string, int> Settings => new()
    {
        { "valid", 1 }, { "same", 1 }, { "full", 1 }, { "valid", 2 }, { "full", 2 }, { "1", 2 },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void The_trace_matches_Conv2d_for_every_padding_and_stride(string padding, int stride)
    {
        var trace = TraceConv2d(NotesInput, NotesKernel, stride: stride, padding: Padding.Parse(padding));
        var expected = Conv2d(NotesInput, NotesKernel, stride: stride, padding: Padding.Parse(padding));
        Assert.Equal(expected.Shape, trace.Output.Shape);
        Assert.Equal(expected.ToArray(), trace.Output.ToArray());
        Assert.Equal(expected.ToArray(), trace.Steps.Select(s => s.Sum));
    }

    [Fact]
    public void Full_padding_adds_one_zero_ring_and_marks_it_as_padding()
    {
        var trace = TraceConv2d(NotesInput, NotesKernel, padding: Padding.Full);
        Assert.Equal((1, 1, 1, 1), trace.Padding);
        Assert.Equal(new[] { 5, 5 }, trace.PaddedInput.Shape);
        Assert.Equal(NotesInput[0, 0], trace.PaddedInput[1, 1]);
        Assert.Equal(NotesInput[1, 1], trace.PaddedInput[2, 2]);
        Assert.True(trace.IsPadding(0, 2));
        Assert.True(trace.IsPadding(2, 4));
        Assert.False(trace.IsPadding(1, 1));
        Assert.False(trace.IsPadding(3, 3));
        // The first window only touches input 0 under kernel element 3.
        Assert.Equal("0x0 + 0x1 + 0x2 + 0x3 = 0", trace.Steps[0].Expression);
        Assert.Equal("0x0 + 0x1 + 0x2 + 1x3 = 3", trace.Steps[1].Expression);
    }

    [Fact]
    public void Same_padding_with_an_even_kernel_puts_the_extra_row_at_the_bottom_right()
    {
        var trace = TraceConv2d(NotesInput, NotesKernel, padding: Padding.Same);
        Assert.Equal((0, 1, 0, 1), trace.Padding);
        Assert.Equal(new[] { 3, 3 }, trace.Output.Shape);
    }

    [Fact]
    public void Stride_2_moves_the_window_two_cells()
    {
        var trace = TraceConv2d(Tensor.Arange(25).Reshape(5, 5), NotesKernel, stride: 2);
        Assert.Equal(4, trace.Steps.Count);
        Assert.Equal((0, 2), (trace.Steps[1].WindowRow, trace.Steps[1].WindowColumn));
        Assert.Equal((2, 0), (trace.Steps[2].WindowRow, trace.Steps[2].WindowColumn));
        Assert.Equal(new[] { (2, 2), (2, 3), (3, 2), (3, 3) }, trace.Steps[3].Cells);
        Assert.Equal(2, trace.Stride.Height);
    }

    [Fact]
    public void Dilation_spreads_the_covered_cells()
    {
        var trace = TraceConv2d(Tensor.Arange(16).Reshape(4, 4), NotesKernel, dilation: 2);
        Assert.Equal(new[] { (0, 0), (0, 2), (2, 0), (2, 2) }, trace.Steps[0].Cells);
        // 0x0 + 2x1 + 8x2 + 10x3 = 48
        Assert.Equal("0x0 + 2x1 + 8x2 + 10x3 = 48", trace.Steps[0].Expression);
        Assert.Equal(Conv2d(Tensor.Arange(16).Reshape(4, 4), NotesKernel, dilation: 2).ToArray(), trace.Output.ToArray());
    }

    [Fact]
    public void Negative_factors_are_written_in_parentheses_and_fractions_with_at_most_four_decimals()
    {
        var input = Tensor.From(new float[] { -1, 0.5f, 2, 1f / 3 }, 2, 2);
        var kernel = Tensor.From(new float[] { 2, -3, 1, 1.5f }, 2, 2);
        var step = TraceConv2d(input, kernel).Steps[0];
        // -2 - 1.5 + 2 + 0.5 = -1
        Assert.Equal("(-1)x2 + 0.5x(-3) + 2x1 + 0.3333x1.5 = -1", step.Expression);
    }

    [Theory]
    [InlineData(19f, "19")]
    [InlineData(-3f, "-3")]
    [InlineData(0.25f, "0.25")]
    [InlineData(2f / 3, "0.6667")]
    [InlineData(-0f, "0")]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.NegativeInfinity, "-Inf")]
    [InlineData(0.00001234f, "1.234e-5")]
    public void Numbers_are_formatted_compactly(float value, string expected) =>
        Assert.Equal(expected, ConvTrace.FormatNumber(value));

    [Fact]
    public void A_multi_channel_input_with_a_single_channel_kernel_is_refused_with_advice()
    {
        var error = Assert.Throws<ArgumentException>(() => TraceConv2d(Tensor.Zeros(1, 3, 3), NotesKernel));
        Assert.Contains("TraceConv2d", error.Message);
        Assert.Contains("[1, 3, 3]", error.Message);
        Assert.Contains("[H, W]", error.Message);
        Assert.Contains("[C, kH, kW]", Assert.Throws<ArgumentException>(() => TraceConv2d(Tensor.Zeros(2, 3, 3), Tensor.Zeros(3, 2, 2))).Message);
        Assert.Contains("select one image first", Assert.Throws<ArgumentException>(() => TraceConv2d(Tensor.Zeros(1, 2, 3, 3), Tensor.Zeros(2, 2, 2))).Message);
    }

    /// <summary>Channel 0 is the notes' input 0..8, channel 1 all ones; the kernel's channel 1 is [[1, 0], [0, -1]].</summary>
    private static ConvTrace TwoChannelTrace() => TraceConv2d(
        Tensor.Cat([NotesInput.Unsqueeze(0), Tensor.Ones(1, 3, 3)]),
        Tensor.Cat([NotesKernel.Unsqueeze(0), Tensor.From(new float[] { 1, 0, 0, -1 }, 1, 2, 2)]),
        bias: 0.5f);

    [Fact]
    public void Several_channels_give_each_channel_sum_then_the_bias_and_the_total()
    {
        var step = TwoChannelTrace().Steps[0];
        Assert.Equal(new[] { "0x0 + 1x1 + 3x2 + 4x3 = 19", "1x1 + 1x0 + 1x0 + 1x(-1) = 0" }, step.ChannelExpressions);
        Assert.Equal(new float[] { 19, 0 }, step.ChannelSums);
        Assert.Equal(0.5f, step.Bias);
        Assert.Equal(19.5f, step.Sum);
        Assert.Equal("channel 0: 0x0 + 1x1 + 3x2 + 4x3 = 19; channel 1: 1x1 + 1x0 + 1x0 + 1x(-1) = 0; 19 + 0 + bias 0.5 = 19.5", step.Expression);
        Assert.Equal(new float[] { 0, 1, 3, 4, 1, 1, 1, 1 }, step.Values);
        Assert.Equal(new float[] { 0, 1, 6, 12, 1, 0, 0, -1 }, step.Products);
    }

    [Fact]
    public void A_multi_channel_trace_equals_Conv2d_with_the_bias()
    {
        var trace = TwoChannelTrace();
        Assert.Equal(2, trace.Channels);
        Assert.Equal(new float[] { 19.5f, 25.5f, 37.5f, 43.5f }, trace.Output.ToArray());
        Assert.Equal(trace.Output.ToArray(), trace.Steps.Select(s => s.Sum));
        Assert.Equal("output[1, 1]: channel 0: 4x0 + 5x1 + 7x2 + 8x3 = 43; channel 1: 1x1 + 1x0 + 1x0 + 1x(-1) = 0; 43 + 0 + bias 0.5 = 43.5", trace.Steps[3].ToString());
        Assert.StartsWith("ConvTrace: input [2, 3, 3], kernel [2, 2, 2], bias 0.5, padding", trace.ToString());
    }

    [Fact]
    public void One_channel_with_a_bias_adds_it_after_the_products()
    {
        var step = TraceConv2d(NotesInput, NotesKernel, bias: 1).Steps[0];
        Assert.Equal("0x0 + 1x1 + 3x2 + 4x3 = 19; 19 + bias 1 = 20", step.Expression);
        Assert.Equal(20f, step.Sum);
    }

    [Fact]
    public void Tracing_one_output_channel_of_a_Conv2d_layer_reproduces_its_output()
    {
        var layer = new DeepImaging.NN.Conv2d(3, 4, 3, padding: 1, seed: 7);
        var patch = Tensor.Rand([3, 5, 5], seed: 8);
        var trace = TraceConv2d(patch, layer.Weight.Select(0, 2), padding: 1, bias: layer.Bias![2]);
        var expected = layer.Forward(patch.Unsqueeze(0)).Select(0, 0).Select(0, 2).ToArray();
        Close.Check(expected, trace.Output.ToArray(), 1e-5, "output channel 2");
        Close.Check(expected, [.. trace.Steps.Select(s => s.Sum)], 1e-5, "step sums");
        // Padding is marked in the last two dimensions of a [C, H, W] input.
        Assert.Equal([3, 7, 7], trace.PaddedInput.Shape);
        Assert.True(trace.IsPadding(0, 3));
        Assert.False(trace.IsPadding(1, 1));
    }

    [Fact]
    public void A_kernel_larger_than_the_padded_input_is_refused_like_Conv2d()
    {
        var traceError = Assert.Throws<ArgumentException>(() => TraceConv2d(NotesInput, Tensor.Ones(4, 4)));
        var convError = Assert.Throws<ArgumentException>(() => Conv2d(NotesInput, Tensor.Ones(4, 4)));
        Assert.Equal(convError.Message.Replace("Conv2d", "TraceConv2d"), traceError.Message);
        Assert.Throws<ArgumentException>(() => TraceConv2d(NotesInput, NotesKernel, stride: 2, padding: Padding.Same));
        Assert.Throws<ArgumentException>(() => TraceConv2d(NotesInput, NotesKernel, stride: 0));
    }

    [Fact]
    public void A_trace_of_more_than_4096_steps_is_refused_with_advice()
    {
        Assert.Equal(4096, TraceConv2d(Tensor.Zeros(66, 66), Tensor.Ones(3, 3)).Steps.Count); // exactly the limit
        var error = Assert.Throws<ArgumentException>(() => TraceConv2d(Tensor.Zeros(67, 67), Tensor.Ones(3, 3)));
        Assert.Contains("65x65 = 4225 steps", error.Message);
        Assert.Contains("crop", error.Message);
    }

    [Fact]
    public void The_trace_keeps_its_own_copy_of_the_input()
    {
        var input = Tensor.Arange(9).Reshape(3, 3);
        var trace = TraceConv2d(input, NotesKernel);
        input[0, 0] = 100;
        Assert.Equal(0f, trace.Input[0, 0]);
        Assert.Equal(0f, trace.PaddedInput[0, 0]);
    }
}
