namespace DeepImaging.Notebooks;

/// <summary>
/// One message on the <see cref="KernelChannel"/>. The kernel says "ready" once it has started; the runner sends
/// "run" with a cell; the kernel answers "result" with the cell's result, after writing <see cref="EndMark"/> to its
/// standard output and standard error so that the runner knows where the cell's output on them ends.
/// </summary>
internal sealed record KernelMessage
{
    public const string Ready = "ready";
    public const string Run = "run";
    public const string Result = "result";

    public string Type { get; init; } = "";

    public int Cell { get; init; }

    public string? KernelName { get; init; }

    public string? Code { get; init; }

    public string? EndMark { get; init; }

    public CellResult? CellResult { get; init; }

    /// <summary>With a result: whether the end mark could be written to standard output (a cell may have closed it).</summary>
    public bool OutputMarked { get; init; }

    /// <summary>With a result: whether the end mark could be written to standard error.</summary>
    public bool ErrorMarked { get; init; }
}
