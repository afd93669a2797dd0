using System.Text.Json;

namespace DeepImaging.Notebooks.Tests.Grading;

/// <summary>A result.json read back, for assertions.</summary>
internal sealed class GradeResult
{
    private GradeResult(string folder, JsonElement root)
    {
        Folder = folder;
        Root = root;
    }

    public string Folder { get; }

    public JsonElement Root { get; }

    public double Total => Root.GetProperty("total").GetDouble();

    public double Max => Root.GetProperty("max").GetDouble();

    public string Status => Root.GetProperty("status").GetString()!;

    public string[] Tampered => [.. Root.GetProperty("tampered").EnumerateArray().Select(t => t.GetString()!)];

    public JsonElement Test(string name) => Root.GetProperty("tests").EnumerateArray().Single(t => t.GetProperty("name").GetString() == name);

    public string[] Failed => [.. Root.GetProperty("tests").EnumerateArray().Where(t => !t.GetProperty("passed").GetBoolean())
        .Select(t => t.GetProperty("name").GetString()!)];

    public List<(int Cell, string Status, string Message)> Cells => [.. Root.GetProperty("cells").EnumerateArray()
        .Select(c => (c.GetProperty("cell").GetInt32(), c.GetProperty("status").GetString()!, c.GetProperty("message").GetString()!))];

    /// <summary>Every file grading wrote into the folder, as text (to search them all).</summary>
    public IEnumerable<(string File, string Text)> Files => Directory.GetFiles(Folder).Select(f => (Path.GetFileName(f), File.ReadAllText(f)));

    public string Text(string file) => File.ReadAllText(Path.Combine(Folder, file));

    /// <summary>True when <paramref name="text"/> holds <paramref name="line"/> as it is or as JSON escapes it (either way).</summary>
    public static bool Holds(string text, string line) =>
        text.Contains(line, StringComparison.Ordinal) || text.Contains(JsonEncodedText.Encode(line).Value, StringComparison.Ordinal) ||
        text.Contains(JsonEncodedText.Encode(line, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value, StringComparison.Ordinal);

    public static GradeResult Read(string folder) =>
        new(folder, JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "result.json"))).RootElement.Clone());
}
