namespace DeepImaging.Notebooks.Grading;

/// <summary>One cell of the notebook the grader runs: a student's cell as written, or a test from the instructor copy.</summary>
/// <param name="Cell">The cell as the graded notebook shows it (a test shows its visible lines only).</param>
/// <param name="Test">The test it runs, or null for a student's cell.</param>
internal sealed record PlannedCell(IpynbCell Cell, AssignmentTest? Test);
