using System.Text.Json;

namespace DeepImaging.Notebooks.Tests.Assignments;

/// <summary>
/// The test submissions of each assignment (Submissions/&lt;assignment&gt;/): student-side notebooks, as a student
/// would hand them in, with the scores they should get in expected.json (checked by running them through the real
/// kernel with the hidden tests put back; the grader's own tests will run them).
/// </summary>
public sealed class SubmissionTests
{
    private sealed record Expected(string File, int Total, int VisibleTotal, string[] Failed);

    private static (int Max, Expected[] Submissions) ExpectedScores(string name)
    {
        var root = JsonDocument.Parse(File.ReadAllText(Path.Combine(Assignments.SubmissionsFolder, name, "expected.json"))).RootElement;
        Assert.Equal($"notebooks/assignments/{name}.ipynb", root.GetProperty("source").GetString());
        return (root.GetProperty("max").GetInt32(), [.. root.GetProperty("submissions").EnumerateArray().Select(s => new Expected(
            s.GetProperty("file").GetString()!, s.GetProperty("total").GetInt32(), s.GetProperty("visible_total").GetInt32(),
            [.. s.GetProperty("failed").EnumerateArray().Select(f => f.GetString()!)]))]);
    }

    private static AssignmentNotebook Submission(string name, string file) =>
        AssignmentNotebook.Load(Path.Combine(Assignments.SubmissionsFolder, name, file));

    [Theory]
    [MemberData(nameof(Assignments.All), MemberType = typeof(Assignments))]
    public void A_correct_a_partly_wrong_and_a_visible_tuned_submission_come_with_their_expected_scores(string name)
    {
        var tests = Assignments.Instructor(name).Tests.ToDictionary(t => t.Name);
        var (max, submissions) = ExpectedScores(name);
        Assert.Equal(tests.Values.Sum(t => t.Points), max);
        Assert.Equal(["correct-different.ipynb", "partly-wrong.ipynb", "tuned-to-visible.ipynb"], submissions.Select(s => s.File));
        foreach (var submission in submissions)
        {
            Assert.All(submission.Failed, test => Assert.Contains(test, tests.Keys));
            Assert.Equal(max - submission.Failed.Sum(test => tests[test].Points), submission.Total);
        }
        var (correct, partly, tuned) = (submissions[0], submissions[1], submissions[2]);
        Assert.Equal(max, correct.Total);
        Assert.InRange(partly.Total, 1, max - 1);
        Assert.Equal(max, tuned.VisibleTotal); // passes every visible check...
        Assert.True(tuned.Total < max);        // ...and loses points to the hidden ones
        Assert.All(tuned.Failed, test => Assert.True(tests[test].HasHiddenTests, $"{test} has no hidden checks to fail"));
    }

    [Theory]
    [MemberData(nameof(Assignments.All), MemberType = typeof(Assignments))]
    public void Submissions_hold_the_visible_test_cells_unchanged_and_no_solution_or_hidden_test(string name)
    {
        var instructor = Assignments.Instructor(name);
        // Lines only hidden tests have (a line such as "}" or one that a visible check repeats gives nothing away).
        var visibleLines = instructor.Cells.SelectMany(c => AssignmentNotebook.Without(c.Source, AssignmentNotebook.BeginHidden, AssignmentNotebook.EndHidden).Split('\n'))
            .Select(l => l.Trim()).ToHashSet();
        var hiddenLines = instructor.Tests.SelectMany(t => t.Cell.Source.Split('\n')).Select(l => l.Trim())
            .Where(l => l.Length > 10 && !visibleLines.Contains(l)).ToList();
        Assert.NotEmpty(hiddenLines);
        foreach (var file in ExpectedScores(name).Submissions.Select(s => s.File))
        {
            var submission = Submission(name, file);
            Assert.Equal(instructor.Cells.Select(c => c.Id), submission.Cells.Select(c => c.Id));
            string text = File.ReadAllText(submission.Path);
            Assert.DoesNotContain("BEGIN SOLUTION", text);
            Assert.DoesNotContain("HIDDEN TESTS", text);
            Assert.All(hiddenLines, line => Assert.DoesNotContain(JsonEncodedText.Encode(line).Value, text));
            foreach (var test in instructor.Tests)
                Assert.Equal(test.Visible, submission.Cells.Single(c => c.Id == test.Cell.Id).Source);
            Assert.All(submission.CodeCells, c => Assert.Empty(c.Json.GetProperty("outputs").EnumerateArray()));
        }
    }

    [Theory]
    [MemberData(nameof(Assignments.All), MemberType = typeof(Assignments))]
    public void The_correct_submission_is_written_differently_from_the_solution(string name)
    {
        var instructor = Assignments.Instructor(name);
        var correct = Submission(name, "correct-different.ipynb");
        foreach (var cell in instructor.CodeCells.Where(c => c.Source.Contains(AssignmentNotebook.BeginSolution, StringComparison.Ordinal)))
        {
            string solution = AssignmentNotebook.Without(cell.Source, AssignmentNotebook.BeginSolution, AssignmentNotebook.EndSolution);
            Assert.NotEqual(cell.Source, correct.Cells.Single(c => c.Id == cell.Id).Source);
            Assert.NotEqual(solution, correct.Cells.Single(c => c.Id == cell.Id).Source); // the student's code is in it
        }
    }
}
