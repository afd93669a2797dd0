using System.Net;

namespace DeepImaging.Notebooks;

/// <summary>
/// What every page of the site shares: the head with the embedded style sheet (<c>site.css</c>), the script
/// (<c>site.js</c>), escaping and status badges. Pages carry both inline, so each reads alone, offline.
/// </summary>
internal static class SiteHtml
{
    /// <summary>The site's title, shown in every page's navigation bar.</summary>
    public const string SiteTitle = "Course notebooks";

    private static readonly string Style = Resource("site.css");

    /// <summary>The script element of <c>site.js</c>: TeX typesetting and C# colouring.</summary>
    public static readonly string Script = $"<script>\n{Resource("site.js")}</script>\n";

    /// <summary>The start of a page, up to the opening body tag; <paramref name="scripts"/> go in the head.</summary>
    public static string Head(string title, string scripts = "") =>
        $"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n" +
        $"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{Encode(title)}</title>\n" +
        $"<style>\n{Style}</style>\n{scripts}</head>\n<body>\n";

    /// <summary>Text made safe for element content and attribute values.</summary>
    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>The badge class of a notebook's status: <c>status-succeeded</c>, <c>status-failed</c>, <c>status-timed</c>.</summary>
    public static string StatusClass(NotebookResult result) => "status-" + result.StatusText.Split(' ')[0];

    private static string Resource(string file)
    {
        string name = $"DeepImaging.Notebooks.Publishing.{file}";
        using var stream = typeof(SiteHtml).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The tool's assembly lacks its resource {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
