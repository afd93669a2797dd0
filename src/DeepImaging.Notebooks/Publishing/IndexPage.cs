using System.Text;
using System.Text.RegularExpressions;
using static DeepImaging.Notebooks.SiteHtml;

namespace DeepImaging.Notebooks;

/// <summary>The site's index.html: every notebook's title linked to its page, in course order, with its status.</summary>
internal static partial class IndexPage
{
    /// <summary>The index of <paramref name="entries"/>, each notebook's run with its page.</summary>
    public static string Render(IReadOnlyList<(SitePage Page, NotebookResult Result)> entries)
    {
        var html = new StringBuilder(Head(SiteTitle));
        html.Append($"<header class=\"site-nav\"><span class=\"home\">{SiteTitle}</span></header>\n<main>\n<h1>{SiteTitle}</h1>\n");
        var failed = entries.Count(e => !e.Result.Succeeded);
        var seconds = entries.Sum(e => e.Result.Duration.TotalSeconds);
        html.Append($"<p class=\"lede\">{entries.Count} executed notebooks in course order &middot; " +
                    $"{(failed == 0 ? "all succeeded" : $"{failed} did not succeed")} &middot; {seconds:0} s of compute. " +
                    "Each page shows the code with its outputs; download the .ipynb to run it yourself.</p>\n" +
                    $"<p>Try the <a href=\"{SiteWriter.ExplorerPage}\">convolution explorer</a>: padding, stride and dilation on sliders, in the browser.</p>\n<ol class=\"toc\">\n");
        var number = 0;
        foreach (var (page, result) in entries)
        {
            number++;
            var (label, title) = SplitChapter(result.Title, number);
            var path = Encode(page.RelativePath);
            html.Append($"<li{(label.Contains('.') ? " class=\"section\"" : "")}><span class=\"num\">{Encode(label)}</span>" +
                        $"<div class=\"entry\"><a href=\"{path}.html\">{Encode(title)}</a>" +
                        $"<div class=\"details\">{result.Cells.Count} cells &middot; {result.Duration.TotalSeconds:0.0} s &middot; " +
                        $"<a href=\"{path}.ipynb\">{path}.ipynb</a></div></div>" +
                        $"<span class=\"badge {StatusClass(result)}\">{Encode(result.StatusText)}</span></li>\n");
        }
        return html.Append("</ol>\n</main>\n</body>\n</html>\n").ToString();
    }

    // "4.1 · Padding" -> ("4.1", "Padding"); a title without a chapter number keeps its position as the label.
    private static (string Label, string Title) SplitChapter(string title, int position) =>
        ChapterTitle().Match(title) is { Success: true } m ? (m.Groups[1].Value, m.Groups[2].Value) : (position.ToString(), title);

    [GeneratedRegex(@"^(\d+(?:\.\d+)*)\s+·\s+(.+)$")]
    private static partial Regex ChapterTitle();
}
