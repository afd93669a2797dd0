using System.Diagnostics;

namespace DeepImaging.Notebooks;

/// <summary>
/// A kernel in a child process of its own, fed cells one at a time. It is the only way to stop a cell such as
/// <c>while (true) {}</c>, and it keeps what cell code does away from the run's outcome:
/// <list type="bullet">
/// <item>Outcomes travel on a private channel (a socket in a folder only this user can open, every message
/// authenticated with a secret the kernel reads from its standard input before any cell runs); everything on the
/// kernel's standard output and error is cell output, however it looks.</item>
/// <item>The kernel leads a process group of its own: every process a cell starts is killed with it.</item>
/// <item>The kernel's managed heap is capped at <see cref="MemoryLimitGigabytes"/>; cells read an empty standard input.</item>
/// </list>
/// A cell that times out or kills the kernel ends the process (see <see cref="EndReason"/>); <see cref="RestartAsync"/>
/// starts a fresh kernel, in which earlier cells can be run again.
/// </summary>
public sealed partial class KernelProcess : IAsyncDisposable
{
    /// <summary>The default memory limit, in GB: what a Binder session has.</summary>
    public const double DefaultMemoryLimitGigabytes = 2;

    /// <summary>How long a kernel may take to start: a busy machine can take seconds to start the compiler.</summary>
    public static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(60);

    // How long a dying kernel's streams are read after it was killed (processes that escaped its group may hold them
    // open for ever), and how long the end of a cell's output may lag behind its result (only on a busy machine:
    // the kernel writes the marks before it sends the result).
    private static readonly TimeSpan StreamGrace = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MarkGrace = TimeSpan.FromSeconds(30);

    private Process? process;
    private KernelChannel? channel;
    private KernelOutputPipe? standardOutput;
    private KernelOutputPipe? standardError;
    private string runId = "";
    private int sequence;

    private KernelProcess(string workingDirectory, double memoryLimitGigabytes)
    {
        WorkingDirectory = workingDirectory;
        MemoryLimitGigabytes = memoryLimitGigabytes;
    }

    /// <summary>The folder cells run in (their current directory).</summary>
    public string WorkingDirectory { get; }

    /// <summary>The cap on the kernel's managed heap, in GB (2^30 bytes).</summary>
    public double MemoryLimitGigabytes { get; }

    /// <summary>The kernel's process id (also its process group's id on Linux and macOS).</summary>
    public int ProcessId => process?.Id ?? 0;

    /// <summary>Why the kernel ended (a cell timed out, the kernel died, ...), or null while it can run cells.</summary>
    public string? EndReason { get; private set; }

    /// <summary>True while the kernel can run cells.</summary>
    public bool IsRunning => process is not null && EndReason is null;

    /// <summary>Starts a kernel and waits until it is ready for cells (at most <see cref="StartupLimit"/>).</summary>
    /// <param name="workingDirectory">The folder cells run in: a notebook's own folder.</param>
    /// <param name="memoryLimitGigabytes">The cap on the kernel's managed heap, in GB.</param>
    /// <param name="cancellationToken">Stops the start (the process is killed).</param>
    /// <exception cref="KernelStartException">The kernel died or did not get ready in time; the message says why.</exception>
    public static async Task<KernelProcess> StartAsync(string workingDirectory,
        double memoryLimitGigabytes = DefaultMemoryLimitGigabytes, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(workingDirectory))
            throw new ArgumentException($"the kernel's working directory {workingDirectory} does not exist", nameof(workingDirectory));
        if (!(memoryLimitGigabytes > 0))
            throw new ArgumentOutOfRangeException(nameof(memoryLimitGigabytes), memoryLimitGigabytes, "the memory limit must be positive");
        var kernel = new KernelProcess(Path.GetFullPath(workingDirectory), memoryLimitGigabytes);
        await kernel.StartCoreAsync(cancellationToken);
        return kernel;
    }

    /// <summary>Stops this kernel (if it still runs) and starts a fresh one: no value from earlier cells survives.</summary>
    /// <exception cref="KernelStartException">The new kernel did not start.</exception>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync("the kernel was restarted");
        await StartCoreAsync(cancellationToken);
    }

    /// <summary>
    /// Runs one cell and returns its result, whose status comes only from the kernel's own command result received on
    /// the private channel: <see cref="CellStatus.Succeeded"/> or <see cref="CellStatus.Failed"/> (an exception or a
    /// compile error); <see cref="CellStatus.TimedOut"/> past <paramref name="timeout"/>; or Failed, naming the cause,
    /// when the kernel died during the cell. After a timeout or a death the kernel has ended.
    /// </summary>
    /// <exception cref="InvalidOperationException">The kernel has ended; restart it first.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled (the kernel is stopped).</exception>
    public async Task<CellResult> RunAsync(KernelCell cell, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (!IsRunning)
            throw new InvalidOperationException($"the kernel has ended ({EndReason ?? "it was never started"}); restart it first");
        var mark = KernelOutputPipe.EndMark(runId, ++sequence);
        var outputMarked = standardOutput!.UntilMarkAsync(mark);
        var errorMarked = standardError!.UntilMarkAsync(mark);
        var stopwatch = Stopwatch.StartNew();
        KernelMessage? answer;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await channel!.SendAsync(new KernelMessage
            {
                Type = KernelMessage.Run, Cell = cell.Number, KernelName = cell.KernelName, Code = cell.Code, EndMark = mark,
            }, limit.Token);
            answer = await channel.ReceiveAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var message = $"cell {cell.Number} timed out after {timeout.TotalSeconds:0.###} s and was stopped";
            await StopAsync(message);
            return Ended(cell, CellStatus.TimedOut, "Timeout", message, timeout);
        }
        catch (OperationCanceledException)
        {
            await StopAsync("the run was cancelled");
            throw;
        }
        catch (KernelChannelException e)
        {
            var message = $"the kernel's private channel was tampered with during cell {cell.Number} ({e.Message}); " +
                          "the cell's outcome cannot be trusted";
            await StopAsync(message);
            return Ended(cell, CellStatus.Failed, "ChannelTampered", message, stopwatch.Elapsed);
        }
        catch (IOException)
        {
            answer = null;  // the kernel died before the cell could be sent
        }

        if (answer is null)
        {
            var exited = await ExitedWithinAsync(StreamGrace);
            var died = $"the kernel process {(exited ? $"exited (exit code {process!.ExitCode})" : "closed its channel")} " +
                       $"while running cell {cell.Number}";
            await StopAsync(died);
            var reason = KernelCrash.Reason(standardError.RecentText(), MemoryLimitGigabytes);
            EndReason = reason is null ? died : $"{died}: {reason}";
            return Ended(cell, CellStatus.Failed, "KernelDied", EndReason, stopwatch.Elapsed);
        }
        if (answer is not { Type: KernelMessage.Result, CellResult: { } result } || result.Number != cell.Number)
        {
            var message = $"the kernel answered cell {cell.Number} with a '{answer.Type}' message for cell {answer.Cell}";
            await StopAsync(message);
            return Ended(cell, CellStatus.Failed, "ChannelTampered", message, stopwatch.Elapsed);
        }

        // Output written past the kernel's capture ends at the marks, when the kernel could write them.
        var marked = new List<Task>();
        if (answer.OutputMarked) marked.Add(outputMarked);
        if (answer.ErrorMarked) marked.Add(errorMarked);
        await Task.WhenAny(Task.WhenAll(marked), Task.Delay(MarkGrace, cancellationToken));
        var error = result.Error;
        var kernelOutputs = result.Outputs;
        static bool OutOfMemory(CellOutput output) => output is { Kind: OutputKind.Error, ErrorName: "System.OutOfMemoryException" };
        if (kernelOutputs.Any(OutOfMemory))
        {
            error = $"{KernelCrash.OutOfMemory(MemoryLimitGigabytes)} ({error})";
            kernelOutputs = kernelOutputs.Select(o => OutOfMemory(o)
                ? new CellOutput { Kind = o.Kind, ErrorName = o.ErrorName, ErrorValue = error, Traceback = o.Traceback } : o).ToList();
        }
        return new CellResult
        {
            Number = cell.Number, KernelName = cell.KernelName, Code = cell.Code, Status = result.Status, Error = error,
            Outputs = OutputCollector.Concat(kernelOutputs, Written(outputMarked, standardOutput), Written(errorMarked, standardError)),
            Duration = result.Duration, ExecutionCount = result.ExecutionCount,
        };
    }

    /// <summary>
    /// Runs cells in order while the kernel runs; a cell that fails does not stop the others, a cell that ends the
    /// kernel does (its result is the last one returned).
    /// </summary>
    public async Task<IReadOnlyList<CellResult>> RunAllAsync(IEnumerable<KernelCell> cells, TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        var results = new List<CellResult>();
        foreach (var cell in cells)
        {
            if (!IsRunning) break;
            results.Add(await RunAsync(cell, timeout, cancellationToken));
        }
        return results;
    }

    /// <summary>Kills the kernel and every process its cells started.</summary>
    public async ValueTask DisposeAsync() => await StopAsync("the kernel was shut down");

    // The result of a cell that ended the kernel: its error, then whatever it wrote to the kernel's streams.
    private CellResult Ended(KernelCell cell, CellStatus status, string errorName, string message, TimeSpan duration)
    {
        return new CellResult
        {
            Number = cell.Number, KernelName = cell.KernelName, Code = cell.Code, Status = status, Error = message,
            Duration = duration,
            Outputs = OutputCollector.Concat(standardOutput!.TakeOutput().ToList(), standardError!.TakeOutput().ToList(),
                [new CellOutput { Kind = OutputKind.Error, ErrorName = errorName, ErrorValue = message }]),
        };
    }

    private static List<CellOutput> Written(Task<OutputCollector> marked, KernelOutputPipe pipe) =>
        (marked.IsCompletedSuccessfully ? marked.Result : pipe.TakeOutput()).ToList();
}
