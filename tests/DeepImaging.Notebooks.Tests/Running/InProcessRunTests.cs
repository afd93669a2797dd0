using static DeepImaging.Notebooks.Tests.TestNotebooks;

namespace DeepImaging.Notebooks.Tests.Running;

public sealed class InProcessRunTests : IDisposable
{
    private readonly string folder = NewFolder();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Cells_share_values_in_order_and_markdown_is_kept_unexecuted()
    {
        File.WriteAllText(Path.Combine(folder, "numbers.csv"), "19,25,37,43");
        var path = Write(folder, "values.ipynb",
            Markdown("# Values"),
            Code("using System.IO;\nvar numbers = File.ReadAllText(\"numbers.csv\").Split(',').Select(int.Parse).ToArray();"),
            Code("numbers.Sum()"),
            Code("Console.Write(string.Join(\" \", numbers.Select(n => n * 2)));"));
        var progress = new List<CellProgress>();

        var result = await new NotebookRunner().RunAsync(path,
            new RunOptions { InProcess = true, Progress = new Collect(progress) });

        Assert.True(result.Succeeded, result.FirstFailure?.Describe(result.FileName));
        Assert.Equal("Values", result.Title);
        Assert.Equal([CellStatus.Markdown, CellStatus.Succeeded, CellStatus.Succeeded, CellStatus.Succeeded],
            result.Cells.Select(c => c.Status));
        Assert.Equal("124", result.Cells[2].OutputText);  // 19 + 25 + 37 + 43, read relative to the notebook's folder
        Assert.Equal("38 50 74 86", result.Cells[3].OutputText);
        Assert.Equal([0, 1, 2, 3], result.Cells.Select(c => c.ExecutionCount));
        Assert.Empty(result.Document.Elements[0].Outputs);
        Assert.Equal([2, 2, 3, 3, 4, 4], progress.Select(p => p.CellNumber));
        Assert.All(progress, p => Assert.Equal(4, p.CellCount));
    }

    [Fact]
    public async Task Compile_error_fails_the_cell_with_the_compiler_message_and_stops_the_run()
    {
        var path = Write(folder, "typo.ipynb", Code("var x = 1;"), Code("x + y"), Code("x"));

        var result = await new NotebookRunner().RunAsync(path, new RunOptions { InProcess = true });

        Assert.False(result.Succeeded);
        Assert.Equal("failed at cell 2", result.StatusText);
        Assert.Contains("CS0103", result.Cells[1].Error);
        Assert.Equal(CellStatus.NotRun, result.Cells[2].Status);
        Assert.StartsWith("cell 2 of typo.ipynb failed: ", result.Cells[1].Describe(result.FileName));
    }

    private sealed class Collect(List<CellProgress> into) : IProgress<CellProgress>
    {
        public void Report(CellProgress value) => into.Add(value);
    }
}
