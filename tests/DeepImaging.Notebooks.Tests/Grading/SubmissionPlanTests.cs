using DeepImaging.Notebooks.Grading;
using static DeepImaging.Notebooks.Tests.Grading.InstructorNotebooks;

namespace DeepImaging.Notebooks.Tests.Grading;

/// <summary>
/// How a submission's cells are matched to the instructor's tests: every test from the instructor copy, hidden checks
/// included, placed where it belongs; edited, moved, copied and deleted tests restored and flagged.
/// </summary>
public sealed class SubmissionPlanTests : IDisposable
{
    private const string Visible = "// TEST twice (2 points)\nlong four = Twice(2);\nif (four != 4)\n    throw new global::System.Exception($\"Twice(2) should be 4, not {four}\");";
    private const string Other = "// TEST zero (1 point)\nif (Twice(0) != 0) throw new global::System.Exception(\"Twice(0) should be 0\");";
    private const string Mine = "long Twice(int x) => x + x;";

    private readonly string folder = TestNotebooks.NewFolder();
    private readonly AssignmentSource source;

    public SubmissionPlanTests()
    {
        // c0 setup, c1 the function, c2 the test with hidden checks, c3 a given cell, c4 another test.
        source = AssignmentSource.Load(Write(folder, "instructor.ipynb", "int setup = 1;", Solution, Test, "int given = 2;", Other));
        Assert.Empty(source.Problems);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private SubmissionPlan Plan(params object[] cells) =>
        SubmissionPlan.Make(source, IpynbNotebook.Load(TestNotebooks.Write(folder, "submission.ipynb", cells)));

    private static object Cell(string id, string source) => WithId(TestNotebooks.Code(source), id);

    // Each planned cell as "id: first line", tests marked with "TEST".
    private static List<string> Layout(SubmissionPlan plan) =>
        plan.Cells.Select(c => $"{c.Cell.Id}{(c.Test is null ? "" : " TEST")}: {c.Cell.Source.Split('\n')[0]}").ToList();

    [Fact]
    public void An_untouched_submission_runs_its_own_cells_and_the_instructors_tests_in_its_order()
    {
        var plan = Plan(Cell("c0", "int setup = 1;"), Cell("c1", Mine), Cell("c2", Visible), Cell("c3", "int given = 2;"), Cell("c4", Other));
        Assert.Empty(plan.Tampered);
        Assert.Equal(["c0: int setup = 1;", "c1: long Twice(int x) => x + x;", "c2 TEST: // TEST twice (2 points)",
            "c3: int given = 2;", "c4 TEST: // TEST zero (1 point)"], Layout(plan));
        // The run takes the hidden checks from the instructor copy; the graded notebook shows only the visible lines.
        var twice = plan.Cells[2];
        Assert.Equal(source.Tests[0], twice.Test);
        Assert.Contains(twice.Test!.Segments, s => s.Hidden && s.Code.Contains("Twice(3)"));
        Assert.DoesNotContain("secretSix", twice.Cell.Source);
    }

    [Fact]
    public void A_students_own_cells_between_the_tests_stay_where_the_student_put_them()
    {
        var plan = Plan(Cell("c0", "int setup = 1;"), Cell("c1", Mine), Cell("x1", "long helper = 3;"), Cell("c2", Visible),
            Cell("x2", "// my notes"), Cell("c3", "int given = 2;"), Cell("c4", Other));
        Assert.Empty(plan.Tampered);
        Assert.Equal(["c0", "c1", "x1", "c2", "x2", "c3", "c4"], plan.Cells.Select(c => c.Cell.Id));
    }

    [Fact]
    public void An_edited_test_is_replaced_by_the_instructors_and_flagged()
    {
        var plan = Plan(Cell("c0", "int setup = 1;"), Cell("c1", Mine), Cell("c2", "// TEST twice (2 points)\n// all good"),
            Cell("c3", "int given = 2;"), Cell("c4", Other));
        Assert.Equal("edited", plan.Tampered["twice"]);
        Assert.Equal(Visible, plan.Cells[2].Cell.Source);
        Assert.False(plan.Tampered.ContainsKey("zero"));
    }

    [Fact]
    public void A_deleted_test_is_put_back_after_the_students_cells_that_precede_its_neighbour()
    {
        var plan = Plan(Cell("c0", "int setup = 1;"), Cell("c1", Mine), Cell("x1", "long helper = 3;"), Cell("c3", "int given = 2;"), Cell("c4", Other));
        Assert.Equal("deleted", plan.Tampered["twice"]);
        Assert.Equal(["c0", "c1", "x1", "c2", "c3", "c4"], plan.Cells.Select(c => c.Cell.Id));
    }

    [Fact]
    public void A_test_moved_before_the_function_it_tests_runs_where_it_belongs()
    {
        var plan = Plan(Cell("c2", Visible), Cell("c0", "int setup = 1;"), Cell("c1", Mine), Cell("c3", "int given = 2;"), Cell("c4", Other));
        Assert.Equal("moved", plan.Tampered["twice"]);
        Assert.Equal(["c0", "c1", "c2", "c3", "c4"], plan.Cells.Select(c => c.Cell.Id));
    }

    [Fact]
    public void Two_tests_swapped_are_run_in_the_instructors_order()
    {
        var plan = Plan(Cell("c0", "int setup = 1;"), Cell("c1", Mine), Cell("c4", Other), Cell("c3", "int given = 2;"), Cell("c2", Visible));
        Assert.Equal(["c0", "c1", "c2", "c3", "c4"], plan.Cells.Select(c => c.Cell.Id));
        Assert.Equal("moved", plan.Tampered["twice"]);
    }

    [Fact]
    public void A_test_whose_cell_id_changed_is_found_by_its_name_and_a_copy_of_it_is_dropped()
    {
        var plan = Plan(Cell("c0", "int setup = 1;"), Cell("c1", Mine), Cell("new-id", Visible), Cell("copy", Visible),
            Cell("c3", "int given = 2;"), Cell("c4", Other));
        Assert.Equal("copied", plan.Tampered["twice"]);
        Assert.Equal(["c0", "c1", "c2", "c3", "c4"], plan.Cells.Select(c => c.Cell.Id));
    }

    [Fact]
    public void A_test_whose_id_and_header_changed_is_found_by_the_fingerprint_of_the_student_version()
    {
        var released = (Dictionary<string, object?>)Cell("renamed", "// my version of the test\nlong four = Twice(2);");
        released["metadata"] = new Dictionary<string, object> { ["deepimaging"] = new { fingerprint = source.Tests[0].Fingerprint } };
        var plan = Plan(Cell("c0", "int setup = 1;"), Cell("c1", Mine), released, Cell("c3", "int given = 2;"), Cell("c4", Other));
        Assert.Equal("edited", plan.Tampered["twice"]);
        Assert.Equal(["c0", "c1", "c2", "c3", "c4"], plan.Cells.Select(c => c.Cell.Id));
    }

    [Fact]
    public void A_test_turned_into_markdown_is_restored_as_code()
    {
        var plan = Plan(Cell("c0", "int setup = 1;"), Cell("c1", Mine), WithId(TestNotebooks.Markdown(Visible), "c2"),
            Cell("c3", "int given = 2;"), Cell("c4", Other));
        Assert.Equal("edited", plan.Tampered["twice"]);
        Assert.True(plan.Cells[2].Cell.IsCode);
    }

    [Fact]
    public void The_instructor_notebook_itself_is_untampered()
    {
        var plan = SubmissionPlan.Make(source, source.Notebook);
        Assert.Empty(plan.Tampered);
        Assert.Equal(5, plan.Cells.Count);
    }
}
