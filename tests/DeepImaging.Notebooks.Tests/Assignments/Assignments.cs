namespace DeepImaging.Notebooks.Tests.Assignments;

/// <summary>The instructor notebooks in notebooks/assignments and the test submissions for each.</summary>
internal static class Assignments
{
    public static string Folder => Course.Repository.PathOf("notebooks", "assignments");

    public static string SubmissionsFolder => Course.Repository.PathOf("tests", "DeepImaging.Notebooks.Tests", "Assignments", "Submissions");

    public static string[] Names { get; } =
        [.. Directory.GetFiles(Folder, "*.ipynb").Select(p => Path.GetFileNameWithoutExtension(p)!).Order(StringComparer.Ordinal)];

    public static TheoryData<string> All() => [.. Names];

    public static AssignmentNotebook Instructor(string name) => AssignmentNotebook.Load(Path.Combine(Folder, name + ".ipynb"));
}
