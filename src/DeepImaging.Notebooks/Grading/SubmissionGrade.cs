namespace DeepImaging.Notebooks.Grading;

/// <summary>The grade of one submission: what result.json, junit.xml, the feedback and grades.csv are made from.</summary>
public sealed class SubmissionGrade
{
    /// <summary>The status of a submission whose every cell ran, or was skipped for a reason the submission caused.</summary>
    public const string Graded = "graded";

    /// <summary>The status of a submission whose grading stopped early (total time limit, a kernel that would not restart).</summary>
    public const string Incomplete = "incomplete";

    /// <summary>The status of a submission that could not be graded at all (not a notebook, no kernel): it scores 0.</summary>
    public const string Error = "error";

    /// <summary>The submission's file name, e.g. "alice.ipynb".</summary>
    public required string Submission { get; init; }

    /// <summary>The points earned.</summary>
    public decimal Total => Tests.Sum(t => t.Points);

    /// <summary>The points of all tests.</summary>
    public decimal Max => Tests.Sum(t => t.MaxPoints);

    /// <summary><see cref="Graded"/>, <see cref="Incomplete"/> or <see cref="Error"/>.</summary>
    public required string Status { get; init; }

    /// <summary>Every test of the assignment, in notebook order.</summary>
    public required IReadOnlyList<TestGrade> Tests { get; init; }

    /// <summary>What the student did to each tampered test ("edited", "moved", "deleted", "copied").</summary>
    public IReadOnlyDictionary<string, string> Tampered { get; init; } = new Dictionary<string, string>();

    /// <summary>The cells that did not run cleanly, in the order it happened.</summary>
    public required IReadOnlyList<CellEvent> Cells { get; init; }

    /// <summary>The graded notebook (tests in place with their visible lines, outputs filled in) as JSON; null on error.</summary>
    public string? NotebookJson { get; init; }

    /// <summary>How long grading took, kernel starts included.</summary>
    public TimeSpan Duration { get; init; }
}
