using System.Globalization;
using System.Text.RegularExpressions;

namespace DeepImaging.Interactive.Tests.Magics;

public sealed class ConvMagicTests(LoadedKernel loaded) : IClassFixture<LoadedKernel>
{
    private readonly NotebookKernel kernel = loaded.Kernel;

    [Fact]
    public async Task Conv_of_the_notes_example_shows_input_kernel_output_19_25_37_43_and_the_formula()
    {
        var cell = await kernel.RunAsync("#!conv --input \"0 1 2; 3 4 5; 6 7 8\" --kernel \"0 1; 2 3\"");

        Assert.True(cell.Succeeded, cell.Error);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 8], Panel(cell.Text, "input [3, 3]:"));
        Assert.Equal([0, 1, 2, 3], Panel(cell.Text, "kernel [2, 2]:"));
        // Hand-worked in the notes: 0x0 + 1x1 + 3x2 + 4x3 = 19, and so on for the other three windows.
        Assert.Equal([19, 25, 37, 43], Panel(cell.Text, "output [2, 2]:"));
        Assert.Contains("output height = floor((3 + 2x0 - 1x(2-1) - 1) / 1) + 1 = 2", cell.Text);
        Assert.Contains("output width = floor((3 + 2x0 - 1x(2-1) - 1) / 1) + 1 = 2", cell.Text);
        Assert.Contains("<figcaption>output [2, 2]</figcaption>", cell.Html);
    }

    [Fact]
    public async Task Conv_with_padding_1_and_stride_2_matches_the_hand_worked_windows()
    {
        var cell = await kernel.RunAsync("#!conv --input \"0 1 2; 3 4 5; 6 7 8\" --kernel \"0 1; 2 3\" --padding 1 --stride 2");

        Assert.True(cell.Succeeded, cell.Error);
        // Padded 5x5 input, windows at rows/columns 0 and 2: [0 0; 0 0] -> 0, [0 0; 1 2] -> 8, [0 3; 0 6] -> 21, [4 5; 7 8] -> 43.
        Assert.Equal([0, 8, 21, 43], Panel(cell.Text, "output [2, 2]:"));
        Assert.Contains("floor((3 + 2x1 - 1x(2-1) - 1) / 2) + 1 = 2", cell.Text);
    }

    [Fact]
    public async Task Conv_with_same_padding_keeps_the_input_size()
    {
        var cell = await kernel.RunAsync("#!conv --input \"1 2 3; 4 5 6; 7 8 9\" --kernel \"0 0 0; 0 1 0; 0 0 0\" --padding same");

        Assert.True(cell.Succeeded, cell.Error);
        // The identity kernel returns the input itself.
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9], Panel(cell.Text, "output [3, 3]:"));
        Assert.Contains("floor((3 + 2x1 - 1x(3-1) - 1) / 1) + 1 = 3", cell.Text);
    }

    [Fact]
    public async Task Conv_reads_input_and_kernel_from_csharp_variables()
    {
        var define = await kernel.RunAsync("var image = Tensor.Arange(9).Reshape(1, 1, 3, 3);\nfloat[,] edge = { { 0, 1 }, { 2, 3 } };");
        Assert.True(define.Succeeded, define.Error);

        var cell = await kernel.RunAsync("#!conv --input image --kernel edge");

        Assert.True(cell.Succeeded, cell.Error);
        Assert.Equal([19, 25, 37, 43], Panel(cell.Text, "output [2, 2]:"));
    }

    [Fact]
    public async Task Conv_trace_displays_the_trace_whose_first_step_reads_19()
    {
        var cell = await kernel.RunAsync("#!conv --input \"0 1 2; 3 4 5; 6 7 8\" --kernel \"0 1; 2 3\" --trace");

        Assert.True(cell.Succeeded, cell.Error);
        var trace = Assert.Single(cell.Displayed.OfType<ConvTrace>());
        Assert.Equal(4, trace.Steps.Count);
        Assert.Equal("0x0 + 1x1 + 3x2 + 4x3 = 19", trace.Steps[0].Expression);
        Assert.Contains("0x0 + 1x1 + 3x2 + 4x3 = 19", cell.Text);
    }

    [Fact]
    public async Task Conv_magic_works_after_ordinary_code_in_the_same_cell_and_the_code_still_runs()
    {
        var cell = await kernel.RunAsync("#!conv --input \"1 2; 3 4\" --kernel \"1\"\n6 * 7");

        Assert.True(cell.Succeeded, cell.Error);
        Assert.Equal([1, 2, 3, 4], Panel(cell.Text, "output [2, 2]:"));
        Assert.Equal(42, cell.ReturnValue);
    }

    [Fact]
    public async Task Conv_with_two_channels_and_a_bias_adds_the_channel_sums_and_the_bias()
    {
        var cell = await kernel.RunAsync(
            "#!conv --input \"0 1 2; 3 4 5; 6 7 8 | 1 1 1; 1 1 1; 1 1 1\" --kernel \"0 1; 2 3 | 1 0; 0 -1\" --bias 0.5 --trace");

        Assert.True(cell.Succeeded, cell.Error);
        // Channel 1 is all ones under the kernel [[1, 0], [0, -1]]: it adds 0, so each output is the notes' value + 0.5.
        Assert.Equal([19.5f, 25.5f, 37.5f, 43.5f], Panel(cell.Text, "output [2, 2]:"));
        Assert.Contains("bias 0.5: [2, 3, 3] with kernel [2, 2, 2] gives [2, 2]", cell.Text);
        var trace = Assert.Single(cell.Displayed.OfType<ConvTrace>());
        Assert.Equal("channel 0: 0x0 + 1x1 + 3x2 + 4x3 = 19; channel 1: 1x1 + 1x0 + 1x0 + 1x(-1) = 0; 19 + 0 + bias 0.5 = 19.5", trace.Steps[0].Expression);
    }

    [Fact]
    public async Task Conv_reads_a_multi_channel_image_from_a_variable()
    {
        var define = await kernel.RunAsync("var rgb = Tensor.Ones(1, 3, 3, 3);\nvar slices = Tensor.Ones(3, 2, 2);");
        Assert.True(define.Succeeded, define.Error);

        var cell = await kernel.RunAsync("#!conv --input rgb --kernel slices");

        Assert.True(cell.Succeeded, cell.Error);
        // Each output sums 3 channels x 4 ones.
        Assert.Equal([12, 12, 12, 12], Panel(cell.Text, "output [2, 2]:"));
    }

    [Theory]
    [InlineData("--input \"0 1; 2 3 | 4 5; 6 7\" --kernel \"1\"", "need the same number of channels")]
    [InlineData("--input \"0 1; 2 3 | 4 5\" --kernel \"1 | 1\"", "every channel needs the same rows and columns")]
    [InlineData("--input \"0 1; 2 3\" --kernel \"1\" --bias abc", "--bias must be a number such as 0.5 or -1, got 'abc'")]
    public async Task Bad_channels_and_biases_are_explained(string arguments, string message)
    {
        var cell = await kernel.RunAsync("#!conv " + arguments);

        Assert.False(cell.Succeeded);
        Assert.Contains(message, cell.Error);
    }

    /// <summary>The numbers of one labelled panel of the text/plain output, e.g. after "output [2, 2]:" up to the closing "])".</summary>
    internal static float[] Panel(string text, string label)
    {
        int start = text.IndexOf(label, StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{label}' not found in:\n{text}");
        start += label.Length;
        int end = text.IndexOf("])", start, StringComparison.Ordinal);
        return Regex.Matches(text[start..end], @"-?\d+(\.\d*)?(e[-+]?\d+)?")
            .Select(m => float.Parse(m.Value, CultureInfo.InvariantCulture)).ToArray();
    }
}
