using System.Collections.Concurrent;

namespace DeepImaging.Notebooks.Tests.Assignments;

/// <summary>Runs the instructor notebooks once, through the engine of `deepimaging run`, two at a time.</summary>
public sealed class AssignmentRun : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, NotebookResult> results = new();

    public NotebookResult this[string name] => results[name];

    public async Task InitializeAsync()
    {
        using var slots = new SemaphoreSlim(2);
        var runner = new NotebookRunner();
        await Task.WhenAll(Assignments.Names.Select(async name =>
        {
            await slots.WaitAsync();
            try
            {
                results[name] = await runner.RunAsync(Path.Combine(Assignments.Folder, name + ".ipynb"), new RunOptions { CellTimeout = TimeSpan.FromSeconds(180) });
            }
            finally
            {
                slots.Release();
            }
        }));
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

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
        string output = string.Join("\n", run["01-dense-parameters"].Cells.Select(c => c.OutputText));
        Assert.Contains("784 -> 96 -> 32 -> 10: 78,794 parameters by your count", output);
        Assert.Contains("Total parameters: 78,794", output);
    }

    [Fact]
    public void Ten_gradient_steps_learn_the_edge_kernel_as_in_d2l()
    {
        string output = string.Join("\n", run["02-cross-correlation"].Cells.Select(c => c.OutputText));
        Assert.Contains("tensor([[ 0.9885, -0.9885]])", output);
        Assert.Contains("tensor([[19., 25.],\n        [37., 43.]])", output);
    }
}
