using Microsoft.DotNet.Interactive.Documents;

namespace DeepImaging.Notebooks;

/// <summary>Runs a notebook's cells in order in one fresh kernel of this process, stopping at the first failure.</summary>
internal static class CellLoop
{
    /// <param name="document">The notebook.</param>
    /// <param name="started">Told the number of each code cell as it starts.</param>
    /// <param name="finished">Told each cell's result as it is known (markdown and not-run cells too).</param>
    /// <param name="cellTimeout">Per-cell limit; in this process a runaway cell is abandoned, not stopped.</param>
    /// <param name="cancellationToken">Stops the run between cells (and cooperative code within one).</param>
    public static async Task RunAsync(InteractiveDocument document, Action<int> started, Action<CellResult> finished,
        TimeSpan cellTimeout, CancellationToken cancellationToken)
    {
        using var session = new KernelSession();
        await session.StartAsync(cancellationToken);
        var stopped = false;
        var number = 0;
        foreach (var element in document.Elements)
        {
            number++;
            var kernelName = element.KernelName ?? NotebookFile.CSharp;
            var cell = new CellResult { Number = number, KernelName = kernelName, Code = element.Contents };
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
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var run = session.RunAsync(number, kernelName, element.Contents, limit.Token);
            if (await Task.WhenAny(run, Task.Delay(cellTimeout, cancellationToken)) != run)
            {
                cancellationToken.ThrowIfCancellationRequested();
                limit.Cancel();
                finished(TimedOut(cell, cellTimeout));
                // A kernel with a runaway cell still inside it cannot run anything else.
                stopped = true;
                continue;
            }
            var result = await run;
            finished(result);
            stopped = result.Status != CellStatus.Succeeded;
        }
    }

    /// <summary>The result of a cell stopped by the timeout.</summary>
    internal static CellResult TimedOut(CellResult cell, TimeSpan timeout)
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
