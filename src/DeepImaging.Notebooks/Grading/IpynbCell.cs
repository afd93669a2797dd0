using System.Text.Json.Nodes;

namespace DeepImaging.Notebooks.Grading;

/// <summary>One cell of an <see cref="IpynbNotebook"/>: its JSON, with the parts the grader reads and writes.</summary>
internal sealed class IpynbCell(JsonObject json, string kernelName)
{
    /// <summary>The cell's JSON object.</summary>
    public JsonObject Json { get; } = json;

    /// <summary>The kernel that runs it ("csharp", ...); "markdown" for markdown cells.</summary>
    public string KernelName { get; } = kernelName;

    /// <summary>The cell's id (nbformat 4.5), or null.</summary>
    public string? Id => Json["id"] is JsonValue id && id.TryGetValue(out string? text) ? text : null;

    /// <summary>True for a code cell.</summary>
    public bool IsCode => CellType == "code";

    /// <summary>"code" or "markdown".</summary>
    public string CellType => Json["cell_type"]?.GetValue<string>() ?? "";

    /// <summary>The source, joined into one string with '\n' line ends.</summary>
    public string Source
    {
        get => (Json["source"] switch
        {
            JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>() ?? "")),
            JsonValue text => text.GetValue<string>(),
            _ => "",
        }).ReplaceLineEndings("\n");
        set => Json["source"] = SourceLines(value);
    }

    /// <summary>The cell's metadata object (created if missing).</summary>
    public JsonObject Metadata => Json["metadata"] as JsonObject ?? (JsonObject)(Json["metadata"] = new JsonObject());

    /// <summary>A code cell with the given id, C# kernel metadata and source, no outputs.</summary>
    public static IpynbCell NewCode(string? id, string source, JsonObject? extraMetadata = null)
    {
        var metadata = new JsonObject
        {
            ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
            ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
        };
        foreach (var (key, value) in extraMetadata ?? [])
            metadata[key] = value?.DeepClone();
        var json = new JsonObject { ["cell_type"] = "code", ["execution_count"] = null };
        if (id is not null)
            json["id"] = id;
        json["metadata"] = metadata;
        json["outputs"] = new JsonArray();
        json["source"] = SourceLines(source);
        return new IpynbCell(json, NotebookFile.CSharp);
    }

    /// <summary>A copy whose JSON can be changed without changing this cell.</summary>
    public IpynbCell Clone() => new((JsonObject)Json.DeepClone(), KernelName);

    /// <summary>Replaces the outputs and the execution count (code cells only).</summary>
    public void SetOutputs(IEnumerable<JsonNode> outputs, int? executionCount)
    {
        if (!IsCode) return;
        Json["outputs"] = new JsonArray(outputs.ToArray());
        Json["execution_count"] = executionCount;
    }

    // nbformat stores source as lines, each with its '\n' but the last.
    private static JsonArray SourceLines(string source)
    {
        var lines = source.ReplaceLineEndings("\n").Split('\n');
        return new JsonArray(lines.Select((line, i) => (JsonNode)JsonValue.Create(i < lines.Length - 1 ? line + "\n" : line)!)
            .Where((_, i) => i < lines.Length - 1 || lines[i].Length > 0).ToArray());
    }
}
