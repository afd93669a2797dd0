using System.Net;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace DeepImaging.Interactive.Magics;

/// <summary>Builds the simple outputs of the magics: labelled panels of values (rendered by their own formatters) and lines of text.</summary>
internal sealed class MagicOutput
{
    private readonly List<string> html = [];
    private readonly List<string> text = [];

    /// <summary>A heading line.</summary>
    public MagicOutput Title(string title)
    {
        html.Add($"<p><b>{Encode(title)}</b></p>");
        text.Add(title);
        return this;
    }

    /// <summary>Labelled values side by side, each shown by its registered formatter (a Tensor as the formatters' grid).</summary>
    public MagicOutput Panels(params (string Label, object Value)[] panels)
    {
        html.Add("<div style=\"display:flex;flex-wrap:wrap;gap:1.5em;align-items:flex-start\">" +
                 string.Concat(panels.Select(p =>
                     $"<figure style=\"margin:0\"><figcaption>{Encode(p.Label)}</figcaption>{p.Value.ToDisplayString(HtmlFormatter.MimeType)}</figure>")) +
                 "</div>");
        foreach (var (label, value) in panels)
            text.Add($"{label}:\n{value.ToDisplayString(PlainTextFormatter.MimeType)}");
        return this;
    }

    /// <summary>Lines of text (formulas), shown in monospace.</summary>
    public MagicOutput Lines(params string[] lines)
    {
        html.Add($"<pre style=\"margin:0.3em 0\">{Encode(string.Join("\n", lines))}</pre>");
        text.AddRange(lines);
        return this;
    }

    /// <summary>Publishes the output as text/html with a text/plain alternative.</summary>
    public void Display(KernelInvocationContext context) =>
        context.Publish(new DisplayedValueProduced(this, context.Command,
        [
            new FormattedValue(HtmlFormatter.MimeType, $"<div class=\"deepimaging-magic\">{string.Concat(html)}</div>"),
            new FormattedValue(PlainTextFormatter.MimeType, string.Join("\n", text)),
        ]));

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
