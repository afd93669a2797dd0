using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Html = DeepImaging.Interactive.Formatters.Html;

namespace DeepImaging.Interactive.Magics;

/// <summary>Builds the simple outputs of the magics: a title, labelled panels of values (each drawn by its own formatter) and lines of text.</summary>
internal sealed class MagicOutput
{
    private readonly List<string> html = [];
    private readonly List<string> text = [];

    /// <summary>A heading line.</summary>
    public MagicOutput Title(string title)
    {
        html.Add($"<div class=\"di-title\">{Html.Escape(title)}</div>");
        text.Add(title);
        return this;
    }

    /// <summary>Labelled values side by side, each shown by its registered formatter (a Tensor as the formatters' grid).</summary>
    public MagicOutput Panels(params (string Label, object Value)[] panels)
    {
        html.Add("<div class=\"di-panels\">" +
                 string.Concat(panels.Select(p =>
                     $"<figure><figcaption>{Html.Escape(p.Label)}</figcaption>{p.Value.ToDisplayString(HtmlFormatter.MimeType)}</figure>")) +
                 "</div>");
        foreach (var (label, value) in panels)
            text.Add($"{label}:\n{value.ToDisplayString(PlainTextFormatter.MimeType)}");
        return this;
    }

    /// <summary>Lines of text (formulas), shown in monospace.</summary>
    public MagicOutput Lines(params string[] lines)
    {
        html.Add($"<pre class=\"di-lines\">{Html.Escape(string.Join("\n", lines))}</pre>");
        text.AddRange(lines);
        return this;
    }

    /// <summary>Publishes the output as text/html with a text/plain alternative.</summary>
    public void Display(KernelInvocationContext context) =>
        context.Publish(new DisplayedValueProduced(this, context.Command,
        [
            new FormattedValue(HtmlFormatter.MimeType, Html.Document(string.Concat(html))),
            new FormattedValue(PlainTextFormatter.MimeType, string.Join("\n", text)),
        ]));
}
