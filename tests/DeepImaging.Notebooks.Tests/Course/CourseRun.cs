namespace DeepImaging.Notebooks.Tests.Course;

/// <summary>Every course notebook, run once for the tests that read its results.</summary>
public sealed class CourseRun() : NotebookRuns(CourseNotebooks.Folder, CourseNotebooks.Names);
