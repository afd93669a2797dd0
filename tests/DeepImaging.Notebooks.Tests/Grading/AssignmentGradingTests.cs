using System.Text.Json;
using DeepImaging.Notebooks.Tests.Assignments;

namespace DeepImaging.Notebooks.Tests.Grading;

/// <summary>Each assignment set with <c>assign</c> and graded with <c>grade --submissions</c> (see <see cref="ClassGrading"/>).</summary>
[Collection(ClassGrading.CollectionName)]
public sealed class AssignmentGradingTests(ClassGrading run)
{
    public static TheoryData<string> All() => Assignments.Assignments.All();

    [Theory]
    [MemberData(nameof(All))]
    public void The_instructor_version_scores_full_marks_so_assign_releases_it(string name)
    {
        var (exitCode, output, errors) = run.Assign[name];
        Assert.True(exitCode == 0, errors + output);
        var max = Assignments.Assignments.Instructor(name).Tests.Sum(t => t.Points);
        Assert.Contains($"{max} / {max} points: every test passes.", output);
        foreach (var test in Assignments.Assignments.Instructor(name).Tests)
            Assert.Matches($@"(?m)^{test.Name} +{test.Points} / {test.Points} +passed$", output.ReplaceLineEndings("\n"));
        Assert.Contains($"student version: {run.Released(name)}", output);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Every_submission_gets_the_score_it_should_and_grades_csv_lists_them(string name)
    {
        var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Assignments.Assignments.SubmissionsFolder, name, "expected.json"))).RootElement;
        var max = expected.GetProperty("max").GetInt32();
        foreach (var submission in expected.GetProperty("submissions").EnumerateArray())
        {
            var file = submission.GetProperty("file").GetString()!;
            var result = run.Result(name, Path.GetFileNameWithoutExtension(file));
            Assert.Equal(file, result.Root.GetProperty("submission").GetString());
            Assert.Equal("graded", result.Status);
            Assert.Equal(max, result.Max);
            Assert.Equal(submission.GetProperty("total").GetInt32(), result.Total);
            Assert.Equal(submission.GetProperty("failed").EnumerateArray().Select(f => f.GetString()).Order(), result.Failed.Order());
            Assert.Empty(result.Tampered);
        }
        var csv = File.ReadAllLines(Path.Combine(run.Out(name), "grades.csv"));
        var tests = Assignments.Assignments.Instructor(name).Tests.Select(t => t.Name);
        Assert.Equal(string.Join(",", new[] { "name", "total", "max", "status" }.Concat(tests)), csv[0]);
        Assert.Equal(["correct-different", "partly-wrong", "released", "tuned-to-visible"], csv.Skip(1).Select(l => l.Split(',')[0]));
        Assert.StartsWith($"correct-different,{max},{max},graded,", csv[1]);
        Assert.StartsWith($"released,0,{max},graded,", csv[3]);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void The_released_version_scores_0_with_every_test_failing_on_NotImplementedException(string name)
    {
        var result = run.Result(name, "released");
        Assert.Equal(0, result.Total);
        Assert.Equal("graded", result.Status);
        foreach (var test in result.Root.GetProperty("tests").EnumerateArray())
        {
            Assert.False(test.GetProperty("passed").GetBoolean());
            Assert.Equal(0, test.GetProperty("points").GetDouble());
        }
        Assert.Contains(result.Root.GetProperty("tests").EnumerateArray(),
            t => t.GetProperty("message").GetString()!.Contains("NotImplementedException", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void The_submission_tuned_to_the_visible_tests_loses_points_only_to_hidden_checks(string name)
    {
        var result = run.Result(name, "tuned-to-visible");
        Assert.True(result.Total < result.Max);
        foreach (var failed in result.Failed)
        {
            var test = result.Test(failed);
            Assert.True(test.GetProperty("hidden").GetBoolean());
            Assert.StartsWith("failed a hidden check", test.GetProperty("message").GetString());
        }
        Assert.Contains("failed: ` failed a hidden check", result.Text("feedback.md"));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void No_hidden_check_reaches_any_file_written_for_a_student(string name)
    {
        var hiddenLines = HiddenLines(name);
        Assert.NotEmpty(hiddenLines);
        foreach (var submission in new[] { "correct-different", "partly-wrong", "released", "tuned-to-visible" })
            foreach (var (file, text) in run.Result(name, submission).Files)
                foreach (var line in hiddenLines)
                    Assert.False(GradeResult.Holds(text, line),
                        $"{submission}/{file} holds the hidden line '{line}'");
    }

    [Theory]
    [MemberData(nameof(All))]
    public void The_student_version_holds_no_solution_or_hidden_line_anywhere_metadata_included(string name)
    {
        var instructor = Assignments.Assignments.Instructor(name);
        var text = File.ReadAllText(run.Released(name));
        // Every line of a solution or hidden region that students do not otherwise get (a "}" gives nothing away).
        var releasedCode = Released(name).CodeCells.SelectMany(c => c.Source.Split('\n')).Select(l => l.Trim()).ToHashSet();
        var secret = instructor.CodeCells.SelectMany(c =>
                AssignmentNotebook.Regions(c.Source, AssignmentNotebook.BeginSolution, AssignmentNotebook.EndSolution)
                    .Concat(AssignmentNotebook.Regions(c.Source, AssignmentNotebook.BeginHidden, AssignmentNotebook.EndHidden))
                    .SelectMany(r => c.Source.Split('\n')[r.Begin..(r.End + 1)]))
            .Select(l => l.Trim()).Where(l => l.Length > 3 && !releasedCode.Contains(l)).Distinct().ToList();
        Assert.True(secret.Count > 10, $"only {secret.Count} secret lines found");
        foreach (var line in secret)
            Assert.False(GradeResult.Holds(text, line), $"the student version holds '{line}'");
    }

    [Theory]
    [MemberData(nameof(All))]
    public void The_student_version_replaces_solutions_at_their_indentation_and_marks_each_test(string name)
    {
        var instructor = Assignments.Assignments.Instructor(name);
        var released = Released(name);
        Assert.Equal(instructor.Cells.Select(c => c.Id), released.Cells.Select(c => c.Id));
        foreach (var cell in instructor.CodeCells.Where(c => c.Source.Contains(AssignmentNotebook.BeginSolution)))
        {
            var lines = cell.Source.Split('\n');
            var expected = string.Join("\n", lines.Select((line, i) => (line, i)).Where(p =>
                    !AssignmentNotebook.Regions(cell.Source, AssignmentNotebook.BeginSolution, AssignmentNotebook.EndSolution)
                        .Any(r => p.i > r.Begin && p.i <= r.End))
                .Select(p => p.line.Trim() == AssignmentNotebook.BeginSolution
                    ? p.line[..p.line.IndexOf('/')] + "throw new NotImplementedException();" : p.line));
            Assert.Equal(expected, released.Cells.Single(c => c.Id == cell.Id).Source);
        }
        foreach (var test in instructor.Tests)
        {
            var cell = released.Cells.Single(c => c.Id == test.Cell.Id);
            Assert.Equal(test.Visible, cell.Source);
            var metadata = cell.Json.GetProperty("metadata").GetProperty("deepimaging");
            Assert.Equal(test.Name, metadata.GetProperty("test").GetString());
            Assert.Equal(test.Points, metadata.GetProperty("points").GetInt32());
            Assert.StartsWith("sha256:", metadata.GetProperty("fingerprint").GetString());
        }
        Assert.All(released.CodeCells, c => Assert.Empty(c.Json.GetProperty("outputs").EnumerateArray()));
        Assert.All(released.CodeCells, c => Assert.Equal(JsonValueKind.Null, c.Json.GetProperty("execution_count").ValueKind));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void The_graded_notebook_shows_each_test_where_it_belongs_with_its_visible_lines_and_grade(string name)
    {
        var graded = AssignmentNotebook.Load(Path.Combine(run.Out(name), "partly-wrong", "partly-wrong.ipynb"));
        var instructor = Assignments.Assignments.Instructor(name);
        Assert.Equal(instructor.Cells.Select(c => c.Id), graded.Cells.Select(c => c.Id));
        foreach (var test in instructor.Tests)
        {
            var cell = graded.Cells.Single(c => c.Id == test.Cell.Id);
            Assert.Equal(test.Visible, cell.Source);
            var texts = cell.Json.GetProperty("outputs").EnumerateArray()
                .Select(o => o.TryGetProperty("data", out var data) && data.TryGetProperty("text/plain", out var plain) ? plain.GetString() : null);
            Assert.Contains(texts, t => t?.StartsWith($"TEST {test.Name}: ", StringComparison.Ordinal) == true);
        }
        Assert.Contains(graded.CodeCells, c => c.Json.GetProperty("outputs").GetArrayLength() > 0);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void A_class_with_a_submission_under_fail_under_ends_with_exit_code_1_after_grading_every_one(string name)
    {
        var (exitCode, output, errors) = run.Grade[name];
        Assert.Equal(1, exitCode);
        Assert.Contains("4 submissions graded", output);
        Assert.Contains("released.ipynb scored 0 points, under --fail-under 5", errors);
        Assert.DoesNotContain("correct-different.ipynb scored", errors);
    }

    [Fact]
    public void Junit_xml_has_a_testcase_per_test_and_a_failure_for_each_failed_one()
    {
        var result = run.Result("01-dense-parameters", "partly-wrong");
        var xml = System.Xml.Linq.XDocument.Parse(result.Text("junit.xml"));
        var cases = xml.Descendants("testcase").ToList();
        Assert.Equal(Assignments.Assignments.Instructor("01-dense-parameters").Tests.Select(t => t.Name), cases.Select(c => c.Attribute("name")!.Value));
        Assert.Equal(result.Failed.Order(), cases.Where(c => c.Element("failure") is not null).Select(c => c.Attribute("name")!.Value).Order());
        Assert.Equal(result.Failed.Length.ToString(), xml.Root!.Attribute("failures")!.Value);
    }

    private HashSet<string> HiddenLines(string name)
    {
        var instructor = Assignments.Assignments.Instructor(name);
        var visible = instructor.Cells.SelectMany(c => AssignmentNotebook.Without(c.Source, AssignmentNotebook.BeginHidden, AssignmentNotebook.EndHidden).Split('\n'))
            .Select(l => l.Trim()).ToHashSet();
        return instructor.Tests.SelectMany(t => t.Cell.Source.Split('\n')).Select(l => l.Trim())
            .Where(l => l.Length > 10 && !visible.Contains(l)).ToHashSet();
    }

    private AssignmentNotebook Released(string name) => AssignmentNotebook.Load(run.Released(name));
}
