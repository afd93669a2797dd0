using System.Diagnostics;
using System.Text.Json;

namespace DeepImaging.Notebooks.Grading;

/// <summary>
/// Grades a submission against its instructor notebook: matches the test cells (<see cref="SubmissionPlan"/>), runs
/// everything in a kernel process inside a scratch copy of the submission's folder (<see cref="ScratchFolder"/>,
/// <see cref="GradingRun"/>) and adds up the points. docs/grading.md says what it protects against.
/// </summary>
internal static class Grader
{
    /// <summary>Grades one submission. A submission that cannot be graded at all gets status "error" and 0 points.</summary>
    /// <param name="source">The instructor notebook, read and free of format problems.</param>
    /// <param name="submissionPath">The student's notebook.</param>
    /// <param name="options">Time limits, memory limit and progress.</param>
    /// <param name="cancellationToken">Stops grading (the kernel is killed).</param>
    public static async Task<SubmissionGrade> GradeAsync(AssignmentSource source, string submissionPath, GradeOptions options,
        CancellationToken cancellationToken = default)
    {
        if (source.Problems.Count > 0)
            throw new ArgumentException($"the instructor notebook breaks the assignment format: {source.Problems[0]}", nameof(source));
        var stopwatch = Stopwatch.StartNew();
        var name = Path.GetFileName(submissionPath);
        IpynbNotebook submission;
        try
        {
            submission = IpynbNotebook.Load(submissionPath);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or JsonException)
        {
            return Ungradable(source, name, e.Message, stopwatch.Elapsed);
        }

        var plan = SubmissionPlan.Make(source, submission);
        ScratchFolder scratch;
        try
        {
            scratch = ScratchFolder.Create(submissionPath, source);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Ungradable(source, name, $"could not copy the submission's folder: {e.Message}", stopwatch.Elapsed);
        }
        using (scratch)
        {
            var run = new GradingRun(plan, scratch, options);
            var status = await run.RunAsync(cancellationToken);
            return new SubmissionGrade
            {
                Submission = name, Status = status, Tests = run.Grades(source), Tampered = plan.Tampered, Cells = run.Events,
                NotebookJson = submission.With(submission.Path, run.GradedCells()).ToJson(), Duration = stopwatch.Elapsed,
            };
        }
    }

    /// <summary>The grade of a submission that could not be graded at all: status "error", every test 0, the reason as cell 0.</summary>
    public static SubmissionGrade Ungradable(AssignmentSource source, string name, string reason, TimeSpan duration) => new()
    {
        Submission = name, Status = SubmissionGrade.Error, Duration = duration,
        Cells = [new CellEvent(0, SubmissionGrade.Error, reason)],
        Tests = source.Tests.Select(t => new TestGrade
        {
            Name = t.Name, Points = 0, MaxPoints = t.Points, Passed = false, Hidden = t.HasHiddenChecks, Tampered = false,
            Message = "not graded: the submission could not be run", Seconds = 0,
        }).ToList(),
    };
}
