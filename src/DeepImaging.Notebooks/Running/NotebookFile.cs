using System.Text.Json;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace DeepImaging.Notebooks;

/// <summary>Reads .ipynb files, checking first that they really are nbformat 4 notebooks, and fills in outputs.</summary>
public static class NotebookFile
{
    /// <summary>The kernel name of markdown cells.</summary>
    public const string Markdown = "markdown";

    /// <summary>The kernel name of C# cells, and the default for cells that name none.</summary>
    public const string CSharp = "csharp";

    /// <summary>
    /// Loads a notebook. Cells keep the kernel named in their metadata (or by a leading <c>#!kernel</c> line), so
    /// a Python cell stays "python" and fails clearly when run rather than being taken for C#.
    /// </summary>
    /// <param name="path">Path of a .ipynb file.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not an nbformat 4 notebook; the message says why.</exception>
    public static InteractiveDocument Load(string path)
    {
        if (Directory.Exists(path))
            throw new InvalidDataException($"{path} is a folder, not a notebook (.ipynb)");
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path} does not exist", path);
        if (!path.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"{path} is not a notebook: expected a .ipynb file");

        var json = File.ReadAllText(path);
        Validate(path, json);
        try
        {
            return Notebook.Parse(json, KernelInfos());
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path} is not a valid notebook: {FirstLine(e.Message)}", e);
        }
    }

    /// <summary>The notebook's title: its first markdown heading, or the file name without extension.</summary>
    /// <param name="document">A loaded notebook.</param>
    /// <param name="path">The notebook's path, for the fallback.</param>
    public static string TitleOf(InteractiveDocument document, string path)
    {
        var heading = document.Elements
            .Where(e => e.KernelName == Markdown)
            .SelectMany(e => e.Contents.ReplaceLineEndings("\n").Split('\n'))
            .Select(line => line.Trim())
            .FirstOrDefault(line => line.StartsWith('#'));
        return heading is null ? Path.GetFileNameWithoutExtension(path) : heading.TrimStart('#').Trim();
    }

    /// <summary>Replaces each code cell's outputs and execution count with those of the run.</summary>
    internal static void FillOutputs(InteractiveDocument document, IReadOnlyList<CellResult> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            var element = document.Elements[i];
            if (element.KernelName == Markdown)
                continue;
            element.Outputs.Clear();
            element.Outputs.AddRange(cells[i].Outputs.Select(o => ToElement(o, cells[i].ExecutionCount)));
            element.ExecutionOrder = cells[i].ExecutionCount;
        }
    }

    /// <summary>The kernels the runner knows, so cell kernel names and aliases (c#, C#) resolve to them.</summary>
    internal static KernelInfoCollection KernelInfos()
    {
        var infos = new KernelInfoCollection
        {
            new KernelInfo(CSharp, "C#", ["c#", "C#", "cs"]),
            new KernelInfo("html", "HTML"),
            new KernelInfo("value", "value"),
            new KernelInfo(Markdown, "Markdown", ["md"]),
        };
        infos.DefaultKernelName = CSharp;
        return infos;
    }

    private static InteractiveDocumentOutputElement ToElement(CellOutput output, int executionCount)
    {
        switch (output.Kind)
        {
            case OutputKind.StandardOutput:
                return new TextElement(output.Text, "stdout");
            case OutputKind.StandardError:
                return new TextElement(output.Text, "stderr");
            case OutputKind.Error:
                return new ErrorElement(output.ErrorValue, output.ErrorName, [.. output.Traceback]);
            case OutputKind.Result:
                var result = new ReturnValueElement { ExecutionOrder = executionCount };
                foreach (var (mimeType, content) in output.Data)
                    result.Data[mimeType] = content;
                return result;
            default:
                return new DisplayElement(output.Data.ToDictionary(kv => kv.Key, kv => (object)kv.Value));
        }
    }

    // Notebook.Parse accepts almost any JSON object (it skips what it does not know), so check the nbformat 4
    // shape first: a file that is not a notebook must be named as such, not run as an empty one.
    private static void Validate(string path, string json)
    {
        using var parsed = ParseJson(path, json);
        var root = parsed.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("cells", out var cells) ||
            cells.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"{path} is not a Jupyter notebook: it has no \"cells\" array");
        // nbformat is an integer, but a number such as 4.0 (or 4.5, minor version misplaced) is still version 4.
        if (!root.TryGetProperty("nbformat", out var format) || format.ValueKind != JsonValueKind.Number ||
            !format.TryGetDouble(out var version))
            throw new InvalidDataException($"{path} is not an nbformat 4 notebook: it has no \"nbformat\" number");
        var major = Math.Floor(version);
        if (major != 4)
            throw new InvalidDataException(
                $"{path} is an nbformat {major} notebook; the runner reads only nbformat 4 (open and save it in Jupyter to convert it)");
        var number = 0;
        foreach (var cell in cells.EnumerateArray())
        {
            number++;
            var type = cell.ValueKind == JsonValueKind.Object && cell.TryGetProperty("cell_type", out var t) &&
                       t.ValueKind == JsonValueKind.String
                ? t.GetString() : null;
            // The notebook library reads a raw cell as a C# code cell and writes it back as one: running it
            // would compile its text, and the executed notebook would lose it. Refused rather than changed.
            if (type == "raw")
                throw new InvalidDataException(
                    $"{path}: cell {number} is a raw cell, which the runner cannot keep (its notebook library reads " +
                    "and writes raw cells as code cells); make it a markdown cell or remove it");
            if (type is not ("code" or "markdown"))
                throw new InvalidDataException(
                    $"{path}: cell {number} has " + (type is null ? "no cell_type string" : $"cell_type '{type}'") +
                    "; nbformat 4 cells are code, markdown or raw");
        }
    }

    // The JSON text as a document; a syntax error is named as the file not being JSON.
    private static JsonDocument ParseJson(string path, string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {FirstLine(e.Message)}", e);
        }
    }

    private static string FirstLine(string text) => text.ReplaceLineEndings("\n").Split('\n')[0];
}
