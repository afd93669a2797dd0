using static DeepImaging.Notebooks.Tests.TestNotebooks;

namespace DeepImaging.Notebooks.Tests.Cli;

/// <summary>The runner never writes over a notebook it was given, however the output folder is named.</summary>
public sealed class InputProtectionTests : IDisposable
{
    private readonly string folder = NewFolder();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task An_output_folder_that_holds_the_notebook_is_refused_before_anything_runs()
    {
        var notebook = Write(folder, "nb.ipynb", Code("throw new Exception(\"must not run\");"));
        var before = File.ReadAllBytes(notebook);

        var (exitCode, output, errors) = await RunCli.RunAsync(notebook, "--out", folder);

        Assert.Equal(2, exitCode);
        Assert.Equal($"deepimaging run: the site in {folder} would overwrite the notebook {notebook} with its executed copy; " +
                     $"choose another --out, e.g. {Path.Combine(folder, "site")}\n", errors.ReplaceLineEndings("\n"));
        Assert.Equal("", output);
        Assert.Equal(before, File.ReadAllBytes(notebook));
        Assert.Equal(["nb.ipynb"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task The_folder_form_and_a_link_to_the_notebooks_folder_are_refused_too()
    {
        var notebook = Write(folder, Path.Combine("course", "nb.ipynb"), Code("1"));
        var course = Path.GetDirectoryName(notebook)!;
        var link = Path.Combine(folder, "published");
        Directory.CreateSymbolicLink(link, course);

        var sameFolder = await RunCli.RunAsync(course, "--out", course);
        var throughLink = await RunCli.RunAsync(notebook, "--out", link);

        Assert.Equal(2, sameFolder.ExitCode);
        Assert.Contains($"would overwrite the notebook {notebook} with its executed copy; choose another --out", sameFolder.Errors);
        Assert.Equal(2, throughLink.ExitCode);
        Assert.Contains($"would overwrite the notebook {Path.Combine(link, "nb.ipynb")} with its executed copy", throughLink.Errors);
        Assert.Equal(["nb.ipynb"], Directory.GetFiles(course).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_folder_that_links_to_itself_runs_each_real_notebook_once()
    {
        var course = Path.Combine(folder, "course");
        Write(course, "nb.ipynb", Code("\"ran\""));
        Directory.CreateSymbolicLink(Path.Combine(course, "loop"), course);
        File.CreateSymbolicLink(Path.Combine(course, "alias.ipynb"), Path.Combine(course, "nb.ipynb"));

        var (exitCode, output, errors) = await RunCli.RunAsync(course, "--out", Path.Combine(folder, "site"));

        Assert.True(exitCode == 0, errors);
        Assert.Contains("1 notebooks, 1 succeeded, 0 failed", output);
        Assert.Equal(["conv-explorer.html", "index.html", "nb.html", "nb.ipynb"],
            Directory.GetFiles(Path.Combine(folder, "site")).Select(Path.GetFileName).Order());
    }
}
