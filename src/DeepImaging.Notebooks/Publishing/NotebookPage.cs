using System.Text;
using static DeepImaging.Notebooks.SiteHtml;

namespace DeepImaging.Notebooks;

/// <summary>
/// The HTML page of one executed notebook: its cells with their outputs (formatter HTML, SVG and Plotly charts as they
/// are, except that plotly.js moves into the site's shared file, see <see cref="PlotlyAssets"/>), and links to the
/// notebooks before and after it in the course.
/// </summary>
internal static class NotebookPage
{
    /// <summary>The page for <paramref name="result"/>, published as <paramref name="page"/> in <paramref name="siteFolder"/>.</summary>
    public static string Render(NotebookResult result, SitePage page, SitePage? previous, SitePage? next, PageLinks links, string siteFolder)
    {
        string Link(SitePage other) => Encode(links.Up + other.RelativePath) + ".html";
        var plotlyVersions = new SortedSet<string>(StringComparer.Ordinal);
        var html = new StringBuilder();
        html.Append($"<header class=\"site-nav\"><a class=\"home\" href=\"{links.Up}index.html\">&larr; {SiteTitle}</a>" +
                    $"<span class=\"here\">{Encode(result.Title)}</span><span class=\"steps\">");
        if (previous is not null) html.Append($"<a rel=\"prev\" href=\"{Link(previous)}\" title=\"{Encode(previous.Title)}\">&larr; previous</a>");
        if (next is not null) html.Append($"<a rel=\"next\" href=\"{Link(next)}\" title=\"{Encode(next.Title)}\">next &rarr;</a>");
        html.Append("</span></header>\n<main>\n");
        html.Append($"<div class=\"meta\"><span class=\"badge {StatusClass(result)}\">{Encode(result.StatusText)}</span>" +
                    $"<span>{result.Duration.TotalSeconds:0.0} s</span><span>{result.Cells.Count} cells</span>" +
                    $"<a href=\"{Encode(Path.GetFileName(page.RelativePath))}.ipynb\" download>download notebook</a></div>\n");
        if (result.KernelError is { } kernelError)
            html.Append($"<div class=\"output error\"><pre>{Encode(kernelError)}</pre></div>\n");
        foreach (var cell in result.Cells)
        {
            if (cell.Status == CellStatus.Markdown)
                html.Append("<div class=\"cell markdown\">\n").Append(MarkdownToHtml.Convert(cell.Code, links.PageFor)).Append("</div>\n");
            else
                AppendCodeCell(html, cell, plotlyVersions, siteFolder);
        }
        if (previous is not null || next is not null)
        {
            html.Append("<nav class=\"pager\">");
            if (previous is not null)
                html.Append($"<a class=\"previous\" rel=\"prev\" href=\"{Link(previous)}\"><small>&larr; previous</small>{Encode(previous.Title)}</a>");
            if (next is not null)
                html.Append($"<a class=\"next\" rel=\"next\" href=\"{Link(next)}\"><small>next &rarr;</small>{Encode(next.Title)}</a>");
            html.Append("</nav>\n");
        }
        html.Append("</main>\n").Append(Script).Append("</body>\n</html>\n");
        // The head comes last: only now is it known which plotly.js the page's charts need.
        return Head(result.Title, PlotlyAssets.ScriptTags(plotlyVersions, links.Up, siteFolder)) + html;
    }

    private static void AppendCodeCell(StringBuilder html, CellResult cell, ISet<string> plotlyVersions, string siteFolder)
    {
        var prompt = cell.ExecutionCount > 0 ? $"In [{cell.ExecutionCount}]" : "In [ ]";
        var (note, state) = cell.Status switch
        {
            CellStatus.NotRun => (" not run (an earlier cell failed)", " not-run"),
            CellStatus.Failed => (" failed", " failed"),
            CellStatus.TimedOut => (" timed out", " failed"),
            _ => ("", ""),
        };
        html.Append($"<div class=\"cell code{state}\" id=\"cell-{cell.Number}\"><div class=\"prompt\">{prompt}" +
                    (note.Length > 0 ? $"<span class=\"note\">{note}</span>" : "") + "</div>" +
                    $"<pre><code>{Encode(cell.Code)}</code></pre>\n");
        // Package loading prints long install and extension messages: folded away unless something went wrong.
        var fold = cell.Status == CellStatus.Succeeded && cell.Outputs.Count > 0 && cell.Code.TrimStart().StartsWith("#r ", StringComparison.Ordinal);
        if (fold) html.Append("<details class=\"setup-output\"><summary>package loading output</summary>\n");
        foreach (var output in cell.Outputs)
            html.Append(PlotlyAssets.Lift(Output(output), siteFolder, plotlyVersions));
        if (fold) html.Append("</details>\n");
        html.Append("</div>\n");
    }

    private static string Output(CellOutput output) => output.Kind switch
    {
        OutputKind.StandardOutput => $"<div class=\"output stdout\"><pre>{Encode(output.Text)}</pre></div>\n",
        OutputKind.StandardError => $"<div class=\"output stderr\"><pre>{Encode(output.Text)}</pre></div>\n",
        OutputKind.Error => $"<div class=\"output error\"><pre>{Encode(output.ErrorName + ": " + output.ErrorValue)}</pre></div>\n",
        _ => $"<div class=\"output\">{Bundle(output.Data)}</div>\n",
    };

    // The richest form the bundle has: HTML (formatters, SVG, charts) as it is, then SVG, PNG, markdown, plain text.
    private static string Bundle(IReadOnlyDictionary<string, string> data) =>
        data.TryGetValue("text/html", out var html) ? html
        : data.TryGetValue("image/svg+xml", out var svg) ? svg
        : data.TryGetValue("image/png", out var png) ? $"<img src=\"data:image/png;base64,{png.Trim()}\">"
        : data.TryGetValue("text/markdown", out var markdown) ? MarkdownToHtml.Convert(markdown)
        : data.TryGetValue("text/plain", out var plain) ? $"<pre>{Encode(plain)}</pre>"
        : "";
}
