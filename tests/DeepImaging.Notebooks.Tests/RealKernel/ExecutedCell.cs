using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DeepImaging.Notebooks.Tests.RealKernel;

/// <summary>One executed code cell.</summary>
internal sealed record ExecutedCell(string Source, int? ExecutionCount, IReadOnlyList<string> Errors, string Html, string Text)
{
    public static ExecutedCell From(JsonElement cell)
    {
        var errors = new List<string>();
        var html = new List<string>();
        var text = new List<string>();
        foreach (var output in cell.GetProperty("outputs").EnumerateArray())
        {
            switch (output.GetProperty("output_type").GetString())
            {
                case "error":
                    errors.Add($"{output.GetProperty("ename").GetString()}: {output.GetProperty("evalue").GetString()}");
                    break;
                case "stream":
                    text.Add(Joined(output.GetProperty("text")));
                    break;
                default:
                    if (!output.TryGetProperty("data", out var data))
                        break;
                    if (data.TryGetProperty("text/html", out var h))
                    {
                        html.Add(Joined(h));
                        text.Add(WebUtility.HtmlDecode(Regex.Replace(Joined(h), "<[^>]*>", "")));
                    }
                    if (data.TryGetProperty("text/plain", out var t))
                        text.Add(Joined(t));
                    break;
            }
        }
        var count = cell.GetProperty("execution_count");
        return new ExecutedCell(Joined(cell.GetProperty("source")), count.ValueKind == JsonValueKind.Number ? count.GetInt32() : null,
            errors, string.Join("\n", html), string.Join("\n", text));
    }

    // nbformat stores multi-line strings as a string or as an array of lines.
    private static string Joined(JsonElement value) => value.ValueKind == JsonValueKind.Array
        ? string.Concat(value.EnumerateArray().Select(s => s.GetString()))
        : value.GetString() ?? "";
}
