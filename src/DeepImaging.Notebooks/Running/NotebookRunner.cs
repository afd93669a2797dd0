using System.Diagnostics;
using Microsoft.DotNet.Interactive.Documents;

namespace DeepImaging.Notebooks;

/// <summary>
/// Runs notebooks headlessly: every cell in order, in a fresh kernel per notebook (a <see cref="KernelProcess"/>),
/// with the notebook's folder as the current directory (so relative data paths and the repository's nuget.config
/// apply). The run stops at the first failing cell. This is the engine behind <c>deepimaging run</c> and the course's
/// notebook tests; docs/security.md says what it protects against.
/// </summary>
public sealed class NotebookRunner
{
    /// <summary>Runs one notebook and returns every cell's result and the executed document.</summary>
    /// <param name="notebookPath">Path of a .ipynb file.</param>
    /// <param name="options">Timeout, memory limit, process isolation and progress; null for the defaults.</param>
    /// <param name="cancellationToken">Stops the run (the child process is killed).</param>
    /// <exception cref="FileNotFoundException">The notebook does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not an nbformat 4 notebook.</exception>
    /// <exception cref="ArgumentException">The options' cell timeout or memory limit is out of range.</exception>
    public async Task<NotebookResult> RunAsync(string notebookPath, RunOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options = Checked(options);
        var path = Path.GetFullPath(notebookPath);
        return await RunAsync(path, NotebookFile.Load(path), options, cancellationToken);
    }

    /// <summary>
    /// Runs a notebook already loaded with <see cref="NotebookFile.Load"/> (<c>deepimaging run</c> loads each notebook
    /// once, to check them all before anything runs).
    /// </summary>
    /// <param name="path">The notebook's full path.</param>
    /// <param name="document">The notebook as loaded; the run fills in its outputs.</param>
    /// <param name="options">Timeout, memory limit, process isolation and progress; null for the defaults.</param>
    /// <param name="cancellationToken">Stops the run (the child process is killed).</param>
    internal async Task<NotebookResult> RunAsync(string path, InteractiveDocument document, RunOptions? options,
        CancellationToken cancellationToken)
    {
        options = Checked(options);
        var cells = new CellResult?[document.Elements.Count];
        var stopwatch = Stopwatch.StartNew();

        void Started(int number) =>
            options.Progress?.Report(new CellProgress(path, number, cells.Length, stopwatch.Elapsed, null));
        void Finished(CellResult result)
        {
            cells[result.Number - 1] = result;
            if (result.Status is not (CellStatus.Markdown or CellStatus.NotRun))
                options.Progress?.Report(new CellProgress(path, result.Number, cells.Length, stopwatch.Elapsed, result));
        }

        string? kernelError = null;
        if (options.InProcess)
            await RunInThisProcessAsync(path, document, Started, Finished, options.CellTimeout, cancellationToken);
        else
            kernelError = await RunInChildProcessAsync(path, document, Started, Finished, options, cancellationToken);

        var results = cells.Select((cell, i) => cell ?? NotRun(document.Elements[i], i + 1)).ToList();
        NotebookFile.FillOutputs(document, results);
        return new NotebookResult(path, NotebookFile.TitleOf(document, path), results, document, stopwatch.Elapsed,
            kernelError);
    }

    // In this process a runaway cell cannot be stopped: on timeout it is abandoned, and the run stops.
    private static async Task RunInThisProcessAsync(string path, InteractiveDocument document, Action<int> started,
        Action<CellResult> finished, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = Path.GetDirectoryName(path)!;
        try
        {
            using var session = new KernelSession();
            await session.StartAsync(cancellationToken);
            await CellLoop.RunAsync(document, async cell =>
            {
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var run = session.RunAsync(cell.Number, cell.KernelName, cell.Code, limit.Token);
                if (await Task.WhenAny(run, Task.Delay(timeout, cancellationToken)) == run)
                    return await run;
                cancellationToken.ThrowIfCancellationRequested();
                limit.Cancel();
                return CellLoop.TimedOut(cell, timeout);
            }, started, finished, cancellationToken);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    // The kernel runs in a child process (see KernelProcess): only killing a process stops a cell such as
    // `while (true) {}`. The notebook is done when its last cell is: the kernel is then killed with every process
    // its cells started, whatever threads they left running. Returns null, or why the kernel did not start.
    private static async Task<string?> RunInChildProcessAsync(string path, InteractiveDocument document,
        Action<int> started, Action<CellResult> finished, RunOptions options, CancellationToken cancellationToken)
    {
        KernelProcess kernel;
        try
        {
            kernel = await KernelProcess.StartAsync(Path.GetDirectoryName(path)!, options.MemoryLimitGigabytes, cancellationToken);
        }
        catch (KernelStartException e)
        {
            return e.Message;
        }
        await using (kernel)
        {
            await CellLoop.RunAsync(document, cell => kernel.RunAsync(cell, options.CellTimeout, cancellationToken),
                started, finished, cancellationToken);
        }
        return null;
    }

    private static RunOptions Checked(RunOptions? options)
    {
        options ??= new RunOptions();
        if (options.CellTimeout < RunOptions.MinimumCellTimeout || options.CellTimeout > RunOptions.MaximumCellTimeout)
            throw new ArgumentException(
                $"RunOptions.CellTimeout is {options.CellTimeout}; it must be from {RunOptions.MinimumCellTimeout} " +
                $"to {RunOptions.MaximumCellTimeout}", nameof(options));
        if (!(options.MemoryLimitGigabytes >= RunOptions.MinimumMemoryLimitGigabytes &&
              options.MemoryLimitGigabytes <= RunOptions.MaximumMemoryLimitGigabytes))
            throw new ArgumentException(
                $"RunOptions.MemoryLimitGigabytes is {options.MemoryLimitGigabytes}; it must be from " +
                $"{RunOptions.MinimumMemoryLimitGigabytes} to {RunOptions.MaximumMemoryLimitGigabytes}", nameof(options));
        return options;
    }

    private static CellResult NotRun(InteractiveDocumentElement element, int number) => new()
    {
        Number = number, KernelName = element.KernelName ?? NotebookFile.CSharp, Code = element.Contents,
        Status = element.KernelName == NotebookFile.Markdown ? CellStatus.Markdown : CellStatus.NotRun,
    };
}
