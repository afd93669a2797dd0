using DeepImaging.Interactive.Magics;
using Microsoft.DotNet.Interactive.Events;

namespace DeepImaging.Interactive.Tests.Magics;

/// <summary>
/// Lines the kernel cannot parse (a mistyped magic or option, a negative number read as an option name) fail in one line,
/// with "did you mean ...?", and without the kernel's coded report and its stray "Microsoft.CodeAnalysis.Diagnostic[]".
/// </summary>
public sealed class DirectiveErrorsTests(LoadedKernel loaded) : IClassFixture<LoadedKernel>
{
    private readonly NotebookKernel kernel = loaded.Kernel;

    [Theory]
    [InlineData("#!cnov --input \"1 2; 3 4\" --kernel \"1\"", "Unknown magic command #!cnov; did you mean #!conv? (#!lsmagic lists them all)")]
    [InlineData("#!conv-shpae --size 256 --kernel 3", "Unknown magic command #!conv-shpae; did you mean #!conv-shape? (#!lsmagic lists them all)")]
    [InlineData("#!param 2 4 1", "Unknown magic command #!param; did you mean #!params? (#!lsmagic lists them all)")]
    [InlineData("#!NETWORK 2 4 1", "Unknown magic command #!NETWORK; did you mean #!network? (#!lsmagic lists them all)")]
    [InlineData("#!zebra", "Unknown magic command #!zebra (#!lsmagic lists them all; this extension adds #!conv, #!conv-shape, #!conv-explorer, #!params, #!network).")]
    [InlineData("#!conv --input \"1 2; 3 4\" --kernal \"1\"", "#!conv: unknown option --kernal; did you mean --kernel? (see #!conv -h)")]
    [InlineData("#!conv --input \"1 2; 3 4\" --kernel \"1\" --strdie 2", "#!conv: unknown option --strdie; did you mean --stride? (see #!conv -h)")]
    [InlineData("#!conv --input \"1 2; 3 4\" --kernel \"1\" --pad 1", "#!conv: unknown option --pad; did you mean --padding? (see #!conv -h)")]
    [InlineData("#!conv-shape --size 256 --kernel 3 --dilatoin 2", "#!conv-shape: unknown option --dilatoin; did you mean --dilation? (see #!conv-shape -h)")]
    [InlineData("#!conv --input \"1 2; 3 4\" --kernel \"1\" --colour red", "#!conv: unknown option --colour; the options are --input, --kernel, --padding, --stride, --bias, --trace, --help (see #!conv -h).")]
    [InlineData("#!params --input 3x4x4 --dens 10", "#!params: unknown option --dens; did you mean --dense? (see #!params -h)")]
    [InlineData("#!params -3 4", "#!params: layer size 1 must be >= 1, got -3.")]
    [InlineData("#!params 2 -4 1", "#!params: layer size 2 must be >= 1, got -4.")]
    [InlineData("#!network 2 -0.5", "#!network: layer size 2 must be a whole number >= 1, got '-0.5'.")]
    [InlineData("#!conv --input @nothing --kernel \"1\"", "#!conv: @nothing: there is no C# variable named nothing yet (@ values are read before the cell runs); run the cell that defines it first, or write the values, e.g. \"0 1; 2 3\".")]
    [InlineData("#!conv --input \"1 2; 3 4\" --kernel \"1\" --stride 1 --stride 2", "#!conv: --stride is given more than once; give it once (see #!conv -h).")]
    public async Task A_line_the_kernel_cannot_parse_fails_with_one_clear_line(string cell, string message)
    {
        var failed = await kernel.RunAsync(cell);

        Assert.Equal(message, failed.Error);
        Assert.DoesNotContain(failed.Events, e => e is DiagnosticsProduced); // the kernel's report, with its stray "Diagnostic[]" text
        var next = await kernel.RunAsync("1 + 1");
        Assert.Equal(2, next.ReturnValue);
    }

    [Fact]
    public async Task The_error_is_found_on_any_line_of_the_cell_and_nothing_in_the_cell_runs()
    {
        var failed = await kernel.RunAsync("var ranBeforeTheTypo = 1;\n#!conv-shape --size 256 --kernel 3\n#!cnov --input \"1\" --kernel \"1\"");

        Assert.Equal("Unknown magic command #!cnov; did you mean #!conv? (#!lsmagic lists them all)", failed.Error);
        Assert.Empty(failed.Displayed);
        var check = await kernel.RunAsync("#!csharp\nnameof(System.Int32)");
        Assert.True(check.Succeeded, check.Error); // a kernel name is a known directive
    }

    [Theory]
    [InlineData("#!conv --input \"0 -1; -2 3\" --kernel \"1\"")]        // '-' inside a quoted value is not an option
    [InlineData("#!conv --input \"1 2; 3 4\" --kernel \"-1\" --trace")]
    [InlineData("#!conv-shape --size 256 --kernel 3 --padding 1 -h")]
    [InlineData("#!params --input 3x256x256 --conv 16k3 --conv 32k3s2p1 --pool 2 --dense 10")]
    public async Task Valid_lines_are_left_to_the_kernel(string cell)
    {
        var result = await kernel.RunAsync(cell);

        Assert.True(result.Succeeded, result.Error);
    }

    [Fact]
    public async Task A_negative_option_value_still_reaches_the_magic_which_explains_it()
    {
        var failed = await kernel.RunAsync("#!conv-shape --size 256 --kernel 3 --stride -2");

        Assert.Equal("#!conv-shape: --stride must be >= 1, got -2.", failed.Error);
    }

    [Theory]
    [InlineData("#!cnov", new[] { "#!conv", "#!conv-shape", "#!params" }, "#!conv")]
    [InlineData("--kernal", new[] { "--input", "--kernel" }, "--kernel")]
    [InlineData("--pad", new[] { "--padding", "--stride" }, "--padding")]
    [InlineData("--p", new[] { "--padding", "--params" }, null)]      // too short to guess
    [InlineData("--zzzzzz", new[] { "--padding", "--stride" }, null)] // nothing close
    [InlineData("#!ab", new[] { "#!conv" }, null)]                    // two edits of four letters is not a typo
    public void Suggestions_come_from_edit_distance_or_an_unambiguous_abbreviation(string typed, string[] known, string? expected)
    {
        Assert.Equal(expected, Suggestion.Closest(typed, known));
    }

    [Theory]
    [InlineData("cnov", "conv", 1)] // one swap of neighbours
    [InlineData("kernal", "kernel", 1)]
    [InlineData("conv", "conv-shape", 6)]
    [InlineData("", "abc", 3)]
    public void Edit_distance_counts_insertions_deletions_substitutions_and_swaps(string a, string b, int expected)
    {
        Assert.Equal(expected, Suggestion.Distance(a, b));
    }
}
