using System.Diagnostics;
using System.Text.Json;
using Microsoft.DotNet.Interactive.Documents;

namespace DeepImaging.Notebooks;

/// <summary>
/// Runs notebooks headlessly: every cell in order, in a fresh kernel per notebook, with the notebook's folder as
/// the current directory (so relative data paths and the repository's nuget.config apply). The run stops at the
/// first failing cell. This is the engine behind <c>deepimaging run</c> and the course's notebook tests.
/// </summary>
public sealed class NotebookRunner
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(60);

    /// <summary>Runs one notebook and returns every cell's result and the executed document.</summary>
    /// <param name="notebookPath">Path of a .ipynb file.</param>
    /// <param name="options">Timeout, process isolation and progress; null for the defaults.</param>
    /// <param name="cancellationToken">Stops the run (the child process is killed).</param>
    /// <exception cref="FileNotFoundException">The notebook does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not an nbformat 4 notebook.</exception>
    /// <exception cref="ArgumentException">The options' cell timeout is out of range.</exception>
    public async Task<NotebookResult> RunAsync(string notebookPath, RunOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new RunOptions();
        if (options.CellTimeout < RunOptions.MinimumCellTimeout || options.CellTimeout > RunOptions.MaximumCellTimeout)
            throw new ArgumentException(
                $"RunOptions.CellTimeout is {options.CellTimeout}; it must be from {RunOptions.MinimumCellTimeout} " +
                $"to {RunOptions.MaximumCellTimeout}", nameof(options));
        var path = Path.GetFullPath(notebookPath);
        var document = NotebookFile.Load(path);
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
            kernelError = await RunInChildProcessAsync(path, document, Started, Finished, options.CellTimeout, cancellationToken);

        var results = cells.Select((cell, i) => cell ?? NotRun(document.Elements[i], i + 1)).ToList();
        NotebookFile.FillOutputs(document, results);
        return new NotebookResult(path, NotebookFile.TitleOf(document, path), results, document, stopwatch.Elapsed,
            kernelError);
    }

    private static async Task RunInThisProcessAsync(string path, InteractiveDocument document, Action<int> started,
        Action<CellResult> finished, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = Path.GetDirectoryName(path)!;
        try
        {
            await CellLoop.RunAsync(document, started, finished, timeout, cancellationToken);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    // The kernel runs in a child process (this same program, hidden verb) because only killing a process stops
    // a cell such as `while (true) {}`. The child reports each cell as a JSON line; silence past the timeout gets
    // it killed. Returns null, or why the kernel failed outside any cell (it did not start, stalled between cells,
    // did not shut down, or died): cells that finished keep their results.
    private static async Task<string?> RunInChildProcessAsync(string path, InteractiveDocument document,
        Action<int> started, Action<CellResult> finished, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var child = Process.Start(ChildStartInfo(path))
            ?? throw new InvalidOperationException("could not start the kernel process");
        try
        {
            return await FollowAsync(child, document, started, finished, timeout, cancellationToken);
        }
        finally
        {
            // However the run ends (timeout, cancellation, a progress handler that throws), no kernel outlives it.
            Kill(child);
            child.Dispose();
        }
    }

    private static async Task<string?> FollowAsync(Process child, InteractiveDocument document, Action<int> started,
        Action<CellResult> finished, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var stderr = new Queue<string>();
        void Remember(string line)
        {
            lock (stderr)
            {
                stderr.Enqueue(line);
                if (stderr.Count > 20) stderr.Dequeue();
            }
        }
        child.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) Remember(e.Data);
        };
        child.BeginErrorReadLine();

        var running = 0;        // the cell the child is running, 0 between cells
        var lastReported = 0;   // the last cell the child reported finished
        // Every message restarts the deadline: a running cell gets the timeout, and so does the step to the next
        // cell or, after the last one, shutting the kernel down. Starting the kernel gets at least a minute: a busy
        // machine can take seconds to start the compiler, and that is no cell's fault.
        var limit = TimeSpan.FromTicks(Math.Max(timeout.Ticks, StartupLimit.Ticks));
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            string? line;
            try
            {
                var wait = limit - deadline.Elapsed;
                line = await child.StandardOutput.ReadLineAsync(cancellationToken).AsTask()
                    .WaitAsync(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, cancellationToken);
            }
            catch (TimeoutException)
            {
                Kill(child);
                if (running > 0)
                {
                    finished(CellLoop.TimedOut(CellAt(document, running), limit));
                    return null;
                }
                var seconds = $"{limit.TotalSeconds:0.###} s";
                return lastReported == 0 ? $"the kernel did not start within {seconds} and was stopped"
                    : lastReported == document.Elements.Count
                        ? $"the kernel did not shut down within {seconds} after the last cell and was stopped"
                        : $"the kernel did not go on to the next cell within {seconds} after cell {lastReported} and was stopped";
            }
            if (line is null)
                break;
            var message = Parse(line, document.Elements.Count);
            if (message is null)
            {
                // Something in the child wrote to the real standard output: noise, not a message.
                Remember(line);
                continue;
            }
            if (message.Event == "done")
            {
                // Every result is in. A thread a cell left running may keep the process alive: it is killed.
                await ExitedWithinAsync(child, timeout);
                return null;
            }
            deadline.Restart();
            limit = timeout;
            if (message.Event == "started")
            {
                running = message.Cell;
                started(message.Cell);
            }
            else if (message.Result is { } result)
            {
                running = 0;
                lastReported = result.Number;
                finished(result);
            }
        }

        // The child died on its own (a stack overflow in a cell, say): the running cell, if any, failed with it.
        if (!await ExitedWithinAsync(child, timeout))
            Kill(child);
        string last;
        lock (stderr)
            last = string.Join(" ", stderr.TakeLast(3));
        var died = $"the kernel process exited unexpectedly (exit code {child.ExitCode})";
        if (running == 0)
            return lastReported == 0 ? $"{died} before the first cell: {last}" : $"{died} after cell {lastReported}: {last}";
        var error = $"{died} while running cell {running}: {last}";
        var cell = CellAt(document, running);
        finished(new CellResult
        {
            Number = running, KernelName = cell.KernelName, Code = cell.Code, Status = CellStatus.Failed, Error = error,
            Outputs = [new CellOutput { Kind = OutputKind.Error, ErrorName = "KernelDied", ErrorValue = error }],
        });
        return null;
    }

    // A protocol line, or null for a line that is not one (not JSON, no event, or a cell number out of range).
    private static KernelMessage? Parse(string line, int cellCount)
    {
        try
        {
            var message = JsonSerializer.Deserialize<KernelMessage>(line);
            return message is { Event: "done" } ||
                   message is { Event: "started" or "finished", Cell: var n } && n >= 1 && n <= cellCount
                ? message : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<bool> ExitedWithinAsync(Process process, TimeSpan limit)
    {
        try
        {
            await process.WaitForExitAsync().WaitAsync(limit);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static ProcessStartInfo ChildStartInfo(string notebookPath)
    {
        // Run this assembly again through the dotnet host: the same program whether it was started as the
        // deepimaging tool, with `dotnet run`, or loaded by a test host.
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = Path.GetDirectoryName(notebookPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(NotebookRunner).Assembly.Location);
        start.ArgumentList.Add(KernelHost.Verb);
        start.ArgumentList.Add(notebookPath);
        return start;
    }

    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
            return current;
        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }
    }

    private static CellResult CellAt(InteractiveDocument document, int number) => new()
    {
        Number = number,
        KernelName = document.Elements[number - 1].KernelName ?? NotebookFile.CSharp,
        Code = document.Elements[number - 1].Contents,
    };

    private static CellResult NotRun(InteractiveDocumentElement element, int number) => new()
    {
        Number = number, KernelName = element.KernelName ?? NotebookFile.CSharp, Code = element.Contents,
        Status = element.KernelName == NotebookFile.Markdown ? CellStatus.Markdown : CellStatus.NotRun,
    };
}
