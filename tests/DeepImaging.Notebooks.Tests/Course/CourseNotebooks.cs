namespace DeepImaging.Notebooks.Tests.Course;

/// <summary>The course notebooks in notebooks/, in course order (as the runner publishes them).</summary>
internal static class CourseNotebooks
{
    public static string Folder => Repository.PathOf("notebooks");

    public static string[] Names { get; } =
        Directory.GetFiles(Folder, "*.ipynb").Select(p => Path.GetFileNameWithoutExtension(p)!).Order(CourseOrder.Instance).ToArray();

    public static TheoryData<string> All() => [.. Names];
}
