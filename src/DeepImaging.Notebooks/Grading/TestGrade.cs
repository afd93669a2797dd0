namespace DeepImaging.Notebooks.Grading;

/// <summary>The outcome of one test of a submission (an element of result.json's "tests").</summary>
public sealed record TestGrade
{
    /// <summary>The test's name.</summary>
    public required string Name { get; init; }

    /// <summary>The points earned: all of <see cref="MaxPoints"/> or none.</summary>
    public required decimal Points { get; init; }

    /// <summary>The points the test is worth.</summary>
    public required decimal MaxPoints { get; init; }

    /// <summary>True when every check of the test ran without an error.</summary>
    public required bool Passed { get; init; }

    /// <summary>True when the test has hidden checks (students see only part of it).</summary>
    public required bool Hidden { get; init; }

    /// <summary>True when the student edited, moved, copied or deleted the test cell (the original ran instead).</summary>
    public required bool Tampered { get; init; }

    /// <summary>
    /// Why it failed ("" when it passed): the error of a visible check, or only "failed a hidden check" when a hidden
    /// one failed, so that nothing of a hidden test is ever shown.
    /// </summary>
    public required string Message { get; init; }

    /// <summary>How long its checks ran, in seconds.</summary>
    public required double Seconds { get; init; }
}
