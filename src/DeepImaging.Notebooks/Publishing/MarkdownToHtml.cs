using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace DeepImaging.Notebooks;

/// <summary>
/// A small markdown-to-HTML converter for notebook text: headings, paragraphs, bullet and numbered lists,
/// fenced code, block quotes, rules, tables, bold, italic, inline code and links. Math ($...$ and $$...$$)
/// is kept as text, untouched by emphasis, for MathJax to typeset where it loads. Lines that start with an
/// HTML tag pass through as HTML, as Jupyter allows.
/// </summary>
public static partial class MarkdownToHtml
{
    /// <summary>Converts markdown text to an HTML fragment.</summary>
    /// <param name="markdown">The markdown source of a cell.</param>
    public static string Convert(string markdown)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var html = new StringBuilder();
        var i = 0;
        while (i < lines.Length)
        {
            var line = lines[i];
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                i++;
            }
            else if (trimmed.StartsWith("```"))
            {
                var code = new List<string>();
                for (i++; i < lines.Length && !lines[i].Trim().StartsWith("```"); i++)
                    code.Add(lines[i]);
                i++;
                html.Append("<pre><code>").Append(WebUtility.HtmlEncode(string.Join("\n", code))).Append("</code></pre>\n");
            }
            else if (trimmed.StartsWith("$$"))
            {
                var math = new List<string> { line };
                if (!(trimmed.Length > 2 && trimmed.EndsWith("$$")))
                    for (i++; i < lines.Length; i++)
                    {
                        math.Add(lines[i]);
                        if (lines[i].Trim().EndsWith("$$")) break;
                    }
                i++;
                html.Append("<div class=\"math\">").Append(WebUtility.HtmlEncode(string.Join("\n", math))).Append("</div>\n");
            }
            else if (Heading().Match(trimmed) is { Success: true } heading)
            {
                var level = heading.Groups[1].Length;
                html.Append($"<h{level}>{Inline(heading.Groups[2].Value)}</h{level}>\n");
                i++;
            }
            else if (Rule().IsMatch(trimmed))
            {
                html.Append("<hr>\n");
                i++;
            }
            else if (trimmed.StartsWith('<'))
            {
                for (; i < lines.Length && lines[i].Trim().Length > 0; i++)
                    html.Append(lines[i]).Append('\n');
            }
            else if (trimmed.StartsWith('>'))
            {
                var quoted = new List<string>();
                for (; i < lines.Length && lines[i].TrimStart().StartsWith('>'); i++)
                    quoted.Add(lines[i].TrimStart()[1..]);
                html.Append("<blockquote>\n").Append(Convert(string.Join("\n", quoted))).Append("</blockquote>\n");
            }
            else if (trimmed.StartsWith('|') && i + 1 < lines.Length && TableSeparator().IsMatch(lines[i + 1].Trim()))
            {
                html.Append("<table>\n<thead><tr>");
                foreach (var cell in TableCells(trimmed))
                    html.Append("<th>").Append(Inline(cell)).Append("</th>");
                html.Append("</tr></thead>\n<tbody>\n");
                for (i += 2; i < lines.Length && lines[i].Trim().StartsWith('|'); i++)
                {
                    html.Append("<tr>");
                    foreach (var cell in TableCells(lines[i].Trim()))
                        html.Append("<td>").Append(Inline(cell)).Append("</td>");
                    html.Append("</tr>\n");
                }
                html.Append("</tbody>\n</table>\n");
            }
            else if (ListItem().Match(line) is { Success: true } first)
            {
                var ordered = char.IsDigit(first.Groups[2].Value[0]);
                var tag = ordered ? "ol" : "ul";
                html.Append($"<{tag}>\n");
                while (i < lines.Length && ListItem().Match(lines[i]) is { Success: true } item)
                {
                    var text = new StringBuilder(item.Groups[3].Value);
                    // Indented lines that follow belong to the same item.
                    for (i++; i < lines.Length && lines[i].StartsWith("  ") && !ListItem().IsMatch(lines[i]); i++)
                        text.Append(' ').Append(lines[i].Trim());
                    html.Append("<li>").Append(Inline(text.ToString())).Append("</li>\n");
                }
                html.Append($"</{tag}>\n");
            }
            else
            {
                var paragraph = new List<string>();
                for (; i < lines.Length && lines[i].Trim().Length > 0 && !StartsBlock(lines, i); i++)
                    paragraph.Add(lines[i].Trim());
                html.Append("<p>").Append(Inline(string.Join("\n", paragraph))).Append("</p>\n");
            }
        }
        return html.ToString();
    }

    private static bool StartsBlock(string[] lines, int i)
    {
        var trimmed = lines[i].Trim();
        return trimmed.StartsWith("```") || trimmed.StartsWith("$$") || Heading().IsMatch(trimmed) ||
               trimmed.StartsWith('>') || ListItem().IsMatch(lines[i]) ||
               (trimmed.StartsWith('|') && i + 1 < lines.Length && TableSeparator().IsMatch(lines[i + 1].Trim()));
    }

    private static IEnumerable<string> TableCells(string row) => row.Trim().Trim('|').Split('|').Select(c => c.Trim());

    // Inline code and math are set aside first so that their * and _ are not read as emphasis.
    private static string Inline(string text)
    {
        var kept = new List<string>();
        string Keep(string html)
        {
            kept.Add(html);
            return $"\u0001{kept.Count - 1}\u0002";
        }
        text = InlineCode().Replace(text, m => Keep("<code>" + WebUtility.HtmlEncode(m.Groups[1].Value) + "</code>"));
        text = InlineMath().Replace(text, m => Keep("<span class=\"math\">" + WebUtility.HtmlEncode(m.Value) + "</span>"));
        text = WebUtility.HtmlEncode(text);
        text = Image().Replace(text, "<img src=\"$2\" alt=\"$1\">");
        text = Link().Replace(text, "<a href=\"$2\">$1</a>");
        text = Bold().Replace(text, "<strong>$2</strong>");
        text = Italic().Replace(text, "<em>$2</em>");
        return Kept().Replace(text, m => kept[int.Parse(m.Groups[1].Value)]);
    }

    [GeneratedRegex(@"^(#{1,6})\s+(.*?)\s*#*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^(\*\s*){3,}$|^(-\s*){3,}$|^(_\s*){3,}$")]
    private static partial Regex Rule();

    [GeneratedRegex(@"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")]
    private static partial Regex TableSeparator();

    [GeneratedRegex(@"^(\s{0,3})([-*+]|\d+[.)])\s+(.*)$")]
    private static partial Regex ListItem();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"\$[^$\n]+\$")]
    private static partial Regex InlineMath();

    [GeneratedRegex(@"!\[([^\]]*)\]\(([^)\s]+)\)")]
    private static partial Regex Image();

    [GeneratedRegex(@"\[([^\]]+)\]\(([^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"(\*\*|__)(.+?)\1")]
    private static partial Regex Bold();

    [GeneratedRegex(@"(?<![\w*])(\*|_)(?!\s)(.+?)(?<!\s)\1(?![\w*])")]
    private static partial Regex Italic();

    [GeneratedRegex("\u0001(\\d+)\u0002")]
    private static partial Regex Kept();
}
