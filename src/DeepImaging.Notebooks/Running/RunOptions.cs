namespace DeepImaging.Notebooks;

/// <summary>How <see cref="NotebookRunner"/> runs a notebook.</summary>
public sealed record RunOptions
{
    /// <summary>The shortest per-cell timeout accepted: starting a cell's compilation alone can take a moment.</summary>
    public static readonly TimeSpan MinimumCellTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The longest per-cell timeout accepted (24 hours): longer is a typo, and timers cannot wait much longer.</summary>
    public static readonly TimeSpan MaximumCellTimeout = TimeSpan.FromHours(24);

    /// <summary>
    /// The longest a single cell may run before it is stopped (default 120 seconds, from
    /// <see cref="MinimumCellTimeout"/> to <see cref="MaximumCellTimeout"/>). The kernel gets the same time to move
    /// from one cell to the next and to shut down after the last one.
    /// </summary>
    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The smallest memory limit accepted, in GB: the kernel and its compiler need about a quarter of one.</summary>
    public const double MinimumMemoryLimitGigabytes = 0.25;

    /// <summary>The largest memory limit accepted, in GB (more is a typo).</summary>
    public const double MaximumMemoryLimitGigabytes = 1024;

    /// <summary>
    /// The cap on the kernel process's managed heap, in GB (2^30 bytes; default 2, what a Binder session has): a
    /// cell that allocates past it fails with "ran out of its N GB memory limit" and ends the notebook's run, not
    /// the machine. Not applied when <see cref="InProcess"/> is set.
    /// </summary>
    public double MemoryLimitGigabytes { get; init; } = KernelProcess.DefaultMemoryLimitGigabytes;

    /// <summary>
    /// Run the kernel inside this process instead of a child process. Faster to start, but a cell that
    /// never yields (<c>while (true) {}</c>) cannot be stopped there: on timeout the run is abandoned
    /// and the spinning thread keeps its core. The child process (the default) is killed instead.
    /// </summary>
    public bool InProcess { get; init; }

    /// <summary>Told when each cell starts and finishes; null for no reports.</summary>
    public IProgress<CellProgress>? Progress { get; init; }
}
