using System.Text.Json;
using static DeepImaging.Notebooks.Tests.TestNotebooks;

namespace DeepImaging.Notebooks.Tests.Running;

/// <summary>
/// One `deepimaging run` over a folder of small notebooks (good, failing, Python, and one in a subfolder), run once for all the tests of this class: it is the slow part of the suite.
/// </summary>
public sealed class CourseRunFixture : IAsyncLifetime
{
    public string Folder { get; } = NewFolder();
    public string Site => Path.Combine(Folder, "site");
    public int ExitCode { get; private set; }
    public string Output { get; private set; } = "";
    public string Errors { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Write(Folder, "01-compute.ipynb",
            Markdown("# Computing values\n\nThe answer is **computed**."),
            Code("var a = 6 * 7;"),
            Code("Console.WriteLine($\"a = {a}\");\ndisplay(a + 1);\na * 2"));
        Write(Folder, "02-failing.ipynb",
            Markdown("# A failing notebook"),
            Code("var ok = 1;"),
            Code("var zero = int.Parse(\"0\");\nvar broken = ok / zero;\nConsole.WriteLine(broken);\n// a fourth line"),
            Code("ok"));
        Write(Folder, "03-python.ipynb",
            Markdown("# Python"),
            CodeIn("python", "print(1 + 1)"));
        Write(Folder, Path.Combine("assignments", "a1.ipynb"),
            Markdown("# Assignment one"),
            Code("\"done\""));
        // An executed copy from an earlier run, inside the output folder: it must not be run again.
        Write(Site, "stale.ipynb", Code("throw new Exception(\"outputs must not be run\");"));

        (ExitCode, Output, Errors) = await RunCli.RunAsync(Folder, "--out", Site, "--parallel", "2");
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }

    public JsonElement ExecutedNotebook(string relativePath) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Site, relativePath))).RootElement;
}

public sealed class CourseRunTests(CourseRunFixture run) : IClassFixture<CourseRunFixture>
{
    [Fact]
    public void Exit_code_is_one_when_some_cell_failed()
    {
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public void Summary_lists_every_notebook_with_its_cells_and_status()
    {
        var rows = run.Output.Split('\n');
        Assert.Matches(@"^01-compute\.ipynb\s+3\s+[\d.]+\s+succeeded", rows.Single(r => r.StartsWith("01-compute")));
        Assert.Matches(@"^02-failing\.ipynb\s+4\s+[\d.]+\s+failed at cell 3", rows.Single(r => r.StartsWith("02-failing")));
        Assert.Matches(@"^03-python\.ipynb\s+2\s+[\d.]+\s+failed at cell 2", rows.Single(r => r.StartsWith("03-python")));
        Assert.Matches(@"^a1\.ipynb\s+2\s+[\d.]+\s+succeeded", rows.Single(r => r.StartsWith("a1.ipynb")));
        Assert.Contains("4 notebooks, 2 succeeded, 2 failed", run.Output);
    }

    [Fact]
    public void Failing_cell_is_reported_with_notebook_cell_number_first_code_lines_and_error()
    {
        Assert.Contains("cell 3 of 02-failing.ipynb failed: ", run.Output);
        Assert.Contains("    | var zero = int.Parse(\"0\");\n    | var broken = ok / zero;\n    | Console.WriteLine(broken);\n    | ...", run.Output);
        Assert.Contains("cell 3 of 02-failing.ipynb failed: System.DivideByZeroException: Attempted to divide by zero.\n", run.Output);
        Assert.DoesNotContain("// a fourth line", run.Output);
    }

    [Fact]
    public void Python_cell_fails_naming_the_cell_and_the_language()
    {
        Assert.Contains("cell 2 of 03-python.ipynb failed: cell 2 is a 'python' cell; the runner runs only C#", run.Output);
    }

    [Fact]
    public void Progress_names_notebook_and_cell_on_standard_error()
    {
        Assert.Matches(@"01-compute\.ipynb: cell 3/3 ok \([\d.]+ s, notebook [\d.]+ s\)", run.Errors);
        Assert.Contains("02-failing.ipynb: cell 3/4 FAILED", run.Errors);
    }

    [Fact]
    public void Progress_names_each_cell_as_it_starts_before_its_result()
    {
        var lines = run.Errors.ReplaceLineEndings("\n").Split('\n');
        var running = Array.FindIndex(lines, l => l.Contains("01-compute.ipynb: cell 3/3 running..."));
        var ok = Array.FindIndex(lines, l => l.Contains("01-compute.ipynb: cell 3/3 ok"));
        Assert.InRange(running, 0, ok - 1);
        Assert.Contains("02-failing.ipynb: cell 2/4 running...", run.Errors);
        Assert.DoesNotContain("cell 1/4 running", run.Errors);  // markdown cells do not run
    }

    [Fact]
    public void Executed_notebook_is_nbformat_4_with_kernel_metadata_and_outputs()
    {
        var notebook = run.ExecutedNotebook("01-compute.ipynb");
        Assert.Equal(4, notebook.GetProperty("nbformat").GetInt32());
        var metadata = notebook.GetProperty("metadata");
        Assert.Equal(".net-csharp", metadata.GetProperty("kernelspec").GetProperty("name").GetString());
        Assert.Equal("csharp", metadata.GetProperty("polyglot_notebook").GetProperty("kernelInfo")
            .GetProperty("defaultKernelName").GetString());

        var cells = notebook.GetProperty("cells");
        Assert.Equal("markdown", cells[0].GetProperty("cell_type").GetString());
        Assert.Equal(1, cells[1].GetProperty("execution_count").GetInt32());
        var outputs = cells[2].GetProperty("outputs");
        Assert.Equal(3, outputs.GetArrayLength());
        Assert.Equal("stream", outputs[0].GetProperty("output_type").GetString());
        Assert.Equal("stdout", outputs[0].GetProperty("name").GetString());
        Assert.Equal("a = 42\n", string.Concat(outputs[0].GetProperty("text").EnumerateArray().Select(t => t.GetString())));
        Assert.Equal("display_data", outputs[1].GetProperty("output_type").GetString());
        Assert.Contains("<pre>43</pre>", Joined(outputs[1].GetProperty("data").GetProperty("text/html")));
        Assert.Equal("execute_result", outputs[2].GetProperty("output_type").GetString());
        Assert.Equal(2, outputs[2].GetProperty("execution_count").GetInt32());
        Assert.Contains("<pre>84</pre>", Joined(outputs[2].GetProperty("data").GetProperty("text/html")));

        var strings = run.ExecutedNotebook(Path.Combine("assignments", "a1.ipynb")).GetProperty("cells")[1].GetProperty("outputs");
        Assert.Equal("done", Joined(strings[0].GetProperty("data").GetProperty("text/plain")));
    }

    [Fact]
    public void Failed_cell_has_an_nbformat_error_output_and_later_cells_stay_empty()
    {
        var cells = run.ExecutedNotebook("02-failing.ipynb").GetProperty("cells");
        var error = cells[2].GetProperty("outputs")[0];
        Assert.Equal("error", error.GetProperty("output_type").GetString());
        Assert.Equal("System.DivideByZeroException", error.GetProperty("ename").GetString());
        Assert.Equal("Attempted to divide by zero.", error.GetProperty("evalue").GetString());
        Assert.Equal(JsonValueKind.Array, error.GetProperty("traceback").ValueKind);
        Assert.Equal(JsonValueKind.Null, cells[3].GetProperty("execution_count").ValueKind);
    }

    [Fact]
    public void Executed_notebook_loads_again_as_a_notebook()
    {
        var document = NotebookFile.Load(Path.Combine(run.Site, "01-compute.ipynb"));
        Assert.Equal(3, document.Elements.Count);
        Assert.Equal(3, document.Elements[2].Outputs.Count);
    }

    [Fact]
    public void Index_links_pages_in_course_order_with_titles_and_status()
    {
        var index = File.ReadAllText(Path.Combine(run.Site, "index.html"));
        string[] links =
        [
            "<a href=\"01-compute.html\">Computing values</a>",
            "<a href=\"02-failing.html\">A failing notebook</a>",
            "<a href=\"03-python.html\">Python</a>",
            "<a href=\"assignments/a1.html\">Assignment one</a>",
        ];
        var positions = links.Select(link => index.IndexOf(link, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("failed at cell 3", index);
    }

    [Fact]
    public void The_site_has_the_convolution_explorer_linked_from_the_index()
    {
        var index = File.ReadAllText(Path.Combine(run.Site, "index.html"));
        Assert.Contains("<a href=\"conv-explorer.html\">convolution explorer</a>", index);
        var explorer = File.ReadAllText(Path.Combine(run.Site, "conv-explorer.html"));
        Assert.StartsWith("<!DOCTYPE html>", explorer);
        Assert.Contains("<a href=\"index.html\">← Course notebooks</a>", explorer);
        Assert.Contains("DeepImagingConvExplorer.mount('di-convx-", explorer);
    }

    [Fact]
    public void Html_page_renders_markdown_code_and_outputs()
    {
        var page = File.ReadAllText(Path.Combine(run.Site, "01-compute.html"));
        Assert.Contains("<h1>Computing values</h1>", page);
        Assert.Contains("<p>The answer is <strong>computed</strong>.</p>", page);
        Assert.Contains("Console.WriteLine($&quot;a = {a}&quot;);", page);
        Assert.Contains("<pre>a = 42\n</pre>", page);
        Assert.Contains("<pre>84</pre>", page);
        var assignment = File.ReadAllText(Path.Combine(run.Site, "assignments", "a1.html"));
        Assert.Contains("href=\"../index.html\"", assignment);
    }

    [Fact]
    public void Executed_outputs_in_the_output_folder_are_not_run_again_and_no_temporary_files_remain()
    {
        Assert.False(File.Exists(Path.Combine(run.Site, "site", "stale.html")));
        Assert.DoesNotContain("stale", run.Output);
        Assert.Empty(Directory.EnumerateFiles(run.Site, "*.tmp", SearchOption.AllDirectories));
    }

    private static string Joined(JsonElement text) => text.ValueKind == JsonValueKind.Array
        ? string.Concat(text.EnumerateArray().Select(t => t.GetString()))
        : text.GetString() ?? "";
}
