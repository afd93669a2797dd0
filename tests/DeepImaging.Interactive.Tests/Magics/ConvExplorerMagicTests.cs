using System.Text.RegularExpressions;

namespace DeepImaging.Interactive.Tests.Magics;

public sealed class ConvExplorerMagicTests(LoadedKernel loaded) : IClassFixture<LoadedKernel>
{
    private readonly NotebookKernel kernel = loaded.Kernel;

    [Fact]
    public async Task Conv_explorer_shows_the_explorer_and_states_its_start_in_text()
    {
        var cell = await kernel.RunAsync("#!conv-explorer");

        Assert.True(cell.Succeeded, cell.Error);
        Assert.Contains("Start: n = 5, k = 3, padding valid, s = 1, d = 1: output floor((5 + 2x0 - 1x(3-1) - 1) / 1) + 1 = 3", cell.Text);
        Assert.Contains("<div class=\"dice\" id=\"di-convx-", cell.Html);
        Assert.Contains("{\"n\": 5, \"k\": 3, \"padding\": \"valid\", \"s\": 1, \"d\": 1}", cell.Html);
    }

    [Fact]
    public async Task Conv_explorer_starts_from_the_given_settings()
    {
        var cell = await kernel.RunAsync("#!conv-explorer --size 7 --kernel 3 --padding same --dilation 2");

        Assert.True(cell.Succeeded, cell.Error);
        Assert.Contains("{\"n\": 7, \"k\": 3, \"padding\": \"same\", \"s\": 1, \"d\": 2}", cell.Html);
        Assert.Contains("= 7", cell.Text);
    }

    [Fact]
    public async Task A_start_without_output_is_shown_and_explained()
    {
        var cell = await kernel.RunAsync("#!conv-explorer --size 3 --kernel 7");

        Assert.True(cell.Succeeded, cell.Error);
        Assert.Contains("no output (ConvArithmetic: kernel 7", cell.Text);
    }

    [Fact]
    public async Task Two_explorers_in_one_cell_get_different_ids()
    {
        var cell = await kernel.RunAsync("#!conv-explorer\n#!conv-explorer --stride 2");

        Assert.True(cell.Succeeded, cell.Error);
        var ids = Regex.Matches(cell.Html, "id=\"(di-convx-[0-9a-f]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, ids.Count);
        Assert.NotEqual(ids[0], ids[1]);
    }

    [Theory]
    [InlineData("#!conv-explorer --size 40", "#!conv-explorer: ConvExplorer: input size 40 is outside the slider's range 1..16.")]
    [InlineData("#!conv-explorer --padding 9", "#!conv-explorer: ConvExplorer: padding 9 must be valid, same, full or one number 0..6")]
    [InlineData("#!conv-explorer --stride two", "#!conv-explorer: --stride must be a whole number >= 1, got 'two'.")]
    public async Task Settings_outside_the_sliders_are_explained(string code, string message)
    {
        var cell = await kernel.RunAsync(code);

        Assert.False(cell.Succeeded);
        Assert.StartsWith(message, cell.Error);
    }

    [Fact]
    public async Task Conv_explorer_help_lists_its_settings()
    {
        var cell = await kernel.RunAsync("#!conv-explorer -h");

        Assert.True(cell.Succeeded, cell.Error);
        Assert.StartsWith("#!conv-explorer [--size n] [--kernel k]", cell.Text);
    }
}
