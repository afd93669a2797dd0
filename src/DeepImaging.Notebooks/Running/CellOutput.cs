using System.Net;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace DeepImaging.Notebooks;

/// <summary>One output of an executed cell, as nbformat stores it.</summary>
public sealed partial class CellOutput
{
    /// <summary>Which nbformat output type this is.</summary>
    public OutputKind Kind { get; init; }

    /// <summary>For displays and results: the mime bundle (e.g. "text/html", "text/plain") mapped to its content.</summary>
    public Dictionary<string, string> Data { get; init; } = [];

    /// <summary>For standard output and standard error: the text written.</summary>
    public string Text { get; init; } = "";

    /// <summary>For errors: the error's name (an exception type, or "Error").</summary>
    public string ErrorName { get; init; } = "";

    /// <summary>For errors: the error message.</summary>
    public string ErrorValue { get; init; } = "";

    /// <summary>For errors: the stack trace lines.</summary>
    public List<string> Traceback { get; init; } = [];

    /// <summary>The kernel's id for an updatable display, so a later update replaces it; null otherwise.</summary>
    public string? ValueId { get; init; }

    /// <summary>
    /// The output as readable text, for searching outputs in tests: text/plain when the bundle has it,
    /// otherwise text/html with its tags, styles and scripts removed and spaces collapsed; the stream text; or "name: message" for an error.
    /// </summary>
    [JsonIgnore]
    public string PlainText => Kind switch
    {
        OutputKind.StandardOutput or OutputKind.StandardError => Text,
        OutputKind.Error => $"{ErrorName}: {ErrorValue}",
        _ when Data.TryGetValue("text/plain", out var plain) => plain,
        _ when Data.TryGetValue("text/html", out var html) => Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(StylesAndScripts().Replace(html, ""), " ")), " ").Trim(),
        _ => "",
    };

    [GeneratedRegex("<(style|script)[^>]*>.*?</\\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex StylesAndScripts();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();
}
