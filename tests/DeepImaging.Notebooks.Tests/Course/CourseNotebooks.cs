namespace DeepImaging.Notebooks.Tests.Course;

/// <summary>The course as notebooks/course.json declares it: its notebooks in reading order, and the assignments.</summary>
internal static class CourseNotebooks
{
    public static string Folder => Repository.PathOf("notebooks");

    public static CoursePlan Plan { get; } = CoursePlan.Load(Folder);

    /// <summary>The course notebooks' names (file names without .ipynb), in reading order.</summary>
    public static string[] Names { get; } = Plan.Notebooks.Select(n => Path.GetFileNameWithoutExtension(n.File)).ToArray();

    public static TheoryData<string> All() => [.. Names];

    /// <summary>Every notebook the plan lists, assignments' instructor versions included, by their path in notebooks/.</summary>
    public static TheoryData<string> AllWithAssignments() => [.. Plan.Notebooks.Concat(Plan.Assignments).Select(n => n.File)];
}
