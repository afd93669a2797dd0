using DeepImaging.Notebooks.Grading;

namespace DeepImaging.Notebooks;

/// <summary>The instructor notebook a grading verb is given, read and checked against the assignment format.</summary>
internal static class SourceArgument
{
    /// <summary>
    /// The instructor notebook at <paramref name="path"/>, or null with the reason in <paramref name="error"/> (it does
    /// not exist, is not a notebook); format problems are left in <see cref="AssignmentSource.Problems"/>.
    /// </summary>
    public static AssignmentSource? Load(string path, out string? error)
    {
        try
        {
            error = null;
            return AssignmentSource.Load(path);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            error = e is FileNotFoundException ? $"{path} does not exist" : e.Message;
            return null;
        }
    }

    /// <summary>The assignment's name for reports: the instructor notebook's file name without .ipynb.</summary>
    public static string AssignmentName(AssignmentSource source) => Path.GetFileNameWithoutExtension(source.Notebook.Path);

    /// <summary>The format problems, one line each, prefixed with the verb.</summary>
    public static void WriteProblems(TextWriter writer, string verb, AssignmentSource source)
    {
        writer.WriteLine($"deepimaging {verb}: {source.Notebook.Path} breaks the assignment format (notebooks/assignments/README.md):");
        foreach (var problem in source.Problems)
            writer.WriteLine($"  {problem}");
    }
}
