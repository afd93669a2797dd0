using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace DeepImaging.Notebooks.Tests.Course;

/// <summary>How every course notebook is stored: kernel metadata, the extension loaded first, no outputs, linked in order.</summary>
public class CourseNotebookStructureTests
{
    private static JsonElement Load(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(CourseNotebooks.Folder, name + ".ipynb"))).RootElement.Clone();

    private static string Source(JsonElement cell) =>
        cell.GetProperty("source").ValueKind == JsonValueKind.Array
            ? string.Concat(cell.GetProperty("source").EnumerateArray().Select(s => s.GetString()))
            : cell.GetProperty("source").GetString()!;

    [Fact]
    public void The_course_has_the_eight_notebooks_of_the_notes_then_the_two_beyond_them_in_course_order()
    {
        Assert.Equal(
            ["01-what-is-deep-learning", "02-disease-screening", "03-fully-connected-limits", "04-convolution",
             "04-1-parameter-sharing", "04-2-padding", "04-3-stride", "05-screening-cnn", "06-what-the-cnn-sees"],
            CourseNotebooks.Names);
    }

    [Theory]
    [MemberData(nameof(CourseNotebooks.All), MemberType = typeof(CourseNotebooks))]
    public void Has_the_Polyglot_and_Jupyter_kernel_metadata(string notebook)
    {
        var metadata = Load(notebook).GetProperty("metadata");
        Assert.Equal(".net-csharp", metadata.GetProperty("kernelspec").GetProperty("name").GetString());
        Assert.Equal("csharp", metadata.GetProperty("polyglot_notebook").GetProperty("kernelInfo").GetProperty("defaultKernelName").GetString());
        Assert.Equal(4, Load(notebook).GetProperty("nbformat").GetInt32());
    }

    [Theory]
    [MemberData(nameof(CourseNotebooks.All), MemberType = typeof(CourseNotebooks))]
    public void Every_cell_has_a_unique_id_as_nbformat_4_5_requires(string notebook)
    {
        var ids = Load(notebook).GetProperty("cells").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.True(Load(notebook).GetProperty("nbformat_minor").GetInt32() >= 5);
        Assert.All(ids, id => Assert.Matches("^[a-zA-Z0-9_-]{1,64}$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(CourseNotebooks.All), MemberType = typeof(CourseNotebooks))]
    public void Loads_the_extension_in_its_first_cell_which_says_what_to_run_when_the_package_is_missing(string notebook)
    {
        var first = Load(notebook).GetProperty("cells")[0];
        Assert.Equal("code", first.GetProperty("cell_type").GetString());
        var lines = Source(first).Trim().ReplaceLineEndings("\n").Split('\n');
        Assert.Matches(@"^#r ""nuget: DeepImaging\.Interactive, [^""]+""$", lines[^1]);
        // What the kernel prints when the package is not found, and the command that makes it found, stand right
        // above that error in Jupyter, VS Code and the runner's report (which quotes the first three lines).
        Assert.All(lines[..^1], line => Assert.StartsWith("//", line));
        Assert.InRange(lines.Length, 2, 3);
        Assert.Contains("NU1101", lines[0]);
        Assert.Contains("dotnet run --project src/DeepImaging.Notebooks -- install", string.Join("\n", lines));
    }

    [Theory]
    [MemberData(nameof(CourseNotebooks.AllWithAssignments), MemberType = typeof(CourseNotebooks))]
    public void Parses_with_the_Polyglot_Notebooks_parser_as_a_CSharp_notebook(string file)
    {
        // The parser VS Code's Polyglot Notebooks uses, given the kernels but no default: that must come from the file.
        var kernels = new KernelInfoCollection { new KernelInfo("csharp", "C#", ["c#", "C#"]), new KernelInfo("markdown", "Markdown", ["md"]) };
        var document = Notebook.Parse(File.ReadAllText(Path.Combine(CourseNotebooks.Folder, file)), kernels);
        // The parser keeps Polyglot's own metadata as it found it; VS Code reads the default kernel from there.
        var polyglot = Assert.IsAssignableFrom<IDictionary<string, object>>(document.Metadata["polyglot_notebook"]);
        var kernelInfo = Assert.IsAssignableFrom<IDictionary<string, object>>(polyglot["kernelInfo"]);
        Assert.Equal("csharp", kernelInfo["defaultKernelName"]);
        // Cells without a kernel of their own get the notebook's default (kernelspec language C#, alias of csharp).
        Assert.NotEmpty(document.Elements);
        Assert.All(document.Elements, e => Assert.Contains(e.KernelName, new[] { "csharp", "markdown" }));
        Assert.Contains(document.Elements, e => e.KernelName == "csharp");
    }

    [Fact]
    public void The_plan_titles_are_the_notebooks_own_headings()
    {
        foreach (var entry in CourseNotebooks.Plan.Notebooks.Concat(CourseNotebooks.Plan.Assignments))
            Assert.Equal(entry.Title, NotebookFile.TitleOf(NotebookFile.Load(entry.Path), entry.Path));
    }

    [Fact]
    public void The_plan_lists_every_assignment_in_the_assignments_folder()
    {
        var folder = Path.Combine(CourseNotebooks.Folder, "assignments");
        string[] onDisk = Directory.Exists(folder)
            ? [.. Directory.GetFiles(folder, "*.ipynb").Select(p => "assignments/" + Path.GetFileName(p)).Order(StringComparer.Ordinal)]
            : [];
        Assert.Equal(onDisk, CourseNotebooks.Plan.Assignments.Select(a => a.File).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CourseNotebooks.All), MemberType = typeof(CourseNotebooks))]
    public void Is_stored_without_outputs(string notebook)
    {
        foreach (var cell in Load(notebook).GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("cell_type").GetString() == "code"))
        {
            Assert.Empty(cell.GetProperty("outputs").EnumerateArray());
            Assert.Equal(JsonValueKind.Null, cell.GetProperty("execution_count").ValueKind);
        }
    }

    [Theory]
    [MemberData(nameof(CourseNotebooks.All), MemberType = typeof(CourseNotebooks))]
    public void Has_a_title_learning_goals_exercises_and_a_summary(string notebook)
    {
        var cells = Load(notebook).GetProperty("cells").EnumerateArray().ToArray();
        string markdown = string.Join("\n", cells.Where(c => c.GetProperty("cell_type").GetString() == "markdown").Select(Source));
        string code = string.Join("\n", cells.Where(c => c.GetProperty("cell_type").GetString() == "code").Select(Source));
        Assert.StartsWith("# ", Source(cells[1]));
        Assert.Contains("**Learning goals**", markdown);
        Assert.Contains("## Summary", markdown);
        Assert.InRange(Regex.Matches(code, @"Exercise\.Check\(").Count, 2, 3);
    }

    [Theory]
    [MemberData(nameof(CourseNotebooks.All), MemberType = typeof(CourseNotebooks))]
    public void Links_to_the_next_notebook_of_the_course(string notebook)
    {
        var order = CourseNotebooks.Names.ToList();
        int at = order.IndexOf(notebook);
        string next = at + 1 < order.Count ? order[at + 1] : order[0];
        string markdown = string.Join("\n", Load(notebook).GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "markdown").Select(Source));
        Assert.Contains($"]({next}.ipynb)", markdown);
    }

    [Theory]
    [MemberData(nameof(CourseNotebooks.AllWithAssignments), MemberType = typeof(CourseNotebooks))]
    public void Loads_data_by_name_so_that_a_copy_runs_in_any_folder(string file)
    {
        string text = File.ReadAllText(Path.Combine(CourseNotebooks.Folder, file));
        Assert.DoesNotMatch(@"datasets/[\w.-]+\.(csv|gz|png|jpg|dcm)", text);
        string readme = File.ReadAllText(Repository.PathOf("datasets", "README.md"));
        foreach (Match m in Regex.Matches(text, @"Datasets\.Path\(\\""([^\\""]+)\\""\)"))
        {
            Assert.True(File.Exists(Repository.PathOf("datasets", m.Groups[1].Value)), $"{file} reads a missing data set {m.Value}");
            Assert.Contains(m.Groups[1].Value, readme);
        }
    }
}
