using System.Net;
using System.Text;

namespace DeepImaging.Notebooks;

/// <summary>
/// Publishes executed notebooks as a static site: per notebook the executed .ipynb and an HTML page, plus an
/// index.html that lists the pages in course order. Formatter HTML/SVG and Plotly charts are embedded as they are.
/// </summary>
public static class SiteWriter
{
    private const string Style = """
        body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #222; }
        pre { background: #f6f8fa; padding: .6rem .8rem; overflow-x: auto; border-radius: 4px; }
        .cell { margin: 1rem 0; }
        .code pre { border-left: 3px solid #4a7bd0; }
        .prompt { color: #888; font: .8rem monospace; }
        .output { margin: .3rem 0 .3rem 1rem; overflow-x: auto; }
        .stderr pre { background: #fff4e5; }
        .error pre { background: #fdecea; color: #a00; }
        .status-failed, .status-timed { color: #a00; font-weight: bold; }
        .status-succeeded { color: #070; }
        table { border-collapse: collapse; }
        th, td { border: 1px solid #ccc; padding: .2rem .6rem; }
        """;

    // MathJax typesets $...$ where the page is online; offline the math stays readable as text.
    private const string MathJax = """
        <script>window.MathJax = { tex: { inlineMath: [['$', '$']] } };</script>
        <script async src="https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js"></script>
        """;

    /// <summary>Writes <c>relativePath</c>.ipynb and .html for one executed notebook under <paramref name="outputFolder"/>.</summary>
    /// <param name="result">The run of the notebook.</param>
    /// <param name="outputFolder">The site's folder.</param>
    /// <param name="relativePath">Where the notebook goes in the site, without extension, e.g. "assignments/a1".</param>
    public static void WriteNotebook(NotebookResult result, string outputFolder, string relativePath)
    {
        AtomicFile.WriteAllText(Path.Combine(outputFolder, relativePath + ".ipynb"), result.ToJupyterJson());
        var depth = relativePath.Count(c => c == '/');
        AtomicFile.WriteAllText(Path.Combine(outputFolder, relativePath + ".html"), Page(result, depth));
    }

    /// <summary>Writes index.html: every notebook's title linked to its page, in the given (course) order, with status.</summary>
    /// <param name="entries">Each notebook's run and its relative path in the site (without extension).</param>
    /// <param name="outputFolder">The site's folder.</param>
    public static void WriteIndex(IEnumerable<(NotebookResult Result, string RelativePath)> entries, string outputFolder)
    {
        var html = new StringBuilder();
        html.Append(Header("Course notebooks"));
        html.Append("<h1>Course notebooks</h1>\n<table>\n<thead><tr><th>#</th><th>Notebook</th><th>File</th>" +
                    "<th>Cells</th><th>Seconds</th><th>Status</th></tr></thead>\n<tbody>\n");
        var number = 0;
        foreach (var (result, relativePath) in entries)
        {
            number++;
            html.Append($"<tr><td>{number}</td><td><a href=\"{Encode(relativePath)}.html\">{Encode(result.Title)}</a></td>" +
                        $"<td><a href=\"{Encode(relativePath)}.ipynb\">{Encode(relativePath)}.ipynb</a></td>" +
                        $"<td>{result.Cells.Count}</td><td>{result.Duration.TotalSeconds:0.0}</td>" +
                        $"<td class=\"{StatusClass(result)}\">{Encode(result.StatusText)}</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n</body>\n</html>\n");
        AtomicFile.WriteAllText(Path.Combine(outputFolder, "index.html"), html.ToString());
    }

    private static string Page(NotebookResult result, int depth)
    {
        var up = string.Concat(Enumerable.Repeat("../", depth));
        var html = new StringBuilder(Header(result.Title));
        html.Append($"<p><a href=\"{up}index.html\">&larr; all notebooks</a> &middot; " +
                    $"<span class=\"{StatusClass(result)}\">{Encode(result.StatusText)}</span> &middot; " +
                    $"{result.Duration.TotalSeconds:0.0} s</p>\n");
        foreach (var cell in result.Cells)
        {
            if (cell.Status == CellStatus.Markdown)
            {
                html.Append("<div class=\"cell markdown\">\n").Append(MarkdownToHtml.Convert(cell.Code)).Append("</div>\n");
                continue;
            }
            var prompt = cell.ExecutionCount > 0 ? $"In [{cell.ExecutionCount}]" : "In [ ]";
            var note = cell.Status switch
            {
                CellStatus.NotRun => " not run (an earlier cell failed)",
                CellStatus.Failed => " failed",
                CellStatus.TimedOut => " timed out",
                _ => "",
            };
            html.Append($"<div class=\"cell code\" id=\"cell-{cell.Number}\"><div class=\"prompt\">{prompt}{note}</div>" +
                        $"<pre><code>{Encode(cell.Code)}</code></pre>\n");
            foreach (var output in cell.Outputs)
                html.Append(Output(output));
            html.Append("</div>\n");
        }
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static string Output(CellOutput output) => output.Kind switch
    {
        OutputKind.StandardOutput => $"<div class=\"output stdout\"><pre>{Encode(output.Text)}</pre></div>\n",
        OutputKind.StandardError => $"<div class=\"output stderr\"><pre>{Encode(output.Text)}</pre></div>\n",
        OutputKind.Error => $"<div class=\"output error\"><pre>{Encode(output.ErrorName + ": " + output.ErrorValue)}</pre></div>\n",
        _ => $"<div class=\"output\">{Bundle(output.Data)}</div>\n",
    };

    // The richest form the bundle has: HTML (formatters, SVG, charts) as it is, then SVG, PNG, plain text.
    private static string Bundle(IReadOnlyDictionary<string, string> data) =>
        data.TryGetValue("text/html", out var html) ? html
        : data.TryGetValue("image/svg+xml", out var svg) ? svg
        : data.TryGetValue("image/png", out var png) ? $"<img src=\"data:image/png;base64,{png.Trim()}\">"
        : data.TryGetValue("text/markdown", out var markdown) ? MarkdownToHtml.Convert(markdown)
        : data.TryGetValue("text/plain", out var plain) ? $"<pre>{Encode(plain)}</pre>"
        : "";

    private static string Header(string title) =>
        $"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{Encode(title)}</title>\n" +
        $"<style>\n{Style}\n</style>\n{MathJax}\n</head>\n<body>\n";

    private static string StatusClass(NotebookResult result) =>
        "status-" + result.StatusText.Split(' ')[0];

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
