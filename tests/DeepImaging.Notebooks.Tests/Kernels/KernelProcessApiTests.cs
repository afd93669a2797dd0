namespace DeepImaging.Notebooks.Tests.Kernels;

/// <summary>A KernelProcess fed cells one at a time, ended by a timeout, and restarted: what the grader builds on.</summary>
public sealed class KernelProcessApiTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(100);

    private readonly string folder = TestNotebooks.NewFolder();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task A_kernel_runs_cells_one_at_a_time_ends_on_a_timeout_and_restarts_fresh()
    {
        await using var kernel = await KernelProcess.StartAsync(folder, memoryLimitGigabytes: 1);
        Assert.True(kernel.IsRunning);

        var defined = await kernel.RunAsync(new KernelCell(1, "csharp", "var x = 20;"), Timeout);
        var used = await kernel.RunAsync(new KernelCell(2, "csharp", "x + 22"), Timeout);
        var failed = await kernel.RunAsync(new KernelCell(3, "csharp", "throw new Exception(\"no\");"), Timeout);
        var stillThere = await kernel.RunAsync(new KernelCell(4, "csharp", "x"), Timeout);

        Assert.Equal(CellStatus.Succeeded, defined.Status);
        Assert.Equal("42", used.OutputText);
        Assert.Equal((CellStatus.Failed, "System.Exception: no"), (failed.Status, failed.Error));
        Assert.Equal("20", stillThere.OutputText);  // a failed cell leaves the kernel running

        var runaway = await kernel.RunAsync(new KernelCell(5, "csharp", "while (true) { }"), TimeSpan.FromSeconds(2));

        Assert.Equal(CellStatus.TimedOut, runaway.Status);
        Assert.False(kernel.IsRunning);
        Assert.Equal("cell 5 timed out after 2 s and was stopped", kernel.EndReason);
        await Assert.ThrowsAsync<InvalidOperationException>(() => kernel.RunAsync(new KernelCell(6, "csharp", "x"), Timeout));

        await kernel.RestartAsync();
        var forgotten = await kernel.RunAsync(new KernelCell(6, "csharp", "x"), Timeout);
        var replayed = await kernel.RunAllAsync([new KernelCell(1, "csharp", "var x = 20;"), new KernelCell(6, "csharp", "x")], Timeout);

        Assert.True(kernel.IsRunning);
        Assert.Equal(CellStatus.Failed, forgotten.Status);  // a fresh kernel: x is not defined
        Assert.Contains("CS0103", forgotten.Error);
        Assert.Equal(["", "20"], replayed.Select(r => r.OutputText));
    }

    [Fact]
    public async Task A_cell_that_exits_the_kernel_process_ends_the_kernel_and_says_so()
    {
        await using var kernel = await KernelProcess.StartAsync(folder);

        var result = await kernel.RunAsync(new KernelCell(1, "csharp", "Environment.Exit(3);"), Timeout);

        Assert.Equal(CellStatus.Failed, result.Status);
        Assert.Equal("the kernel process exited (exit code 3) while running cell 1", result.Error);
        Assert.Equal(result.Error, kernel.EndReason);
        Assert.False(kernel.IsRunning);
    }
}
