using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DeepImaging.Notebooks.Grading;

/// <summary>
/// The notebook students get from an instructor notebook (<c>deepimaging assign</c>): each solution region replaced
/// by <see cref="AssignmentMarkers.Placeholder"/> (a throw of <see cref="NotImplementedException"/>) at its indentation, hidden-test regions removed, outputs cleared,
/// each test cell's name, points and fingerprint in its metadata, and no metadata that could carry a solution.
/// </summary>
internal static class StudentVersion
{
    // Cell and notebook metadata that is kept: what editors need to know the language, and cell tags.
    private static readonly string[] KeptCellMetadata = ["dotnet_interactive", "polyglot_notebook", "tags"];
    private static readonly string[] KeptNotebookMetadata = ["kernelspec", "language_info", "polyglot_notebook"];

    /// <summary>The key under which a test cell's metadata holds its name, points and fingerprint.</summary>
    public const string MetadataKey = "deepimaging";

    /// <summary>The student version as nbformat 4 JSON.</summary>
    /// <exception cref="InvalidOperationException">
    /// A solution or hidden-test line would still be in the file (the instructor wrote it in markdown, say); the
    /// message names it.
    /// </exception>
    public static string Make(AssignmentSource source)
    {
        var cells = source.Notebook.Cells.Select((cell, i) =>
        {
            var copy = cell.Clone();
            var metadata = new JsonObject();
            foreach (var key in KeptCellMetadata)
                if (cell.Metadata[key] is { } value)
                    metadata[key] = value.DeepClone();
            if (source.TestAt(i) is { } test)
            {
                metadata[MetadataKey] = TestMetadata(test);
                // Jupyter keeps students from editing or deleting the cell by accident (the grader runs its own copy anyway).
                metadata["editable"] = false;
                metadata["deletable"] = false;
            }
            copy.Json["metadata"] = metadata;
            copy.Json.Remove("attachments");
            copy.Source = source.ReleasedSource(i);
            copy.SetOutputs([], null);
            return copy;
        });
        var notebook = source.Notebook.With(source.Notebook.Path, cells);
        var metadata = new JsonObject();
        foreach (var key in KeptNotebookMetadata)
            if (notebook.Root["metadata"]?[key] is { } value)
                metadata[key] = value.DeepClone();
        notebook.Root["metadata"] = metadata;
        var json = notebook.ToJson();
        if (SecretLines(source).FirstOrDefault(line => Contains(json, line)) is { } leaked)
            throw new InvalidOperationException(
                $"the student version would still hold the line '{leaked}' of a solution or hidden test (in markdown or " +
                "in a visible line?); remove it from there");
        return json;
    }

    /// <summary>The metadata a released test cell carries.</summary>
    public static JsonObject TestMetadata(AssignmentTest test) => new()
    {
        ["test"] = test.Name,
        ["points"] = test.Points,
        ["fingerprint"] = test.Fingerprint,
    };

    /// <summary>
    /// The lines of solutions and hidden tests that give something away: those that appear nowhere in what students
    /// get as code (a line such as "}" or one a visible check repeats gives nothing away; one copied into markdown
    /// does), and that are longer than a few characters.
    /// </summary>
    public static List<string> SecretLines(AssignmentSource source)
    {
        var released = source.Notebook.Cells.SelectMany((c, i) => c.IsCode ? source.ReleasedSource(i).Split('\n') : [])
            .Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);
        return source.Notebook.Cells.Where(c => c.IsCode).SelectMany(c => c.Source.Split('\n')).Select(l => l.Trim())
            .Where(l => l.Length >= 8 && !released.Contains(l)).Distinct(StringComparer.Ordinal).ToList();
    }

    // A line is found in the file as plain text, or as JSON writes it (escaped for HTML or only where JSON must).
    private static bool Contains(string json, string line) =>
        json.Contains(line, StringComparison.Ordinal) ||
        json.Contains(JsonEncodedText.Encode(line).Value, StringComparison.Ordinal) ||
        json.Contains(JsonEncodedText.Encode(line, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value, StringComparison.Ordinal);
}
