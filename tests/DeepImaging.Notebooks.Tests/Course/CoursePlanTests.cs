namespace DeepImaging.Notebooks.Tests.Course;

/// <summary>notebooks/course.json declares the course; the runner runs what it lists and nothing else.</summary>
[Collection(CoursePlanCollection.Name)]
public sealed class CoursePlanTests : IDisposable
{
    private readonly string folder = TestNotebooks.NewFolder();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private void WritePlan(string json) => File.WriteAllText(Path.Combine(folder, CoursePlan.FileName), json);

    [Fact]
    public void The_repository_plan_names_the_course_and_its_notebooks_in_reading_order()
    {
        var plan = CourseNotebooks.Plan;
        Assert.Equal("Deep Learning & Biomedical Imaging", plan.Title);
        Assert.Equal("01-what-is-deep-learning.ipynb", plan.Notebooks[0].File);
        Assert.All(plan.Notebooks, n => Assert.True(File.Exists(n.Path), n.Path));
        Assert.All(plan.Assignments, a => Assert.StartsWith("assignments/", a.File));
    }

    [Fact]
    public async Task A_folder_with_a_plan_runs_only_the_planned_notebooks_in_plan_order()
    {
        TestNotebooks.Write(folder, "b-second.ipynb", TestNotebooks.Markdown("# Second"), TestNotebooks.Code("Console.WriteLine(\"second\");"));
        TestNotebooks.Write(folder, "a-first.ipynb", TestNotebooks.Markdown("# First"), TestNotebooks.Code("Console.WriteLine(\"first\");"));
        // A student's scratch copies beside the course.
        TestNotebooks.Write(folder, "Untitled.ipynb", TestNotebooks.Code("throw new Exception(\"scratch\");"));
        TestNotebooks.Write(folder, "a-first-copy.ipynb", TestNotebooks.Code("throw new Exception(\"copy\");"));
        TestNotebooks.Write(folder, "assignments/graded.ipynb", TestNotebooks.Code("Console.WriteLine(\"solution\");"));
        WritePlan("""
            { "title": "Test course",
              "notebooks": [ { "file": "b-second.ipynb", "title": "Second" }, { "file": "a-first.ipynb", "title": "First" } ],
              "assignments": [ { "file": "assignments/graded.ipynb", "title": "Graded" } ] }
            """);
        var site = Path.Combine(folder, "site");

        var (exitCode, output, errors) = await RunCli.RunAsync(folder, "--out", site);

        Assert.True(exitCode == 0, output + errors);
        Assert.Contains("2 notebooks, 2 succeeded, 0 failed", output);
        Assert.True(output.IndexOf("b-second", StringComparison.Ordinal) < output.IndexOf("a-first", StringComparison.Ordinal), output);
        Assert.Equal(["a-first.html", "a-first.ipynb", "b-second.html", "b-second.ipynb", "conv-explorer.html", "index.html"],
            Directory.GetFiles(site, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(site, p)).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("Untitled", output + errors);
        Assert.DoesNotContain("copy", output + errors);
    }

    [Fact]
    public async Task A_plan_naming_a_missing_file_is_refused_before_anything_runs()
    {
        TestNotebooks.Write(folder, "a.ipynb", TestNotebooks.Code("1"));
        WritePlan("""{ "title": "T", "notebooks": [ { "file": "a.ipynb", "title": "A" }, { "file": "gone.ipynb", "title": "Gone" } ] }""");

        var (exitCode, _, errors) = await RunCli.RunAsync(folder, "--out", Path.Combine(folder, "site"));

        Assert.Equal(2, exitCode);
        Assert.Contains("course.json: notebooks[1]: 'gone.ipynb' does not exist", errors);
        Assert.False(Directory.Exists(Path.Combine(folder, "site")));
    }

    [Theory]
    [InlineData("""{ "title": "T", "notebooks": [ { "file": "../outside.ipynb", "title": "X" } ] }""", "notebooks[0]: '../outside.ipynb' must be a path inside")]
    [InlineData("""{ "title": "T", "notebooks": [ { "file": "a.ipynb", "title": "A" }, { "file": "a.ipynb", "title": "B" } ] }""", "a.ipynb is listed 2 times")]
    [InlineData("""{ "title": "T", "notebooks": [ { "file": "a.txt", "title": "A" } ] }""", "'a.txt' is not a notebook (.ipynb)")]
    [InlineData("""{ "title": "T", "notebooks": [ { "file": "a.ipynb" } ] }""", "notebooks[0] needs a \"file\" and a \"title\"")]
    [InlineData("""{ "title": "T", "notebook": [ { "file": "a.ipynb", "title": "A" } ] }""", "not a course plan")]
    [InlineData("""{ "title": "T", "notebooks": [] }""", "\"notebooks\" lists no notebook")]
    [InlineData("""not json""", "not a course plan")]
    public void A_malformed_plan_is_refused_saying_what_is_wrong(string json, string expected)
    {
        TestNotebooks.Write(folder, "a.ipynb", TestNotebooks.Code("1"));
        WritePlan(json);
        var e = Assert.Throws<InvalidDataException>(() => CoursePlan.Load(folder));
        Assert.Contains(expected, e.Message);
        Assert.Contains(CoursePlan.FileName, e.Message);
    }

    [Fact]
    public void A_folder_without_a_plan_has_none()
    {
        Assert.False(CoursePlan.Exists(folder));
        Assert.Throws<FileNotFoundException>(() => CoursePlan.Load(folder));
    }
}
