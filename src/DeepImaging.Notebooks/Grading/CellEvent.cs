namespace DeepImaging.Notebooks.Grading;

/// <summary>
/// Something that happened to a cell of the graded notebook (an element of result.json's "cells"): it failed, timed
/// out, crashed the kernel, failed when replayed, or did not run. Cell 0 stands for the notebook as a whole.
/// </summary>
/// <param name="Cell">The cell's number in the graded notebook, counting every cell from 1 (0: the whole notebook).</param>
/// <param name="Status">"failed", "timed out", "crashed", "failed when replayed", "not run" or "error".</param>
/// <param name="Message">What happened, in one or a few lines.</param>
public sealed record CellEvent(int Cell, string Status, string Message);
