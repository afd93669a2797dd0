namespace DeepImaging.Notebooks.Tests.Course;

/// <summary>
/// The course-plan tests start kernels of their own: they run alone, after the parallel tests, so as not to take the
/// machine's two cores from the runner's timing tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CoursePlanCollection
{
    public const string Name = "course plan";
}
