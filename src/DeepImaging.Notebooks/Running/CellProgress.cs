namespace DeepImaging.Notebooks;

/// <summary>A progress report: a cell of a notebook started (<see cref="Result"/> null) or finished.</summary>
/// <param name="NotebookPath">The notebook being run.</param>
/// <param name="CellNumber">The cell's position, counting every cell from 1.</param>
/// <param name="CellCount">How many cells the notebook has.</param>
/// <param name="Elapsed">Time since the notebook's run started.</param>
/// <param name="Result">The finished cell, or null when the cell has just started.</param>
public sealed record CellProgress(string NotebookPath, int CellNumber, int CellCount, TimeSpan Elapsed, CellResult? Result);
