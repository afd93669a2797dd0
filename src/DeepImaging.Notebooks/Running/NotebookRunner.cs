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
    public async Task<NotebookResult> RunAsync(string notebookPath, RunOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new RunOptions();
        if (options.CellTimeout <= TimeSpan.Zero)
            throw new ArgumentException($"RunOptions.CellTimeout must be positive, not {options.CellTimeout}", nameof(options));
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

        if (options.InProcess)
            await RunInThisProcessAsync(path, document, Started, Finished, options.CellTimeout, cancellationToken);
        else
            await RunInChildProcessAsync(path, document, cells, Started, Finished, options.CellTimeout, cancellationToken);

        var results = cells.Select((cell, i) => cell ?? NotRun(document.Elements[i], i + 1)).ToList();
        NotebookFile.FillOutputs(document, results);
        return new NotebookResult(path, NotebookFile.TitleOf(document, path), results, document, stopwatch.Elapsed);
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
    // a cell such as `while (true) {}`. The child reports each cell as a JSON line; silence past the timeout while
    // a cell runs gets it killed.
    private static async Task RunInChildProcessAsync(string path, InteractiveDocument document, CellResult?[] cells,
        Action<int> started, Action<CellResult> finished, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var child = Process.Start(ChildStartInfo(path))
            ?? throw new InvalidOperationException("could not start the kernel process");
        var stderr = new Queue<string>();
        child.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                if (e.Data is null) return;
                stderr.Enqueue(e.Data);
                if (stderr.Count > 20) stderr.Dequeue();
            }
        };
        child.BeginErrorReadLine();

        var running = 0;  // the cell the child is running, 0 between cells
        var done = false;
        try
        {
            // Restarted as each cell starts. Starting the kernel gets at least a minute: a busy machine can take
            // seconds to start the compiler, and that is no cell's fault.
            var deadline = Stopwatch.StartNew();
            var limit = TimeSpan.FromTicks(Math.Max(timeout.Ticks, StartupLimit.Ticks));
            var nextLine = child.StandardOutput.ReadLineAsync(cancellationToken).AsTask();
            while (true)
            {
                var wait = limit - deadline.Elapsed;
                if (wait <= TimeSpan.Zero ||
                    await Task.WhenAny(nextLine, Task.Delay(wait, cancellationToken)) != nextLine)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (deadline.Elapsed < limit)
                        continue;
                    Kill(child);
                    var number = running > 0 ? running : FirstCodeCell(document, cells);
                    finished(CellLoop.TimedOut(CellAt(document, number), limit));
                    break;
                }
                var line = await nextLine;
                if (line is null)
                    break;
                var message = JsonSerializer.Deserialize<KernelMessage>(line)
                    ?? throw new InvalidDataException($"kernel process sent '{line}'");
                if (message.Event == "done")
                {
                    done = true;
                    break;
                }
                if (message.Event == "started")
                {
                    running = message.Cell;
                    limit = timeout;
                    deadline.Restart();
                    started(message.Cell);
                }
                else if (message.Result is { } result)
                {
                    running = 0;
                    finished(result);
                }
                nextLine = child.StandardOutput.ReadLineAsync(cancellationToken).AsTask();
            }
        }
        catch (OperationCanceledException)
        {
            Kill(child);
            throw;
        }

        if (!done && !cells.Any(c => c?.Status == CellStatus.TimedOut))
        {
            // The child died on its own (a stack overflow in a cell, say): the running cell failed with it.
            await child.WaitForExitAsync(CancellationToken.None);
            string last;
            lock (stderr)
                last = string.Join(" ", stderr.TakeLast(3));
            var number = running > 0 ? running : FirstCodeCell(document, cells);
            var message = $"the kernel process exited unexpectedly (exit code {child.ExitCode}) while running " +
                          $"cell {number}: {last}";
            var cell = CellAt(document, number);
            finished(new CellResult
            {
                Number = number, KernelName = cell.KernelName, Code = cell.Code, Status = CellStatus.Failed, Error = message,
                Outputs = [new CellOutput { Kind = OutputKind.Error, ErrorName = "KernelDied", ErrorValue = message }],
            });
        }
        else
        {
            await child.WaitForExitAsync(CancellationToken.None);
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

    private static int FirstCodeCell(InteractiveDocument document, CellResult?[] cells) =>
        Enumerable.Range(1, cells.Length).FirstOrDefault(
            n => cells[n - 1] is null && document.Elements[n - 1].KernelName != NotebookFile.Markdown, 1);

    private static CellResult CellAt(InteractiveDocument document, int number) => new()
    {
        Number = number,
        KernelName = document.Elements.Count >= number ? document.Elements[number - 1].KernelName ?? NotebookFile.CSharp : "",
        Code = document.Elements.Count >= number ? document.Elements[number - 1].Contents : "",
    };

    private static CellResult NotRun(InteractiveDocumentElement element, int number) => new()
    {
        Number = number, KernelName = element.KernelName ?? NotebookFile.CSharp, Code = element.Contents,
        Status = element.KernelName == NotebookFile.Markdown ? CellStatus.Markdown : CellStatus.NotRun,
    };
}
