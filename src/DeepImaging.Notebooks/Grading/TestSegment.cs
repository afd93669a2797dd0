namespace DeepImaging.Notebooks.Grading;

/// <summary>
/// A part of a test cell that the grader runs as one submission: visible lines, or the lines of one hidden region.
/// Parts run in order in the same kernel, so later parts see what earlier ones declared.
/// </summary>
/// <param name="Code">The code to run (a visible part keeps its line numbers of the cell students see).</param>
/// <param name="Hidden">True for a hidden region: what it prints and how it fails are never shown.</param>
internal sealed record TestSegment(string Code, bool Hidden);
