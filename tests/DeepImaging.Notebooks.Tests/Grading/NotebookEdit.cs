using System.Text.Json.Nodes;

namespace DeepImaging.Notebooks.Tests.Grading;

/// <summary>A notebook's JSON changed cell by cell, as a student (or a hostile one) changes a submission.</summary>
internal sealed class NotebookEdit
{
    private readonly JsonObject root;

    private NotebookEdit(JsonObject root) => this.root = root;

    private JsonArray Cells => root["cells"]!.AsArray();

    public static NotebookEdit Load(string path) => new(JsonNode.Parse(File.ReadAllText(path))!.AsObject());

    /// <summary>The source of the cell with this id.</summary>
    public string Source(string id) => string.Concat(Cell(id)["source"]!.AsArray().Select(l => l!.GetValue<string>()));

    /// <summary>Adds a C# cell after the cell with id <paramref name="afterId"/>.</summary>
    public NotebookEdit InsertAfter(string afterId, string newId, string source)
    {
        Cells.Insert(IndexOf(afterId) + 1, new JsonObject
        {
            ["cell_type"] = "code", ["execution_count"] = null, ["id"] = newId,
            ["metadata"] = new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" } },
            ["outputs"] = new JsonArray(), ["source"] = source,
        });
        return this;
    }

    public NotebookEdit SetSource(string id, string source)
    {
        Cell(id)["source"] = source;
        return this;
    }

    public NotebookEdit SetId(string id, string newId)
    {
        Cell(id)["id"] = newId;
        return this;
    }

    public NotebookEdit Remove(string id)
    {
        Cells.RemoveAt(IndexOf(id));
        return this;
    }

    /// <summary>Moves the cell with this id to just before the cell with id <paramref name="beforeId"/>.</summary>
    public NotebookEdit MoveBefore(string id, string beforeId)
    {
        var cell = Cell(id);
        Cells.RemoveAt(IndexOf(id));
        Cells.Insert(IndexOf(beforeId), cell);
        return this;
    }

    public string Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }

    private JsonObject Cell(string id) => Cells[IndexOf(id)]!.AsObject();

    private int IndexOf(string id)
    {
        var index = Cells.Select(c => c!["id"]?.GetValue<string>()).ToList().IndexOf(id);
        return index >= 0 ? index : throw new ArgumentException($"no cell with id {id}");
    }
}
