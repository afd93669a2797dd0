namespace DeepImaging.Interactive.Tests.Magics;

public sealed class ConvShapeMagicTests(LoadedKernel loaded) : IClassFixture<LoadedKernel>
{
    private readonly NotebookKernel kernel = loaded.Kernel;

    // The notes: a 3x3 kernel over 256 pixels gives 254 without padding, 256 with 'same' (p = 1), 258 with 'full' (p = 2).
    [Theory]
    [InlineData("", "Output size: 254", "floor((256 + 2x0 - 1x(3-1) - 1) / 1) + 1 = 254")]
    [InlineData("--padding same", "Output size: 256", "floor((256 + 2x1 - 1x(3-1) - 1) / 1) + 1 = 256")]
    [InlineData("--padding full", "Output size: 258", "floor((256 + 2x2 - 1x(3-1) - 1) / 1) + 1 = 258")]
    [InlineData("--padding 1 --stride 2", "Output size: 128", "floor((256 + 2x1 - 1x(3-1) - 1) / 2) + 1 = 128")]
    [InlineData("--dilation 2", "Output size: 252", "floor((256 + 2x0 - 2x(3-1) - 1) / 1) + 1 = 252")]
    public async Task Conv_shape_gives_the_output_size_with_the_formula_filled_in(string options, string size, string formula)
    {
        var cell = await kernel.RunAsync($"#!conv-shape --size 256 --kernel 3 {options}");

        Assert.True(cell.Succeeded, cell.Error);
        Assert.StartsWith(size + "\n", cell.Text);
        Assert.Contains("output = floor((n + 2p - d(k-1) - 1) / s) + 1", cell.Text);
        Assert.Contains(formula, cell.Text);
    }

    [Fact]
    public async Task Conv_shape_explains_a_kernel_larger_than_the_padded_input()
    {
        var cell = await kernel.RunAsync("#!conv-shape --size 2 --kernel 5");

        Assert.StartsWith("#!conv-shape: ", cell.Error);
        Assert.Contains("kernel 5", cell.Error);
        Assert.Contains("does not fit the padded input 2", cell.Error);
    }

    [Fact]
    public async Task Conv_shape_explains_that_same_padding_needs_stride_1()
    {
        var cell = await kernel.RunAsync("#!conv-shape --size 256 --kernel 3 --padding same --stride 2");

        Assert.Contains("padding 'same' needs stride 1", cell.Error);
    }
}
