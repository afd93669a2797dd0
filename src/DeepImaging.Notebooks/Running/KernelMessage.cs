namespace DeepImaging.Notebooks;

/// <summary>
/// One line of JSON that a kernel child process writes to its standard output: a cell "started", a cell
/// "finished" (with its result), or "done".
/// </summary>
internal sealed record KernelMessage(string Event, int Cell, CellResult? Result);
