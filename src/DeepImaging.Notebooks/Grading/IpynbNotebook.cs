using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DeepImaging.Notebooks.Grading;

/// <summary>
/// A notebook as its nbformat 4 JSON, kept whole: cell ids, metadata and everything the grader does not touch survive
/// a load and a save, which a round trip through the notebook library would not guarantee.
/// </summary>
internal sealed class IpynbNotebook
{
    private IpynbNotebook(string path, JsonObject root, List<IpynbCell> cells)
    {
        Path = path;
        Root = root;
        Cells = cells;
    }

    /// <summary>The file it was read from.</summary>
    public string Path { get; }

    /// <summary>The notebook's JSON, "cells" included (kept in step with <see cref="Cells"/> by <see cref="ToJson"/>).</summary>
    public JsonObject Root { get; }

    /// <summary>The cells, in order.</summary>
    public List<IpynbCell> Cells { get; }

    /// <summary>The file name, e.g. "alice.ipynb".</summary>
    public string FileName => System.IO.Path.GetFileName(Path);

    /// <summary>
    /// Reads a notebook, checked first as the runner checks it (nbformat 4, no raw cells); each code cell gets the
    /// kernel the runner would run it in.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not an nbformat 4 notebook; the message says why.</exception>
    public static IpynbNotebook Load(string path)
    {
        var document = NotebookFile.Load(path);
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var cells = root["cells"]!.AsArray().Select((cell, i) =>
        {
            if (cell is not JsonObject json)
                throw new InvalidDataException($"{path}: cell {i + 1} is not a JSON object");
            // The notebook library reads the same cells in the same order; it knows each code cell's kernel.
            var kernelName = i < document.Elements.Count ? document.Elements[i].KernelName ?? NotebookFile.CSharp : NotebookFile.CSharp;
            return new IpynbCell(json, kernelName);
        }).ToList();
        return new IpynbNotebook(System.IO.Path.GetFullPath(path), root, cells);
    }

    /// <summary>A notebook with the metadata of this one and the given cells.</summary>
    public IpynbNotebook With(string path, IEnumerable<IpynbCell> cells) =>
        new(path, (JsonObject)Root.DeepClone(), cells.ToList());

    /// <summary>The notebook as nbformat 4 JSON, indented as Jupyter writes it.</summary>
    public string ToJson()
    {
        var root = (JsonObject)Root.DeepClone();
        root["cells"] = new JsonArray(Cells.Select(c => (JsonNode)c.Json.DeepClone()).ToArray());
        // As Jupyter writes it: one space of indentation, quotes and non-ASCII text as they are (not \u0022).
        var options = new JsonSerializerOptions { WriteIndented = true, IndentSize = 1, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        return root.ToJsonString(options) + "\n";
    }
}
