namespace DeepImaging.Notebooks.Grading;

/// <summary>How <see cref="Grader"/> runs a submission.</summary>
public sealed record GradeOptions
{
    /// <summary>The default per-cell limit: 60 seconds.</summary>
    public static readonly TimeSpan DefaultCellTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The shortest total limit: time for a kernel to start and restart a few times on a busy machine.</summary>
    public static readonly TimeSpan MinimumTotalLimit = TimeSpan.FromMinutes(10);

    /// <summary>How long one cell (or one part of a test) may run before it is stopped and the kernel restarted.</summary>
    public TimeSpan CellTimeout { get; init; } = DefaultCellTimeout;

    /// <summary>How long a whole submission may take, kernel starts and replays included; null for the default.</summary>
    public TimeSpan? TotalLimit { get; init; }

    /// <summary>The total limit in force: the one given, else ten cell timeouts and at least <see cref="MinimumTotalLimit"/>.</summary>
    public TimeSpan EffectiveTotalLimit => TotalLimit ?? TimeSpan.FromTicks(Math.Max(MinimumTotalLimit.Ticks, CellTimeout.Ticks * 10));

    /// <summary>The cap on each kernel's managed heap, in GB.</summary>
    public double MemoryLimitGigabytes { get; init; } = KernelProcess.DefaultMemoryLimitGigabytes;

    /// <summary>
    /// Say how hidden checks failed (for the instructor's own notebook, in <c>validate</c> and <c>assign</c>); never
    /// set when grading students.
    /// </summary>
    internal bool RevealHiddenChecks { get; init; }

    /// <summary>Told a line as grading moves on (a cell that failed, a kernel restart); null for none.</summary>
    public IProgress<string>? Progress { get; init; }
}
