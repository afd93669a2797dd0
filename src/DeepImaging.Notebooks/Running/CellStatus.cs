namespace DeepImaging.Notebooks;

/// <summary>What happened to one cell of a notebook run.</summary>
public enum CellStatus
{
    /// <summary>A code cell that ran without error.</summary>
    Succeeded,

    /// <summary>A code cell that raised an error, did not compile, or is in a language the runner cannot run.</summary>
    Failed,

    /// <summary>A code cell that ran longer than the per-cell timeout and was stopped.</summary>
    TimedOut,

    /// <summary>A code cell after a failed one: the run stops at the first failure, as Jupyter's "run all" does.</summary>
    NotRun,

    /// <summary>A markdown cell: kept in the executed notebook, never executed.</summary>
    Markdown,
}
