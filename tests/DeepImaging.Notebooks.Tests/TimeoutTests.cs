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
}
