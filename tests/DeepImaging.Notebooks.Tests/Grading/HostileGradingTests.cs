namespace DeepImaging.Notebooks.Tests.Grading;

/// <summary>
/// Hostile submissions (see <see cref="HostileSubmissions"/>) cost only what depends on what they do: no submission
/// is zeroed by one bad cell, nothing printed changes a score, tampered tests are restored, and the submissions' and
/// the instructor's folders survive.
/// </summary>
[Collection(ClassGrading.CollectionName)]
public sealed class HostileGradingTests(HostileClass run) : IClassFixture<HostileClass>
{
    [Fact]
    public void Grading_the_class_completes_with_exit_code_0_and_every_submission_graded()
    {
        Assert.True(run.Grade.ExitCode == 0, run.Grade.Errors + run.Grade.Output);
        foreach (var (name, _) in HostileSubmissions.All())
            Assert.Equal("graded", run.Result(name).Status);
        Assert.Equal(9, File.ReadAllLines(Path.Combine(run.Out, "grades.csv")).Length);
    }

    [Fact]
    public void Environment_Exit_costs_nothing_but_its_own_cell()
    {
        var result = run.Result("exit");
        Assert.Equal(11, result.Total);
        var (cell, status, message) = Assert.Single(result.Cells);
        Assert.Equal(7, cell);
        Assert.Equal("crashed", status);
        Assert.Contains("exit code 3", message);
    }

    [Fact]
    public void FailFast_and_a_stack_overflow_each_cost_a_restart_and_no_points()
    {
        var result = run.Result("crashes");
        Assert.Equal(11, result.Total);
        Assert.Collection(result.Cells,
            c => Assert.Equal(("crashed", true), (c.Status, c.Message.Contains("Environment.FailFast: boom"))),
            c => Assert.Equal(("crashed", true), (c.Status, c.Message.Contains("Stack overflow in Recurse"))));
    }

    [Fact]
    public void An_endless_loop_costs_only_the_test_that_runs_into_it()
    {
        var result = run.Result("loop");
        Assert.Equal(9, result.Total);
        Assert.Equal(["network-notes"], result.Failed);
        Assert.Equal("failed a hidden check: it ran past the time limit", result.Test("network-notes").GetProperty("message").GetString());
        Assert.Equal(["timed out", "timed out"], result.Cells.Select(c => c.Status));
        Assert.Contains($"timed out after {HostileClass.TimeoutSeconds} s", result.Cells[0].Message);
    }

    [Fact]
    public void A_compile_error_and_a_top_level_throw_fail_their_cells_and_cost_no_points()
    {
        var result = run.Result("compile-and-throw");
        Assert.Equal(11, result.Total);
        Assert.Collection(result.Cells,
            c => Assert.Equal(("failed", true), (c.Status, c.Message.Contains("CS0029"))),
            c => Assert.Equal(("failed", true), (c.Status, c.Message.Contains("InvalidOperationException: boom"))));
    }

    [Fact]
    public void Printed_text_imitating_a_passing_report_changes_nothing()
    {
        var result = run.Result("fake-report");
        Assert.Equal(4, result.Total);
        Assert.Equal(["my-network", "network-library", "network-notes"], result.Failed.Order());
        Assert.False(result.Test("my-network").GetProperty("passed").GetBoolean());
        // The text stays the cell's own output, in the graded notebook only.
        Assert.Contains("All tests passed: 11 / 11 points", result.Text("fake-report.ipynb"));
        foreach (var file in new[] { "result.json", "junit.xml", "feedback.md", "feedback.html" })
            Assert.DoesNotContain("All tests passed", result.Text(file));
    }

    [Fact]
    public void Edited_deleted_and_moved_tests_are_restored_where_they_belong_and_flagged()
    {
        var result = run.Result("tampered");
        Assert.Equal(4, result.Total);  // as the same submission untouched
        Assert.Equal(["my-network", "network-library", "network-notes"], result.Tampered.Order());
        Assert.True(result.Test("network-notes").GetProperty("tampered").GetBoolean());
        Assert.Contains("should be 196610001", result.Test("network-notes").GetProperty("message").GetString());
        var feedback = result.Text("feedback.md");
        Assert.Contains("- network-notes: edited", feedback);
        Assert.Contains("- network-library: deleted", feedback);
        Assert.Contains("- my-network: moved", feedback);
        var graded = Assignments.AssignmentNotebook.Load(Path.Combine(result.Folder, "tampered.ipynb"));
        var instructor = Assignments.Assignments.Instructor(HostileClass.Assignment);
        Assert.Equal(instructor.Cells.Select(c => c.Id), graded.Cells.Select(c => c.Id));
        Assert.All(instructor.Tests, t => Assert.Equal(t.Visible, graded.Cells.Single(c => c.Id == t.Cell.Id).Source));
    }

    [Fact]
    public void A_students_own_Exception_Math_Assert_String_and_ModelSummary_change_no_test()
    {
        var result = run.Result("shadowed");
        Assert.Equal(4, result.Total);
        Assert.Equal(["my-network", "network-library", "network-notes"], result.Failed.Order());
        Assert.Contains("should be 513, as ModelSummary.Dense counts it, not 512", result.Test("network-library").GetProperty("message").GetString());
    }

    [Fact]
    public void Deleting_files_reaches_only_the_scratch_copy_and_costs_no_points()
    {
        var result = run.Result("deletes-files");
        Assert.Equal(11, result.Total);
        var (_, status, message) = Assert.Single(result.Cells);
        Assert.Equal("crashed", status);
        Assert.Contains("deleted the folder it runs in", message);
        Assert.Equal(run.Before, run.Snapshot());
    }
}
