namespace DeepImaging.Interactive.Tests.Magics;

/// <summary>Bad input fails the command with a message naming the magic and what is valid; the next cell runs as usual.</summary>
public sealed class MagicErrorTests(LoadedKernel loaded) : IClassFixture<LoadedKernel>
{
    private readonly NotebookKernel kernel = loaded.Kernel;

    [Theory]
    [InlineData("#!conv --input \"0 1; 2\" --kernel \"1\"", "#!conv: --input \"0 1; 2\" has 2 values in row 1 but 1 in row 2")]
    [InlineData("#!conv --input \"0 a; 1 2\" --kernel \"1\"", "'a' (row 1, column 2) is not a number")]
    [InlineData("#!conv --input noSuchImage --kernel \"1\"", "#!conv: --input 'noSuchImage' is neither numbers nor a C# variable")]
    [InlineData("#!conv --input \"1 2; 3 4\" --kernel \"1 2 3; 4 5 6; 7 8 9\"", "does not fit the padded input 2")]
    [InlineData("#!conv --input \"1 2; 3 4\" --kernel \"1\" --stride -1", "#!conv: --stride must be >= 1, got -1")]
    [InlineData("#!conv --input \"1 2; 3 4\" --kernel \"1\" --stride two", "#!conv: --stride must be a whole number >= 1, got 'two'")]
    [InlineData("#!conv --input \"1 2; 3 4\" --kernel \"1\" --padding wide", "#!conv: --padding Padding: cannot read 'wide'; use valid, same, full")]
    [InlineData("#!conv --input \"1 2; 3 4\" --kernel \"1 1\" --padding same --stride 2", "padding 'same' needs stride 1")]
    [InlineData("#!conv-shape --size abc --kernel 3", "#!conv-shape: --size must be a whole number >= 1, got 'abc'")]
    [InlineData("#!conv-shape --size 256 --kernel 0", "#!conv-shape: --kernel must be >= 1, got 0")]
    [InlineData("#!conv-shape --size 256 --kernel 3 --stride -2", "#!conv-shape: --stride must be >= 1, got -2")]
    [InlineData("#!conv-shape --size 256 --kernel 3 --padding -1", "#!conv-shape: --padding Padding: '-1' is negative")]
    [InlineData("#!params 2 x 1", "#!params: layer size 2 must be a whole number >= 1, got 'x'")]
    [InlineData("#!params 2", "#!params: give at least two layer sizes")]
    [InlineData("#!params 2 0 1", "#!params: layer size 2 must be >= 1, got 0")]
    [InlineData("#!params --conv 16k3", "#!params: start with --input")]
    [InlineData("#!params --input 3x256x256 --conv 16x3", "#!params: --conv 16x3 is not <out>k<kernel>[s<stride>][p<padding>]")]
    [InlineData("#!params --input 3x4x4 --conv 8k5", "does not fit the padded input 4")]
    [InlineData("#!network 2 four 1", "#!network: layer size 2 must be a whole number >= 1, got 'four'")]
    public async Task Bad_input_fails_with_a_clear_message_and_the_kernel_keeps_working(string magic, string message)
    {
        var failed = await kernel.RunAsync(magic);

        Assert.False(failed.Succeeded);
        Assert.Contains(message, failed.Error);
        var next = await kernel.RunAsync("1 + 1");
        Assert.True(next.Succeeded, next.Error);
        Assert.Equal(2, next.ReturnValue);
    }

    [Fact]
    public async Task A_variable_of_the_wrong_type_is_named_with_its_type()
    {
        await kernel.RunAsync("var words = \"not an image\";");

        var cell = await kernel.RunAsync("#!conv --input words --kernel \"1\"");

        Assert.Contains("#!conv: --input variable 'words' is a String; it must be a Tensor, float[,] or double[,]", cell.Error);
    }

    [Fact]
    public async Task A_missing_kernel_is_reported_as_required_with_an_example()
    {
        var cell = await kernel.RunAsync("#!conv --input \"1 2; 3 4\"");

        Assert.Contains("#!conv: --kernel is required, e.g. --kernel \"0 1; 2 3\"", cell.Error);
    }

    [Theory]
    [InlineData("#!conv -h", "#!conv --input <rows> --kernel <rows>")]
    [InlineData("#!conv --help", "#!conv --input <rows> --kernel <rows>")]
    [InlineData("#!conv-shape -h", "#!conv-shape --size n --kernel k")]
    [InlineData("#!params -h", "#!params <sizes...>\n#!params --input CxHxW")]
    [InlineData("#!network -h", "#!network <sizes...>")]
    public async Task Help_shows_the_usage_instead_of_running(string magic, string usage)
    {
        var cell = await kernel.RunAsync(magic);

        Assert.True(cell.Succeeded, cell.Error);
        Assert.StartsWith(usage, cell.Text);
    }
}
