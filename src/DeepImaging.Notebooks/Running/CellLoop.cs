using Microsoft.DotNet.Interactive.Documents;

namespace DeepImaging.Notebooks;

/// <summary>Runs a notebook's cells in order, stopping at the first cell that does not succeed, as "run all" does.</summary>
internal static class CellLoop
{
    /// <param name="document">The notebook.</param>
    /// <param name="run">Runs one code cell in the notebook's kernel.</param>
    /// <param name="started">Told the number of each code cell as it starts.</param>
    /// <param name="finished">Told each cell's result as it is known (markdown and not-run cells too).</param>
    /// <param name="cancellationToken">Stops the run between cells.</param>
    public static async Task RunAsync(InteractiveDocument document, Func<KernelCell, Task<CellResult>> run,
        Action<int> started, Action<CellResult> finished, CancellationToken cancellationToken)
    {
        var stopped = false;
        var number = 0;
        foreach (var element in document.Elements)
        {
            number++;
            var kernelName = element.KernelName ?? NotebookFile.CSharp;
            if (kernelName == NotebookFile.Markdown || stopped)
            {
                finished(new CellResult
                {
                    Number = number, KernelName = kernelName, Code = element.Contents,
                    Status = stopped && kernelName != NotebookFile.Markdown ? CellStatus.NotRun : CellStatus.Markdown,
                });
                continue;
            }
            cancellationToken.ThrowIfCancellationRequested();
            started(number);
            var result = await run(new KernelCell(number, kernelName, element.Contents));
            finished(result);
            stopped = result.Status != CellStatus.Succeeded;
        }
    }

    /// <summary>The result of a cell stopped by the timeout.</summary>
    internal static CellResult TimedOut(KernelCell cell, TimeSpan timeout)
    {
        var message = $"cell {cell.Number} timed out after {timeout.TotalSeconds:0.###} s and was stopped";
        return new CellResult
        {
            Number = cell.Number, KernelName = cell.KernelName, Code = cell.Code, Status = CellStatus.TimedOut,
            Error = message, Duration = timeout,
            Outputs = [new CellOutput { Kind = OutputKind.Error, ErrorName = "Timeout", ErrorValue = message }],
        };
    }
}
