using static DeepImaging.Notebooks.Tests.TestNotebooks;

namespace DeepImaging.Notebooks.Tests;

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

    [Fact]
    public async Task Kernel_that_does_not_shut_down_is_a_notebook_error_and_finished_cells_keep_their_results()
    {
        // Cell 2 finishes at once but leaves the kernel a disposal that never returns.
        var path = Write(folder, "hang.ipynb",
            Code("var x = 1;"),
            Code("Microsoft.DotNet.Interactive.KernelInvocationContext.Current.HandlingKernel.RootKernel\n" +
                 "    .RegisterForDisposal(() => System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite));\nx + 1"));
        var progress = new List<CellProgress>();

        var result = await new NotebookRunner().RunAsync(path,
            new RunOptions { CellTimeout = TimeSpan.FromSeconds(3), Progress = new Collect(progress) });

        Assert.Equal([CellStatus.Succeeded, CellStatus.Succeeded], result.Cells.Select(c => c.Status));
        Assert.Equal("2", result.Cells[1].OutputText);
        Assert.Equal("the kernel did not shut down within 3 s after the last cell and was stopped", result.KernelError);
        Assert.Null(result.FirstFailure);
        Assert.False(result.Succeeded);
        Assert.Equal("failed in the kernel", result.StatusText);
        // Two starts and two finishes, none of them a timeout.
        Assert.Equal([(1, null), (1, CellStatus.Succeeded), (2, null), (2, CellStatus.Succeeded)],
            progress.Select(p => (p.CellNumber, p.Result?.Status)));
    }

    [Fact]
    public async Task Kernel_error_is_printed_in_the_summary_and_fails_the_exit_code()
    {
        var path = Write(folder, "hang.ipynb",
            Code("Microsoft.DotNet.Interactive.KernelInvocationContext.Current.HandlingKernel.RootKernel\n" +
                 "    .RegisterForDisposal(() => System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite));"));

        var (exitCode, output, errors) = await RunCli.RunAsync(path, "--timeout", "2", "--out", Path.Combine(folder, "site"));

        Assert.Equal(1, exitCode);
        Assert.Matches(@"hang\.ipynb\s+1\s+[\d.]+\s+failed in the kernel", output);
        Assert.Contains("hang.ipynb: the kernel did not shut down within 2 s after the last cell and was stopped", output);
        Assert.Contains("hang.ipynb: cell 1/1 ok", errors);
        Assert.DoesNotContain("TIMED OUT", errors);
        var page = File.ReadAllText(Path.Combine(folder, "site", "hang.html"));
        Assert.Contains("the kernel did not shut down within 2 s after the last cell and was stopped", page);
    }

    private sealed class Collect(List<CellProgress> into) : IProgress<CellProgress>
    {
        public void Report(CellProgress value) => into.Add(value);
    }
}
