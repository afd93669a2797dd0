using System.Globalization;
using DeepImaging.Notebooks.Grading;

namespace DeepImaging.Notebooks;

/// <summary>
/// <c>deepimaging validate &lt;instructor.ipynb&gt; [--timeout SECONDS]</c>: checks an instructor notebook's format,
/// then grades the notebook against itself, as a submission would be graded (scratch folder, child kernel, hidden
/// checks included), and prints the points of every test. Exit code 0 when every test passes and every cell runs
/// cleanly, 1 when not (the failing tests named, hidden checks' messages shown), 2 for bad arguments.
/// </summary>
public static class ValidateCommand
{
    /// <summary>The usage line shown for <c>--help</c>.</summary>
    public const string Usage = "usage: deepimaging validate <instructor.ipynb> [--timeout SECONDS per cell (default 60)]";

    /// <summary>Runs the verb with the arguments that follow <c>validate</c>; returns the exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter progress,
        CancellationToken cancellationToken = default)
    {
        var console = new VerbConsole("validate", Usage, output, progress);
        if (!console.TryStart(args, ["--timeout SECONDS"], a => a.CellTimeout(GradeOptions.DefaultCellTimeout.TotalSeconds),
                out var arguments, out var timeout, out var exitCode))
            return exitCode;
        if (arguments.Values.Count != 1)
            return console.UsageError($"name one instructor notebook: {Usage["usage: ".Length..]}");
        if (SourceArgument.Load(arguments.Values[0], out var error) is not { } source)
            return console.UsageError(error!);
        var passed = await ValidateAsync(source, TimeSpan.FromSeconds(timeout), output, progress, "validate", cancellationToken);
        return passed ? 0 : 1;
    }

    /// <summary>
    /// Checks the format, grades the notebook against itself and prints each test's points; true when the notebook is
    /// fit to release (no format problem, every test passes, every cell runs cleanly, nothing secret would reach students).
    /// </summary>
    internal static async Task<bool> ValidateAsync(AssignmentSource source, TimeSpan cellTimeout, TextWriter output,
        TextWriter progress, string verb, CancellationToken cancellationToken)
    {
        if (source.Problems.Count > 0)
        {
            SourceArgument.WriteProblems(progress, verb, source);
            return false;
        }
        try
        {
            StudentVersion.Make(source);
        }
        catch (InvalidOperationException e)
        {
            progress.WriteLine($"deepimaging {verb}: {e.Message}");
            return false;
        }

        var name = source.Notebook.FileName;
        progress.WriteLine($"deepimaging {verb}: running {name} with all its tests, hidden checks included...");
        var options = new GradeOptions
        {
            CellTimeout = cellTimeout, RevealHiddenChecks = true,
            Progress = new LineReporter(line => progress.WriteLine($"  {name}: {line}")),
        };
        var grade = await Grader.GradeAsync(source, source.Notebook.Path, options, cancellationToken);
        var width = Math.Max("test".Length, grade.Tests.Max(t => t.Name.Length));
        output.WriteLine($"{"test".PadRight(width)}  {"points",9}  result");
        foreach (var test in grade.Tests)
            output.WriteLine($"{test.Name.PadRight(width)}  {Points(test.Points),4} / {Points(test.MaxPoints),-2}  " +
                             (test.Passed ? "passed" : $"FAILED: {test.Message}"));
        foreach (var cell in grade.Cells)
            output.WriteLine($"cell {cell.Cell} {cell.Status}: {cell.Message}");
        var failing = grade.Tests.Where(t => !t.Passed).Select(t => t.Name).ToList();
        var ok = failing.Count == 0 && grade.Cells.Count == 0 && grade.Status == SubmissionGrade.Graded;
        output.WriteLine(ok
            ? $"{Points(grade.Total)} / {Points(grade.Max)} points: every test passes."
            : $"{Points(grade.Total)} / {Points(grade.Max)} points: " +
              (failing.Count > 0 ? $"{failing.Count} failing test{(failing.Count == 1 ? "" : "s")} ({string.Join(", ", failing)})" : "every test passes") +
              (grade.Cells.Count > 0 ? $", {grade.Cells.Count} cell{(grade.Cells.Count == 1 ? "" : "s")} that did not run cleanly" : "") +
              "; the notebook's own solution must pass all its tests.");
        return ok;
    }

    private static string Points(decimal points) => points.ToString(CultureInfo.InvariantCulture);
}
