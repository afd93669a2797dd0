using System.Text.Json;

namespace DeepImaging.Notebooks.Tests;

/// <summary>Writes small nbformat 4 notebooks into temporary folders for the tests.</summary>
internal static class TestNotebooks
{
    /// <summary>A new empty folder under the system's temporary folder.</summary>
    public static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "deepimaging-runner-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>A C# code cell.</summary>
    public static object Code(string source) => Cell("code", source, null);

    /// <summary>A markdown cell.</summary>
    public static object Markdown(string source) => Cell("markdown", source, null);

    /// <summary>A code cell for another kernel, named in its Polyglot metadata.</summary>
    public static object CodeIn(string kernelName, string source) => Cell("code", source, kernelName);

    /// <summary>Writes a notebook with the Polyglot and Jupyter kernel metadata our course notebooks carry.</summary>
    public static string Write(string folder, string fileName, params object[] cells)
    {
        var notebook = new Dictionary<string, object>
        {
            ["cells"] = cells,
            ["metadata"] = new Dictionary<string, object>
            {
                ["kernelspec"] = new { display_name = ".NET (C#)", language = "C#", name = ".net-csharp" },
                ["language_info"] = new { name = "C#" },
                ["polyglot_notebook"] = new
                {
                    kernelInfo = new { defaultKernelName = "csharp", items = new[] { new { aliases = Array.Empty<string>(), name = "csharp" } } },
                },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        var path = Path.Combine(folder, fileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(notebook));
        return path;
    }

    private static object Cell(string type, string source, string? kernelName)
    {
        var cell = new Dictionary<string, object?>
        {
            ["cell_type"] = type,
            ["metadata"] = kernelName is null
                ? new Dictionary<string, object>()
                : new Dictionary<string, object> { ["polyglot_notebook"] = new { kernelName } },
            ["source"] = source,
        };
        if (type == "code")
        {
            cell["execution_count"] = null;
            cell["outputs"] = Array.Empty<object>();
        }
        return cell;
    }
}
