using System.Text.Json;
using System.Text.RegularExpressions;

namespace DeepImaging.Notebooks.Tests.Assignments;

/// <summary>
/// An assignment notebook read as notebooks/assignments/README.md defines the format: graded test cells
/// (<c>// TEST name (N points)</c>), solution regions and hidden-test regions.
/// </summary>
internal sealed partial class AssignmentNotebook
{
    public const string BeginSolution = "// BEGIN SOLUTION", EndSolution = "// END SOLUTION";
    public const string BeginHidden = "// BEGIN HIDDEN TESTS", EndHidden = "// END HIDDEN TESTS";

    private AssignmentNotebook(string path, JsonElement root)
    {
        Path = path;
        Root = root;
        Cells = [.. root.GetProperty("cells").EnumerateArray().Select(c => new NotebookCell(
            c.GetProperty("id").GetString()!, c.GetProperty("cell_type").GetString()!,
            string.Concat(c.GetProperty("source").EnumerateArray().Select(s => s.GetString())), c))];
    }

    public string Path { get; }

    public JsonElement Root { get; }

    public IReadOnlyList<NotebookCell> Cells { get; }

    public IEnumerable<NotebookCell> CodeCells => Cells.Where(c => c.Type == "code");

    /// <summary>The graded test cells, in order.</summary>
    public IEnumerable<TestCell> Tests => CodeCells.Where(c => c.Source.StartsWith("// TEST", StringComparison.Ordinal)).Select(c =>
    {
        var header = TestHeader().Match(c.Source.Split('\n')[0]);
        Assert.True(header.Success, $"{System.IO.Path.GetFileName(Path)}, cell {c.Id}: '{c.Source.Split('\n')[0]}' is not '// TEST <name> (<points> points)'");
        return new TestCell(c, header.Groups["name"].Value, int.Parse(header.Groups["points"].Value));
    });

    public static AssignmentNotebook Load(string path) => new(path, JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone());

    /// <summary>The line ranges (markers included) between <paramref name="begin"/> and <paramref name="end"/> lines;
    /// fails the test when the markers are not paired.</summary>
    public static List<(int Begin, int End)> Regions(string source, string begin, string end)
    {
        var lines = source.Split('\n');
        var regions = new List<(int, int)>();
        int? open = null;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line == begin)
            {
                Assert.True(open is null, $"'{begin}' on line {i + 1} opens a region inside another");
                open = i;
            }
            else if (line == end)
            {
                Assert.True(open is not null, $"'{end}' on line {i + 1} closes no region");
                regions.Add((open!.Value, i));
                open = null;
            }
        }
        Assert.True(open is null, $"'{begin}' on line {open + 1} is never closed");
        return regions;
    }

    /// <summary>The source without the lines of the given regions, markers included (what a student sees of a test cell).</summary>
    public static string Without(string source, string begin, string end)
    {
        var lines = source.Split('\n').ToList();
        foreach (var (first, last) in Regions(source, begin, end).AsEnumerable().Reverse())
            lines.RemoveRange(first, last - first + 1);
        return string.Join("\n", lines);
    }

    [GeneratedRegex(@"^// TEST (?<name>[a-z0-9]+(-[a-z0-9]+)*) \((?<points>1) point\)$|^// TEST (?<name>[a-z0-9]+(-[a-z0-9]+)*) \((?<points>[2-9]|[1-9]\d+) points\)$")]
    private static partial Regex TestHeader();
}

/// <summary>One cell of a notebook, with its JSON.</summary>
internal sealed record NotebookCell(string Id, string Type, string Source, JsonElement Json);

/// <summary>A graded test cell: its name and points from the header line.</summary>
internal sealed record TestCell(NotebookCell Cell, string Name, int Points)
{
    public bool HasHiddenTests => AssignmentNotebook.Regions(Cell.Source, AssignmentNotebook.BeginHidden, AssignmentNotebook.EndHidden).Count > 0;

    /// <summary>What a student sees: the cell without its hidden tests.</summary>
    public string Visible => AssignmentNotebook.Without(Cell.Source, AssignmentNotebook.BeginHidden, AssignmentNotebook.EndHidden);
}
