using static DeepImaging.Notebooks.Tests.TestNotebooks;

namespace DeepImaging.Notebooks.Tests.Cli;

/// <summary>Every bad argument of `deepimaging run` is one line saying what would be right, exit code 2, nothing run or written.</summary>
public sealed class ArgumentTests : IDisposable
{
    private readonly string folder = NewFolder();
    private string Site => Path.Combine(folder, "site");

    public void Dispose() => Directory.Delete(folder, recursive: true);

    public static TheoryData<string[], string> BadArguments => new()
    {
        { [""], "argument 1 is empty; give a path or value (an unset shell variable?)" },
        { ["   "], "argument 1 is only blanks; give a path or value" },
        { ["a\0b.ipynb"], "argument 1 holds a control character (NUL, a line break...): 'a\\u0000b.ipynb'; give a plain path or value" },
        { [new string('n', 5000)], "argument 1 is 5000 characters long; paths and values are at most 4096" },
        { ["{nb}", "--out", ""], "the value of --out is empty; give a path or value (an unset shell variable?)" },
        { ["{nb}", "--out= "], "the value of --out is only blanks; give a path or value" },
        { ["{nb}", "--out"], "--out needs a value: --out DIR" },
        { ["{nb}", "--timeout", "--out", "x"], "--timeout needs a value: --timeout SECONDS" },
        { ["{nb}", "--out", "a", "--out", "b"], "--out is given twice; give it once" },
        { ["{nb}", "-x"], "unknown option '-x'; the options are --out DIR, --timeout SECONDS, --parallel N, --memory GB (see deepimaging run --help)" },
        { ["{nb}", "--memory", "0"], "--memory must be a number of GB per kernel from 0.25 to 1024, not '0'" },
        { ["{nb}", "--memory", "lots"], "--memory must be a number of GB per kernel from 0.25 to 1024, not 'lots'" },
        { ["{nb}", "--memory", "NaN"], "--memory must be a number of GB per kernel from 0.25 to 1024, not 'NaN'" },
        { ["{nb}", "--parallel", ""], "the value of --parallel is empty; give a path or value (an unset shell variable?)" },
        { [], "name at least one notebook or folder: deepimaging run <notebook.ipynb or folder>... [--out DIR (default artifacts/site)] [--timeout SECONDS per cell (default 120)] [--parallel N (default 1)] [--memory GB per kernel (default 2)]" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public async Task A_bad_argument_is_one_line_saying_what_would_be_right_and_exit_code_2(string[] args, string message)
    {
        var notebook = Write(folder, "good.ipynb", Code("1"));
        var withPaths = args.Select(a => a == "{nb}" ? notebook : a).Append("--out=" + Site).ToArray();
        if (args.Contains("--out") || args.Any(a => a.StartsWith("--out=")))
            withPaths = withPaths[..^1];

        var (exitCode, output, errors) = await RunCli.RunAsync(withPaths);

        Assert.Equal(2, exitCode);
        Assert.Equal($"deepimaging run: {message}\n", errors.ReplaceLineEndings("\n"));
        Assert.Equal("", output);
        Assert.False(Directory.Exists(Site));
    }

    [Fact]
    public async Task A_file_given_as_the_output_folder_is_named()
    {
        var notebook = Write(folder, "good.ipynb", Code("1"));
        var file = Path.Combine(folder, "notes.txt");
        File.WriteAllText(file, "mine");

        var (exitCode, _, errors) = await RunCli.RunAsync(notebook, "--out", file);

        Assert.Equal(2, exitCode);
        Assert.Equal($"deepimaging run: --out {file} is a file; choose a folder for the site\n", errors.ReplaceLineEndings("\n"));
        Assert.Equal("mine", File.ReadAllText(file));
    }

    [Fact]
    public async Task Help_prints_the_usage_and_exit_code_0()
    {
        var (exitCode, output, errors) = await RunCli.RunAsync("--help");

        Assert.Equal(0, exitCode);
        Assert.Equal(RunCommand.Usage + "\n", output.ReplaceLineEndings("\n"));
        Assert.Equal("", errors);
    }
}
