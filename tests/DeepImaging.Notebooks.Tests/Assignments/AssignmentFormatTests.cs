using System.Text.Json;
using System.Text.RegularExpressions;

namespace DeepImaging.Notebooks.Tests.Assignments;

/// <summary>The instructor notebooks follow the format of notebooks/assignments/README.md and the course notebooks' conventions.</summary>
public sealed partial class AssignmentFormatTests
{
    [Fact]
    public void There_are_the_three_assignments_of_the_notes()
    {
        Assert.Equal(["01-dense-parameters", "02-cross-correlation", "03-output-size"], Assignments.Names);
        Assert.True(File.Exists(Path.Combine(Assignments.Folder, "README.md")));
    }

    [Theory]
    [MemberData(nameof(Assignments.All), MemberType = typeof(Assignments))]
    public void Keeps_the_course_notebook_conventions(string name)
    {
        var notebook = Assignments.Instructor(name);
        var metadata = notebook.Root.GetProperty("metadata");
        Assert.Equal(".net-csharp", metadata.GetProperty("kernelspec").GetProperty("name").GetString());
        Assert.Equal("csharp", metadata.GetProperty("polyglot_notebook").GetProperty("kernelInfo").GetProperty("defaultKernelName").GetString());
        Assert.Equal(4, notebook.Root.GetProperty("nbformat").GetInt32());
        Assert.True(notebook.Root.GetProperty("nbformat_minor").GetInt32() >= 5);
        Assert.All(notebook.Cells, c => Assert.Matches("^[a-zA-Z0-9_-]{1,64}$", c.Id));
        Assert.Equal(notebook.Cells.Count, notebook.Cells.Select(c => c.Id).Distinct().Count());
        Assert.Matches(@"^#r ""nuget: DeepImaging\.Interactive, 0\.1\.0-\*""$", notebook.Cells[0].Source);
        Assert.StartsWith("# Assignment ", notebook.Cells[1].Source);
        Assert.Contains(notebook.Cells, c => c.Type == "markdown" && c.Source.StartsWith("## Summary", StringComparison.Ordinal));
        foreach (var cell in notebook.CodeCells)
        {
            Assert.Empty(cell.Json.GetProperty("outputs").EnumerateArray());
            Assert.Equal(JsonValueKind.Null, cell.Json.GetProperty("execution_count").ValueKind);
        }
    }

    [Theory]
    [MemberData(nameof(Assignments.All), MemberType = typeof(Assignments))]
    public void Has_ten_or_more_points_over_several_uniquely_named_tests_some_with_hidden_checks(string name)
    {
        var tests = Assignments.Instructor(name).Tests.ToList();
        Assert.True(tests.Count >= 4, $"{name} has {tests.Count} tests");
        Assert.True(tests.Sum(t => t.Points) >= 10, $"{name} is worth {tests.Sum(t => t.Points)} points");
        Assert.Equal(tests.Count, tests.Select(t => t.Name).Distinct().Count());
        Assert.True(tests.Count(t => t.HasHiddenTests) >= 3, $"{name}: only {tests.Count(t => t.HasHiddenTests)} tests have hidden checks");
        // Every test shows the student at least one check: a hidden-only test would be a blind guess.
        Assert.All(tests, t => Assert.Contains("throw new global::System.Exception(", t.Visible));
    }

    [Theory]
    [MemberData(nameof(Assignments.All), MemberType = typeof(Assignments))]
    public void Solution_regions_are_in_code_cells_that_are_not_tests_and_hidden_regions_only_in_tests(string name)
    {
        var notebook = Assignments.Instructor(name);
        var tests = notebook.Tests.Select(t => t.Cell.Id).ToHashSet();
        int solutions = 0;
        foreach (var cell in notebook.Cells)
        {
            int solutionRegions = AssignmentNotebook.Regions(cell.Source, AssignmentNotebook.BeginSolution, AssignmentNotebook.EndSolution).Count;
            int hiddenRegions = AssignmentNotebook.Regions(cell.Source, AssignmentNotebook.BeginHidden, AssignmentNotebook.EndHidden).Count;
            solutions += solutionRegions;
            if (cell.Type != "code" || tests.Contains(cell.Id))
                Assert.True(solutionRegions == 0, $"{name}, cell {cell.Id}: a solution region belongs in a code cell that is not a test");
            if (!tests.Contains(cell.Id))
                Assert.True(hiddenRegions == 0, $"{name}, cell {cell.Id}: hidden tests belong in a test cell");
        }
        Assert.True(solutions >= 3, $"{name} has {solutions} solution regions");
    }

    [Theory]
    [MemberData(nameof(Assignments.All), MemberType = typeof(Assignments))]
    public void Tests_name_library_code_in_full_so_that_a_students_own_definitions_cannot_change_them(string name)
    {
        foreach (var test in Assignments.Instructor(name).Tests)
        {
            string code = StringLiteral().Replace(test.Cell.Source, "\"\"");
            Assert.True(!ShortName().IsMatch(code), $"{name}, test {test.Name}: '{ShortName().Match(code).Value}' is not written with global::");
            Assert.DoesNotMatch(@"\bvar\b", code); // a student's class named var would change its meaning
            Assert.All(Regex.Matches(code, @"throw new (\S+)\(").Select(m => m.Groups[1].Value),
                type => Assert.Equal("global::System.Exception", type));
        }
    }

    [Theory]
    [MemberData(nameof(Assignments.All), MemberType = typeof(Assignments))]
    public void Every_failure_message_says_what_was_expected(string name)
    {
        foreach (var test in Assignments.Instructor(name).Tests)
            foreach (Match message in Regex.Matches(test.Cell.Source, @"throw new global::System\.Exception\((?<text>.*)"))
                Assert.Matches(@"should|differs from|the budget is|do not give|does not (keep|grow)|but .* exist", message.Groups["text"].Value);
    }

    // Library types and BCL helpers a test could use; preceded by "." they are part of a global:: name.
    [GeneratedRegex(@"(?<![.\w])(Tensor|Functional|ConvArithmetic|ModelSummary|LayerSpec|ImageLoader|Module|Exception|ArgumentException|Math|MathF|Console|String|Enumerable|Linq)\b")]
    private static partial Regex ShortName();

    // A string literal, interpolated or not (its holes go too: they only format the message).
    [GeneratedRegex(@"\$?""(?:[^""\\]|\\.)*""")]
    private static partial Regex StringLiteral();
}
