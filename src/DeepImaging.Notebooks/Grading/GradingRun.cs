using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using static DeepImaging.Notebooks.Grading.GradingText;

namespace DeepImaging.Notebooks.Grading;

/// <summary>
/// Runs a <see cref="SubmissionPlan"/> in a kernel process: student cells as written, each test's parts in order.
/// A cell that fails costs what depends on it and no more: a failing cell does not stop the run; a cell that times out
/// or kills the kernel is recorded and skipped, the kernel restarted, and the cells before it that had succeeded run
/// again before grading goes on. Outcomes come only from the kernel's command results (<see cref="KernelProcess"/>).
/// </summary>
internal sealed class GradingRun(SubmissionPlan plan, ScratchFolder scratch, GradeOptions options)
{
    // A cell is not started with less time than this left of the total limit.
    private static readonly TimeSpan MinimumSlice = TimeSpan.FromSeconds(1);

    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly List<int> replayable = [];  // student cells (plan indices) that succeeded, in order
    private readonly Dictionary<int, List<CellOutput>> outputs = [];
    private readonly Dictionary<string, TestGrade> grades = [];
    private KernelProcess? kernel;
    private bool kernelEverStarted;

    /// <summary>What happened to cells that did not run cleanly, in order.</summary>
    public List<CellEvent> Events { get; } = [];

    /// <summary>Runs every cell; returns the submission's status (<see cref="SubmissionGrade.Graded"/>, ...).</summary>
    /// <exception cref="OperationCanceledException">Grading was cancelled; the kernel is killed.</exception>
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            for (var i = 0; i < plan.Cells.Count; i++)
            {
                if (!plan.Cells[i].Cell.IsCode)
                    continue;
                if (Remaining() < MinimumSlice)
                {
                    NotRunFrom(i, TotalLimitReached());
                    return SubmissionGrade.Incomplete;
                }
                if (await EnsureKernelAsync(i, cancellationToken) is { } problem)
                {
                    NotRunFrom(i, problem);
                    return kernelEverStarted ? SubmissionGrade.Incomplete : SubmissionGrade.Error;
                }
                if (plan.Cells[i].Test is { } test)
                    await RunTestAsync(i, test, cancellationToken);
                else
                    await RunStudentCellAsync(i, cancellationToken);
            }
            return SubmissionGrade.Graded;
        }
        finally
        {
            if (kernel is not null)
                await kernel.DisposeAsync();
        }
    }

    /// <summary>Every test's grade, in the assignment's order (tests that never ran score 0, saying why).</summary>
    public List<TestGrade> Grades(AssignmentSource source) =>
        source.Tests.Select(t => grades.GetValueOrDefault(t.Name) ?? Failed(t, 0, "not run")).ToList();

    /// <summary>The graded notebook's cells: outputs of what ran, tests with their visible lines and their grade.</summary>
    public List<IpynbCell> GradedCells()
    {
        var executionCount = 0;
        return plan.Cells.Select((planned, i) =>
        {
            var cell = planned.Cell.Clone();
            if (!cell.IsCode) return cell;
            var ran = outputs.TryGetValue(i, out var cellOutputs);
            var count = ran ? ++executionCount : (int?)null;
            var json = (cellOutputs ?? []).Select(o => IpynbOutputs.ToJson(o, count ?? 0)).ToList();
            if (planned.Test is { } test && grades.TryGetValue(test.Name, out var grade))
                json.Add(IpynbOutputs.Text(Summary(grade)));
            cell.SetOutputs(json, count);
            return cell;
        }).ToList();
    }

    private async Task RunStudentCellAsync(int index, CancellationToken cancellationToken)
    {
        var cell = plan.Cells[index].Cell;
        var slice = Slice();
        var result = await kernel!.RunAsync(new KernelCell(index + 1, cell.KernelName, cell.Source), slice, cancellationToken);
        outputs[index] = result.Outputs;
        if (await LostWorkingFolderAsync(index))
            return;
        if (result.Status == CellStatus.Succeeded)
        {
            replayable.Add(index);
            return;
        }
        var (status, message) = Describe(result, slice);
        Record(new CellEvent(index + 1, status, message));
    }

    // A kernel whose current folder was deleted fails every later cell (the compiler looks the folder up), so a cell
    // that deleted it is treated as one that killed the kernel: the folder is put back, the kernel restarted, the cells
    // before it run again, and it is not run again. True when that happened.
    private async Task<bool> LostWorkingFolderAsync(int index)
    {
        if (kernel is not { IsRunning: true } || !scratch.IsLost(kernel.ProcessId))
            return false;
        await kernel.DisposeAsync();
        Record(new CellEvent(index + 1, "crashed",
            "the cell deleted the folder it runs in, without which the kernel cannot compile another cell; the folder " +
            "was put back" + RestartNote + " (this cell is not run again)"));
        return true;
    }

    private async Task RunTestAsync(int index, AssignmentTest test, CancellationToken cancellationToken)
    {
        scratch.RestoreData();
        var shown = new List<CellOutput>();
        var seconds = 0.0;
        string? failure = null;
        foreach (var (segment, part) in test.Segments.Select((s, k) => (s, k)))
        {
            if (Remaining() < MinimumSlice)
            {
                failure = $"not finished: {TotalLimitReached()}";
                break;
            }
            var slice = Slice();
            // A cell may have deleted the working folder: the test still starts there (put back), where its data are.
            var code = part == 0 ? $"global::System.IO.Directory.SetCurrentDirectory({Verbatim(scratch.WorkingDirectory)}); {segment.Code}" : segment.Code;
            var result = await kernel!.RunAsync(new KernelCell(index + 1, NotebookFile.CSharp, code), slice, cancellationToken);
            seconds += result.Duration.TotalSeconds;
            // What a hidden part prints (a student's function may print its arguments) is never shown.
            if (!segment.Hidden)
                shown.AddRange(result.Outputs);
            if (result.Status == CellStatus.Succeeded)
                continue;
            var (status, message) = Describe(result, slice);
            if (segment.Hidden)
            {
                failure = status switch
                {
                    _ when options.RevealHiddenChecks => $"hidden check: {(status == "failed" ? TestMessage(result) : message)}",
                    "timed out" => "failed a hidden check: it ran past the time limit",
                    "crashed" => "failed a hidden check: the kernel died during it",
                    _ => "failed a hidden check",
                };
                if (status != "failed")
                    Record(new CellEvent(index + 1, status, $"test {test.Name}: {failure}{RestartNote}"));
            }
            else
            {
                failure = status == "failed" ? TestMessage(result) : message;
                if (status != "failed")
                    Record(new CellEvent(index + 1, status, $"test {test.Name}: {message}"));
            }
            break;
        }
        outputs[index] = shown;
        await LostWorkingFolderAsync(index);
        grades[test.Name] = failure is null
            ? new TestGrade
            {
                Name = test.Name, Points = test.Points, MaxPoints = test.Points, Passed = true, Hidden = test.HasHiddenChecks,
                Tampered = plan.Tampered.ContainsKey(test.Name), Message = "", Seconds = Math.Round(seconds, 3),
            }
            : Failed(test, seconds, failure);
    }

    // Starts the kernel, or restarts it after a cell ended it and runs again the student cells before `index` that had
    // succeeded. A cell that fails when run again is no longer run again; one that ends the kernel again costs another
    // restart. Returns null, or why no kernel could be had.
    private async Task<string?> EnsureKernelAsync(int index, CancellationToken cancellationToken)
    {
        while (kernel is not { IsRunning: true })
        {
            scratch.RestoreData();  // a cell may have deleted the working folder
            if (await StartAsync(cancellationToken) is { } problem)
                return problem;
            foreach (var earlier in replayable.Where(j => j < index).ToList())
            {
                if (Remaining() < MinimumSlice)
                    return TotalLimitReached();
                var cell = plan.Cells[earlier].Cell;
                var slice = Slice();
                var result = await kernel!.RunAsync(new KernelCell(earlier + 1, cell.KernelName, cell.Source), slice, cancellationToken);
                if (result.Status == CellStatus.Succeeded)
                    continue;
                replayable.Remove(earlier);
                var (_, message) = Describe(result, slice);
                Record(new CellEvent(earlier + 1, "failed when replayed",
                    $"{message} (it had succeeded before cell {index} ended the kernel; it is not run again)"));
                if (!kernel.IsRunning)
                    break;  // start once more, without it
            }
        }
        return null;
    }

    private async Task<string?> StartAsync(CancellationToken cancellationToken)
    {
        string? problem = null;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                if (kernel is null)
                    kernel = await KernelProcess.StartAsync(scratch.WorkingDirectory, options.MemoryLimitGigabytes, cancellationToken);
                else
                {
                    options.Progress?.Report("restarting the kernel");
                    await kernel.RestartAsync(cancellationToken);
                }
                kernelEverStarted = true;
                return null;
            }
            catch (Exception e) when (e is KernelStartException or ArgumentException)
            {
                // ArgumentException: the working folder is gone and could not be made again.
                problem = $"the kernel did not start: {e.Message}";
            }
        }
        return problem;
    }

    private void NotRunFrom(int index, string reason)
    {
        var later = plan.Cells.Skip(index).Count(c => c.Cell.IsCode) - 1;
        Record(new CellEvent(index + 1, "not run", later > 0 ? $"{reason}; this cell and the {later} code cells after it did not run" : reason));
        foreach (var test in plan.Cells.Skip(index).Select(c => c.Test).OfType<AssignmentTest>())
            grades.TryAdd(test.Name, Failed(test, 0, $"not run: {reason}"));
    }

    private void Record(CellEvent cellEvent)
    {
        Events.Add(cellEvent);
        options.Progress?.Report($"cell {cellEvent.Cell} {cellEvent.Status}: {FirstLine(cellEvent.Message)}");
    }

    private TestGrade Failed(AssignmentTest test, double seconds, string message) => new()
    {
        Name = test.Name, Points = 0, MaxPoints = test.Points, Passed = false, Hidden = test.HasHiddenChecks,
        Tampered = plan.Tampered.ContainsKey(test.Name), Message = Shortened(message), Seconds = Math.Round(seconds, 3),
    };

    // The status word and message of a cell that did not succeed (see GradingText.Describe).
    private (string Status, string Message) Describe(CellResult result, TimeSpan slice) =>
        GradingText.Describe(result, slice, kernelEnded: kernel is not { IsRunning: true }, options);

    private TimeSpan Remaining() => options.EffectiveTotalLimit - clock.Elapsed;

    private TimeSpan Slice() => Remaining() < options.CellTimeout ? Remaining() : options.CellTimeout;

    private string TotalLimitReached() => $"the submission reached its total time limit of {Seconds(options.EffectiveTotalLimit)} s";
}
