namespace DeepImaging.Notebooks;

/// <summary>
/// Addresses as seen from one page of the site: the way up to the site's root, and the page of a notebook that a
/// markdown link names by its .ipynb (a notebook's markdown links to its neighbours' files; in the site, to their pages).
/// </summary>
internal sealed class PageLinks(string relativePath, IReadOnlySet<string> pages)
{
    /// <summary>"../" once per folder the page is below the root, e.g. "../" for <c>assignments/a1</c>.</summary>
    public string Up { get; } = string.Concat(Enumerable.Repeat("../", relativePath.Count(c => c == '/')));

    /// <summary>
    /// The page for a relative link to a notebook of the site (<c>04-convolution.ipynb#stride</c> becomes
    /// <c>04-convolution.html#stride</c>); null for any other address, which is kept.
    /// </summary>
    public string? PageFor(string url)
    {
        int end = url.IndexOfAny(['?', '#']);
        string path = end < 0 ? url : url[..end], rest = end < 0 ? "" : url[end..];
        if (!path.EndsWith(".ipynb", StringComparison.Ordinal) || path.Contains(':') || path.StartsWith('/'))
            return null;
        string notebook = path[..^".ipynb".Length];
        var target = new Uri(new Uri("http://site/" + relativePath), notebook).AbsolutePath.TrimStart('/');
        return pages.Contains(Uri.UnescapeDataString(target)) ? notebook + ".html" + rest : null;
    }
}
