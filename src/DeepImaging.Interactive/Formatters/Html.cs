using System.Net;
using DeepImaging.NN;
using System.Text;

namespace DeepImaging.Interactive.Formatters;

/// <summary>
/// The one HTML vocabulary of the extension: every formatter, magic output, exercise note and progress bar is a
/// <see cref="Document(string, string?)"/> styled by the classes of <c>Html.css</c> (prefixed "di-" so they cannot clash with the
/// notebook's own), with the escaping, number text and pieces (captions, colour bars) defined here. Only values computed
/// per element (a cell's colour, an image's width) are written as inline styles. Output is well-formed XHTML, so tests
/// can parse it with System.Xml.Linq.
/// </summary>
internal static class Html
{
    /// <summary>
    /// Calm, theme-neutral styling: text colour is inherited (light and dark themes both work) except on coloured
    /// cells, which set their own; borders are translucent grey, which reads on both backgrounds.
    /// </summary>
    private static readonly string StyleSheet = ReadStyleSheet();

    /// <summary>Wraps <paramref name="body"/> in the styled root element every output of the extension is.</summary>
    public static string Document(string body, string? id = null) => Document(id, [body]);

    /// <summary>
    /// Wraps the concatenation of <paramref name="bodyParts"/> in the styled root element, in one new string: a body with
    /// plotly.js in it (3.6 million characters) is not copied once more for each step of building it.
    /// </summary>
    public static string Document(string? id, params ReadOnlySpan<string> bodyParts)
    {
        string head = id is null ? "<div class=\"di\"><style>" : $"<div class=\"di\" id=\"{id}\"><style>";
        return string.Concat([head, StyleSheet, "</style>", .. bodyParts, "</div>"]);
    }

    /// <summary>Text made safe for element content and attribute values.</summary>
    public static string Escape(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A number as grids and captions show it (same rules as the convolution trace: "19", "0.3333", "NaN").</summary>
    public static string Number(double value) => ConvTrace.FormatNumber((float)value);

    /// <summary>An integer with thousands separators, as every summary writes it (<see cref="SummaryText.Count"/>): 196,610,001.</summary>
    public static string Count(long value) => SummaryText.Count(value);

    /// <summary>A shape as "[1, 3, 8, 8]".</summary>
    public static string Shape(IEnumerable<int> shape) => "[" + string.Join(", ", shape) + "]";

    /// <summary>An element id that is unique for each rendering, so several outputs on one page never collide.</summary>
    public static string UniqueId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>A caption line above a figure: small, muted text.</summary>
    public static string Caption(string text) => $"<div class=\"di-caption\">{Escape(text)}</div>";

    /// <summary>
    /// A colour bar from the scale's min to its max, with short notes after it (what white or magenta mean);
    /// <paramref name="width"/> sets the bar's width in CSS pixels.
    /// </summary>
    public static string ColorBar(ColorScale scale, int? width = null, params string[] notes)
    {
        var sb = new StringBuilder("<div class=\"di-scale\"><span>").Append(Number(scale.Min)).Append("</span>")
            .Append("<div class=\"di-bar\" style=\"background:").Append(scale.Gradient());
        if (width is { } w) sb.Append(";width:").Append(w).Append("px");
        sb.Append("\"></div><span>").Append(Number(scale.Max)).Append("</span>");
        foreach (var note in notes)
            sb.Append("<span>").Append(Escape(note)).Append("</span>");
        return sb.Append("</div>").ToString();
    }

    // Html.css is embedded in the assembly; its line breaks are dropped, since the sheet travels with every output.
    private static string ReadStyleSheet()
    {
        const string name = "DeepImaging.Interactive.Formatters.Html.css";
        using var stream = typeof(Html).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The extension's assembly lacks its style sheet resource {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().ReplaceLineEndings("");
    }
}
