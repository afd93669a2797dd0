namespace DeepImaging.Notebooks.Tests.Assignments;

/// <summary>The instructor notebooks, run once for the tests that read their results.</summary>
public sealed class AssignmentRun() : NotebookRuns(Assignments.Folder, Assignments.Names);

/// <summary>Each instructor notebook's own solution passes all its tests, hidden ones included.</summary>
public sealed class AssignmentRunTests(AssignmentRun run) : IClassFixture<AssignmentRun>
{
    [Theory]
    [MemberData(nameof(Assignments.All), MemberType = typeof(Assignments))]
    public void The_instructor_notebook_runs_clean_and_passes_every_test(string name)
    {
        var result = run[name];
        Assert.True(result.Succeeded, result.FirstFailure?.Describe(name) ?? result.KernelError);
        var tests = Assignments.Instructor(name).Tests.Select(t => t.Cell.Source).ToHashSet();
        var testResults = result.Cells.Where(c => tests.Contains(c.Code)).ToList();
        Assert.Equal(tests.Count, testResults.Count);
        Assert.All(testResults, c => Assert.Equal(CellStatus.Succeeded, c.Status));
    }

    [Fact]
    public void The_network_of_the_dense_assignment_has_78_794_parameters_by_both_counts()
    {
        string output = run.OutputOf("01-dense-parameters");
        Assert.Contains("784 -> 96 -> 32 -> 10: 78,794 parameters by your count", output);
        Assert.Contains("Total parameters: 78,794", output);
    }

    [Fact]
    public void Ten_gradient_steps_learn_the_edge_kernel_as_in_d2l()
    {
        string output = run.OutputOf("02-cross-correlation");
        Assert.Contains("tensor([[ 0.9885, -0.9885]])", output);
        Assert.Contains("tensor([[19., 25.],\n        [37., 43.]])", output);
    }
}
