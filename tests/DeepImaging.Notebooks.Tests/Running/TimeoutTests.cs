using static DeepImaging.Notebooks.Tests.TestNotebooks;

namespace DeepImaging.Notebooks.Tests.Running;

public sealed class TimeoutTests : IDisposable
{
    private readonly string folder = NewFolder();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Runaway_cell_is_stopped_by_killing_the_kernel_process_and_named()
    {
        var path = Write(folder, "runaway.ipynb",
            Markdown("# Runaway"),
            Code("while (true) {}"),
            Code("1"));

        var result = await new NotebookRunner().RunAsync(path, new RunOptions { CellTimeout = TimeSpan.FromSeconds(3) });

        Assert.Equal("timed out at cell 2", result.StatusText);
        Assert.Equal([CellStatus.Markdown, CellStatus.TimedOut, CellStatus.NotRun], result.Cells.Select(c => c.Status));
        Assert.Equal("cell 2 of runaway.ipynb timed out: cell 2 timed out after 3 s and was stopped\n    | while (true) {}",
            result.FirstFailure!.Describe(result.FileName));
        Assert.Equal("Timeout", result.Document.Elements[1].Outputs.OfType<Microsoft.DotNet.Interactive.Documents.ErrorElement>()
            .Single().ErrorName);
    }

    // The notebook is done when its last cell is: the kernel is killed then, not asked to shut down, so a disposal
    // that never returns (or any thread a cell left running) costs nothing.
    [Fact]
    public async Task A_kernel_that_would_not_shut_down_does_not_hold_the_run_after_its_last_cell()
    {
        var path = Write(folder, "hang.ipynb",
            Code("var x = 1;"),
            Code("Microsoft.DotNet.Interactive.KernelInvocationContext.Current.HandlingKernel.RootKernel\n" +
                 "    .RegisterForDisposal(() => System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite));\nx + 1"));
        var progress = new List<CellProgress>();

        // Before, the disposal cost the whole timeout and made the run fail.
        var result = await new NotebookRunner().RunAsync(path,
            new RunOptions { CellTimeout = TimeSpan.FromSeconds(30), Progress = new Collect(progress) });

        Assert.True(result.Succeeded, result.KernelError ?? result.FirstFailure?.Describe(result.FileName));
        Assert.Equal("2", result.Cells[1].OutputText);
        Assert.Equal([(1, null), (1, CellStatus.Succeeded), (2, null), (2, CellStatus.Succeeded)],
            progress.Select(p => (p.CellNumber, p.Result?.Status)));
    }

    [Fact]
    public async Task A_foreground_thread_left_spinning_does_not_cost_a_timeout_after_the_last_cell()
    {
        var path = Write(folder, "spin.ipynb",
            Code("new System.Threading.Thread(() => { while (true) { } }) { IsBackground = false }.Start();"),
            Code("\"last\""));

        // Waiting for the process to end would take the whole timeout (100 s); the notebook is done with cell 2.
        var result = await new NotebookRunner().RunAsync(path, new RunOptions { CellTimeout = TimeSpan.FromSeconds(100) });

        Assert.True(result.Succeeded, result.KernelError ?? result.FirstFailure?.Describe(result.FileName));
        Assert.Equal("last", result.Cells[1].OutputText);
        Assert.True(result.Duration < TimeSpan.FromSeconds(100), $"the run took {result.Duration}");
    }

    [Fact]
    public async Task A_kernel_that_dies_is_reported_in_the_summary_with_its_reason_and_fails_the_exit_code()
    {
        // Cell 1 leaves a thread that kills the process 2 s later, while cell 2 sleeps.
        var path = Write(folder, "late.ipynb",
            Code("new System.Threading.Thread(() => { System.Threading.Thread.Sleep(2000); Environment.FailFast(\"late\"); }).Start();"),
            Code("System.Threading.Thread.Sleep(60_000);"));

        var (exitCode, output, errors) = await RunCli.RunAsync(path, "--timeout", "100", "--out", Path.Combine(folder, "site"));

        Assert.Equal(1, exitCode);
        Assert.Matches(@"late\.ipynb\s+2\s+[\d.]+\s+failed at cell 2", output);
        Assert.Contains("cell 2 of late.ipynb failed: the kernel process exited (exit code 134) while running cell 2: " +
                        "Environment.FailFast: late", output);
        Assert.Contains("late.ipynb: cell 2/2 FAILED", errors);
        var page = File.ReadAllText(Path.Combine(folder, "site", "late.html"));
        Assert.Contains("Environment.FailFast: late", page);
    }

    private sealed class Collect(List<CellProgress> into) : IProgress<CellProgress>
    {
        public void Report(CellProgress value) => into.Add(value);
    }
}
