using static DeepImaging.Notebooks.Tests.TestNotebooks;

namespace DeepImaging.Notebooks.Tests.Cli;

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
    public async Task Timeouts_out_of_range_get_one_line_naming_the_range_not_a_crash()
    {
        var notebook = Write(folder, "good.ipynb", Code("1"));

        // 1e300 s overflows a TimeSpan, 5000000 s is past what a timer can wait, NaN compares false everywhere.
        foreach (var value in new[] { "0", "0.5", "1e300", "5000000", "86401", "NaN", "Infinity", "-3" })
        {
            var (exitCode, output, errors) = await RunCli.RunAsync(notebook, "--timeout", value, "--out", Site);

            Assert.Equal(2, exitCode);
            Assert.StartsWith($"deepimaging run: --timeout must be a number of seconds from 1 to 86400 (24 hours), not '{value}'\n",
                errors.ReplaceLineEndings("\n"));
            Assert.Equal("", output);
        }
        Assert.False(Directory.Exists(Site));
    }

    [Fact]
    public async Task Parallel_counts_out_of_range_are_refused()
    {
        var notebook = Write(folder, "good.ipynb", Code("1"));

        foreach (var value in new[] { "0", "-1", "65", "99999999999", "2.5" })
        {
            var (exitCode, _, errors) = await RunCli.RunAsync(notebook, "--parallel", value, "--out", Site);

            Assert.Equal(2, exitCode);
            Assert.StartsWith($"deepimaging run: --parallel must be a whole number of notebooks from 1 to 64, not '{value}'\n",
                errors.ReplaceLineEndings("\n"));
        }
    }

    [Fact]
    public async Task Engine_refuses_a_cell_timeout_out_of_range_before_starting_a_kernel()
    {
        var path = Write(folder, "good.ipynb", Code("1"));

        var tooShort = await Assert.ThrowsAsync<ArgumentException>(() =>
            new NotebookRunner().RunAsync(path, new RunOptions { CellTimeout = TimeSpan.FromMilliseconds(500) }));
        var tooLong = await Assert.ThrowsAsync<ArgumentException>(() =>
            new NotebookRunner().RunAsync(path, new RunOptions { CellTimeout = TimeSpan.FromDays(30) }));

        Assert.StartsWith("RunOptions.CellTimeout is 00:00:00.5000000; it must be from 00:00:01 to 1.00:00:00", tooShort.Message);
        Assert.StartsWith("RunOptions.CellTimeout is 30.00:00:00; it must be from 00:00:01 to 1.00:00:00", tooLong.Message);
    }

    [Fact]
    public async Task A_cell_type_that_is_not_a_string_is_named_in_one_line()
    {
        var path = Path.Combine(folder, "typed.ipynb");
        File.WriteAllText(path, """{"cells": [{"cell_type": "markdown", "metadata": {}, "source": "# A"}, {"cell_type": 7, "metadata": {}, "source": "x"}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""");

        var (exitCode, _, errors) = await RunCli.RunAsync(path, "--out", Site);

        Assert.Equal(2, exitCode);
        Assert.Equal($"deepimaging run: {path}: cell 2 has no cell_type string; nbformat 4 cells are code, markdown or raw\n",
            errors.ReplaceLineEndings("\n"));
        Assert.False(Directory.Exists(Site));
    }

    [Fact]
    public async Task An_unknown_cell_type_is_named_with_the_valid_ones()
    {
        var path = Path.Combine(folder, "heading.ipynb");
        File.WriteAllText(path, """{"cells": [{"cell_type": "heading", "metadata": {}, "source": "x"}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => new NotebookRunner().RunAsync(path));

        Assert.Equal($"{path}: cell 1 has cell_type 'heading'; nbformat 4 cells are code, markdown or raw", error.Message);
    }

    // The notebook library reads a raw cell as a C# code cell and writes it back as a code cell (checked with
    // Microsoft.DotNet.Interactive.Documents 1.0.0-beta.26120.1), so the runner cannot keep one: it says so.
    [Fact]
    public async Task Engine_refuses_a_raw_cell_saying_it_cannot_keep_it()
    {
        var path = Path.Combine(folder, "raw.ipynb");
        File.WriteAllText(path, """{"cells": [{"cell_type": "markdown", "metadata": {}, "source": "# A"}, {"cell_type": "raw", "metadata": {}, "source": "x"}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => new NotebookRunner().RunAsync(path));

        Assert.Equal($"{path}: cell 2 is a raw cell, which the runner cannot keep (its notebook library reads and writes " +
                     "raw cells as code cells); make it a markdown cell or remove it", error.Message);
    }

    [Fact]
    public async Task Engine_refuses_an_older_nbformat_naming_its_version()
    {
        var path = Path.Combine(folder, "old.ipynb");
        File.WriteAllText(path, """{"cells": [], "metadata": {}, "nbformat": 3}""");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => new NotebookRunner().RunAsync(path));

        Assert.Equal($"{path} is an nbformat 3 notebook; the runner reads only nbformat 4 (open and save it in Jupyter to convert it)",
            error.Message);
    }

    [Fact]
    public void An_nbformat_that_is_not_a_number_is_refused()
    {
        var path = Path.Combine(folder, "text.ipynb");
        File.WriteAllText(path, """{"cells": [], "metadata": {}, "nbformat": "4"}""");

        var error = Assert.Throws<InvalidDataException>(() => NotebookFile.Load(path));

        Assert.Equal($"{path} is not an nbformat 4 notebook: it has no \"nbformat\" number", error.Message);
    }

    [Fact]
    public void An_nbformat_written_as_a_decimal_is_read_by_its_major_version()
    {
        var four = Path.Combine(folder, "four.ipynb");
        File.WriteAllText(four, """{"cells": [{"cell_type": "markdown", "metadata": {}, "source": "# Four"}], "metadata": {}, "nbformat": 4.5}""");
        var five = Path.Combine(folder, "five.ipynb");
        File.WriteAllText(five, """{"cells": [], "metadata": {}, "nbformat": 5.0}""");

        var document = NotebookFile.Load(four);
        var error = Assert.Throws<InvalidDataException>(() => NotebookFile.Load(five));

        Assert.Equal("Four", NotebookFile.TitleOf(document, four));
        Assert.StartsWith($"{five} is an nbformat 5 notebook; the runner reads only nbformat 4", error.Message);
    }

    [Fact]
    public async Task A_folder_without_notebooks_is_refused_and_no_output_folder_is_left_behind()
    {
        var empty = Path.Combine(folder, "empty");
        Directory.CreateDirectory(empty);
        var site = Path.Combine(Site, "nested");

        var (exitCode, output, errors) = await RunCli.RunAsync(empty, "--out", site);

        Assert.Equal(2, exitCode);
        Assert.Equal($"deepimaging run: no notebooks (.ipynb) found in {empty}\n", errors.ReplaceLineEndings("\n"));
        Assert.Equal("", output);
        Assert.False(Directory.Exists(Site));
    }
}
