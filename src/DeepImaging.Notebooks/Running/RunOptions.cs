namespace DeepImaging.Notebooks;

/// <summary>How <see cref="NotebookRunner"/> runs a notebook.</summary>
public sealed record RunOptions
{
    /// <summary>The longest a single cell may run before it is stopped (default 120 seconds).</summary>
    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Run the kernel inside this process instead of a child process. Faster to start, but a cell that
    /// never yields (<c>while (true) {}</c>) cannot be stopped there: on timeout the run is abandoned
    /// and the spinning thread keeps its core. The child process (the default) is killed instead.
    /// </summary>
    public bool InProcess { get; init; }

    /// <summary>Told when each cell starts and finishes; null for no reports.</summary>
    public IProgress<CellProgress>? Progress { get; init; }
}
