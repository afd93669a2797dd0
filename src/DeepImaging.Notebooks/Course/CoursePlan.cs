using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeepImaging.Notebooks;

/// <summary>
/// The declared course: <c>course.json</c> in the notebooks folder lists the course notebooks in reading order, with
/// their titles, and the assignments' instructor notebooks. Only what it lists is the course: a student's stray copy
/// (<c>Untitled.ipynb</c>, <c>04-convolution-copy.ipynb</c>) beside it is neither run as a course notebook nor
/// published. Assignments are tested but never published: their instructor versions hold the solutions.
/// </summary>
/// <param name="Folder">The folder that holds <c>course.json</c> (full path).</param>
/// <param name="Title">The course's title.</param>
/// <param name="Notebooks">The course notebooks, in reading order.</param>
/// <param name="Assignments">The assignments' instructor notebooks, in order.</param>
public sealed record CoursePlan(string Folder, string Title, IReadOnlyList<CourseEntry> Notebooks, IReadOnlyList<CourseEntry> Assignments)
{
    /// <summary>The plan's file name in the notebooks folder.</summary>
    public const string FileName = "course.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Whether <paramref name="folder"/> holds a course plan.</summary>
    public static bool Exists(string folder) => File.Exists(Path.Combine(folder, FileName));

    /// <summary>Reads and checks the plan in <paramref name="folder"/>.</summary>
    /// <exception cref="FileNotFoundException">The folder has no course.json.</exception>
    /// <exception cref="InvalidDataException">
    /// The plan is not valid JSON of the documented shape, or an entry names a missing file, a file outside the
    /// folder, a file that is not a notebook, or a file listed twice; the message lists every problem.
    /// </exception>
    public static CoursePlan Load(string folder)
    {
        folder = Path.GetFullPath(folder);
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path} does not exist", path);
        PlanFile? file;
        try
        {
            file = JsonSerializer.Deserialize<PlanFile>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a course plan ({e.Message}); expected " +
                "{\"title\": ..., \"notebooks\": [{\"file\": \"01-....ipynb\", \"title\": ...}, ...], \"assignments\": [...]}", e);
        }
        var problems = new List<string>();
        if (file is null || string.IsNullOrWhiteSpace(file.Title))
            problems.Add("\"title\" is missing");
        if (file?.Notebooks is not { Count: > 0 })
            problems.Add("\"notebooks\" lists no notebook");
        var notebooks = Entries(folder, file?.Notebooks, "notebooks", problems);
        var assignments = Entries(folder, file?.Assignments, "assignments", problems);
        foreach (var twice in notebooks.Concat(assignments).GroupBy(e => e.Path).Where(g => g.Count() > 1))
            problems.Add($"{twice.First().File} is listed {twice.Count()} times");
        if (problems.Count > 0)
            throw new InvalidDataException($"{path}: {string.Join("; ", problems)}");
        return new CoursePlan(folder, file!.Title!.Trim(), notebooks, assignments);
    }

    /// <summary>
    /// For <c>deepimaging run &lt;folder&gt;</c>: the course notebooks the plan in <paramref name="folder"/> lists, as
    /// (full path, path relative to the folder without .ipynb), or none with the reason added to <paramref name="errors"/>.
    /// </summary>
    internal static IReadOnlyList<(string Path, string RelativePath)> NotebooksToRun(string folder, List<string> errors)
    {
        try
        {
            return Load(folder).Notebooks.Select(n => (n.Path, n.File[..^".ipynb".Length])).ToList();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            errors.Add(e.Message);
            return [];
        }
    }

    private static List<CourseEntry> Entries(string folder, List<EntryFile?>? entries, string list, List<string> problems)
    {
        var result = new List<CourseEntry>();
        foreach (var (entry, i) in (entries ?? []).Select((e, i) => (e, i)))
        {
            var where = $"{list}[{i}]";
            var name = entry?.File?.Replace('\\', '/');
            if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(entry!.Title))
            {
                problems.Add($"{where} needs a \"file\" and a \"title\"");
                continue;
            }
            var full = Path.GetFullPath(Path.Combine(folder, name));
            if (Path.IsPathRooted(name) || name.Split('/').Contains("..") || !full.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                problems.Add($"{where}: '{name}' must be a path inside {folder}, relative to it");
            else if (!name.EndsWith(".ipynb", StringComparison.Ordinal))
                problems.Add($"{where}: '{name}' is not a notebook (.ipynb)");
            else if (!File.Exists(full))
                problems.Add($"{where}: '{name}' does not exist");
            else
                result.Add(new CourseEntry(name, entry.Title.Trim(), full));
        }
        return result;
    }

    // The file as written; every field optional here so that Load can name all that is missing at once.
    private sealed class PlanFile
    {
        [JsonPropertyName("title")] public string? Title { get; init; }
        [JsonPropertyName("notebooks")] public List<EntryFile?>? Notebooks { get; init; }
        [JsonPropertyName("assignments")] public List<EntryFile?>? Assignments { get; init; }
    }

    private sealed class EntryFile
    {
        [JsonPropertyName("file")] public string? File { get; init; }
        [JsonPropertyName("title")] public string? Title { get; init; }
    }
}
