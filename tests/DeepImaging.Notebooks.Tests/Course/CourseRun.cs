namespace DeepImaging.Notebooks.Tests.Course;

/// <summary>
/// Every course notebook, run once for the tests that read its results (every class of the collection
/// <see cref="CollectionName"/> shares the one run).
/// </summary>
public sealed class CourseRun() : NotebookRuns(CourseNotebooks.Folder, CourseNotebooks.Names)
{
    /// <summary>The test collection whose classes share one course run.</summary>
    public const string CollectionName = "course run";
}

/// <summary>The classes that read the course run: they get one shared <see cref="CourseRun"/> (running the course takes minutes).</summary>
[CollectionDefinition(CourseRun.CollectionName)]
public sealed class CourseRunCollection : ICollectionFixture<CourseRun>;
