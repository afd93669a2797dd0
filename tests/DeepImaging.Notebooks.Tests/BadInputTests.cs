using static DeepImaging.Notebooks.Tests.TestNotebooks;

namespace DeepImaging.Notebooks.Tests;

/// <summary>Bad input gets one clear line each, exit code 2, and no output written; nothing here starts a kernel.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string folder = NewFolder();
    private string Site => Path.Combine(folder, "site");

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Invalid_json_is_named_with_the_file_and_nothing_is_written()
    {
        var good = Write(folder, "good.ipynb", Code("1"));
        var bad = Path.Combine(folder, "bad.ipynb");
        File.WriteAllText(bad, "{\"cells\": [");

        var (exitCode, _, errors) = await RunCli.RunAsync(good, bad, "--out", Site);

        Assert.Equal(2, exitCode);
        Assert.StartsWith($"deepimaging run: {bad} is not valid JSON: ", errors);
        Assert.Single(errors.TrimEnd().Split('\n'));
        Assert.False(Directory.Exists(Site));
    }

    [Fact]
    public async Task A_file_that_is_not_a_notebook_is_refused()
    {
        var text = Path.Combine(folder, "notes.txt");
        File.WriteAllText(text, "just text");
        var json = Path.Combine(folder, "data.ipynb");
        File.WriteAllText(json, "{\"values\": [1, 2, 3]}");

        var (exitCode, _, errors) = await RunCli.RunAsync(text, json, "--out", Site);

        Assert.Equal(2, exitCode);
        Assert.Equal(
            $"deepimaging run: {text} is not a notebook: expected a .ipynb file\n" +
            $"deepimaging run: {json} is not a Jupyter notebook: it has no \"cells\" array\n",
            errors.ReplaceLineEndings("\n"));
        Assert.False(Directory.Exists(Site));
    }

    [Fact]
    public async Task A_missing_path_is_named()
    {
        var missing = Path.Combine(folder, "nowhere.ipynb");

        var (exitCode, _, errors) = await RunCli.RunAsync(missing, "--out", Site);

        Assert.Equal(2, exitCode);
        Assert.Equal($"deepimaging run: {missing} does not exist\n", errors.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task An_unwritable_output_folder_is_named_before_anything_runs()
    {
        var notebook = Write(folder, "good.ipynb", Code("1"));
        var file = Path.Combine(folder, "a-file");
        File.WriteAllText(file, "");
        var under = Path.Combine(file, "site");

        var (exitCode, output, errors) = await RunCli.RunAsync(notebook, "--out", under);

        Assert.Equal(2, exitCode);
        Assert.StartsWith($"deepimaging run: cannot write to the output folder {under}: ", errors);
        Assert.Single(errors.TrimEnd().Split('\n'));
        Assert.Equal("", output);
    }

    [Fact]
    public async Task Options_are_checked()
    {
        var notebook = Write(folder, "good.ipynb", Code("1"));

        Assert.Equal(2, (await RunCli.RunAsync(notebook, "--timeout", "0")).ExitCode);
        Assert.Equal(2, (await RunCli.RunAsync(notebook, "--parallel", "none")).ExitCode);
        var (exitCode, _, errors) = await RunCli.RunAsync(notebook, "--colour");
        Assert.Equal(2, exitCode);
        Assert.StartsWith("deepimaging run: unknown option '--colour'", errors);
    }

    [Fact]
    public async Task Engine_throws_invalid_data_for_a_notebook_with_a_raw_cell()
    {
        var path = Path.Combine(folder, "raw.ipynb");
        File.WriteAllText(path, """{"cells": [{"cell_type": "raw", "metadata": {}, "source": "x"}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => new NotebookRunner().RunAsync(path));

        Assert.Equal($"{path}: cell 1 has cell_type 'raw'; the runner reads only code and markdown cells", error.Message);
    }

    [Fact]
    public async Task Engine_refuses_an_older_nbformat()
    {
        var path = Path.Combine(folder, "old.ipynb");
        File.WriteAllText(path, """{"cells": [], "metadata": {}, "nbformat": 3}""");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => new NotebookRunner().RunAsync(path));

        Assert.Equal($"{path} is not an nbformat 4 notebook: \"nbformat\" must be 4", error.Message);
    }
}
