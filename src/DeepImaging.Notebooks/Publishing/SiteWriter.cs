namespace DeepImaging.Notebooks;

/// <summary>
/// Publishes executed notebooks as a static site: per notebook the executed .ipynb and an HTML page
/// (<see cref="NotebookPage"/>), plus an index.html that lists the pages in course order (<see cref="IndexPage"/>) and
/// the convolution explorer. The pages are planned before anything runs, so each is written once, as soon as its
/// notebook has run, already linked to its neighbours. Pages follow the reader's light or dark theme and need no
/// network: math is drawn by the site's small TeX typesetter (<c>site.js</c>), charts by the site's own copy of plotly.js.
/// </summary>
public sealed class SiteWriter
{
    /// <summary>The page of the convolution explorer, next to index.html (it needs no kernel: plain HTML and JavaScript).</summary>
    public const string ExplorerPage = "conv-explorer.html";

    private readonly Action<string, string> write;
    private readonly IReadOnlySet<string> paths;

    /// <summary>A site in <paramref name="outputFolder"/> whose pages are <paramref name="pages"/>, in course order.</summary>
    /// <param name="outputFolder">The site's folder.</param>
    /// <param name="pages">Every page the site will have, in the order the index and the previous/next links follow.</param>
    /// <exception cref="ArgumentException">Two pages have the same relative path.</exception>
    public SiteWriter(string outputFolder, IReadOnlyList<SitePage> pages) : this(outputFolder, pages, AtomicFile.WriteAllText)
    {
    }

    /// <summary>A site whose files are written by <paramref name="write"/> (path, text): tests see every write.</summary>
    internal SiteWriter(string outputFolder, IReadOnlyList<SitePage> pages, Action<string, string> write)
    {
        ArgumentNullException.ThrowIfNull(pages);
        OutputFolder = Path.GetFullPath(outputFolder);
        Pages = pages;
        paths = pages.Select(p => p.RelativePath).ToHashSet(StringComparer.Ordinal);
        if (paths.Count != pages.Count)
            throw new ArgumentException("SiteWriter: two pages have the same relative path; give each notebook its own.", nameof(pages));
        this.write = write;
    }

    /// <summary>The site's folder (full path).</summary>
    public string OutputFolder { get; }

    /// <summary>The site's pages, in course order.</summary>
    public IReadOnlyList<SitePage> Pages { get; }

    /// <summary>Writes <paramref name="page"/>'s executed notebook (.ipynb) and its HTML page, linked to its neighbours in the plan.</summary>
    /// <param name="page">One of <see cref="Pages"/>.</param>
    /// <param name="result">The run of its notebook.</param>
    /// <exception cref="ArgumentException"><paramref name="page"/> is not a page of this site.</exception>
    public void WriteNotebook(SitePage page, NotebookResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        int i = IndexOf(page);
        var (previous, next) = (i > 0 ? Pages[i - 1] : null, i + 1 < Pages.Count ? Pages[i + 1] : null);
        write(Path.Combine(OutputFolder, page.RelativePath + ".ipynb"), result.ToJupyterJson());
        write(Path.Combine(OutputFolder, page.RelativePath + ".html"),
            NotebookPage.Render(result, page, previous, next, new PageLinks(page.RelativePath, paths), OutputFolder));
    }

    /// <summary>Writes index.html (every page with its run's status, in course order) and the convolution explorer's page.</summary>
    /// <param name="results">The run of each page's notebook, in the order of <see cref="Pages"/>.</param>
    /// <exception cref="ArgumentException">There is not one result per page.</exception>
    public void WriteIndex(IReadOnlyList<NotebookResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count != Pages.Count)
            throw new ArgumentException($"SiteWriter.WriteIndex: {results.Count} results for {Pages.Count} pages; give one per page, in their order.", nameof(results));
        write(Path.Combine(OutputFolder, "index.html"), IndexPage.Render([.. Pages.Zip(results)]));
        write(Path.Combine(OutputFolder, ExplorerPage), DeepImaging.Explain.ConvExplorer.Page("index.html", SiteHtml.SiteTitle));
    }

    private int IndexOf(SitePage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        for (int i = 0; i < Pages.Count; i++)
            if (Pages[i] == page)
                return i;
        throw new ArgumentException($"SiteWriter: {page.RelativePath} is not one of the site's pages; plan every page when the SiteWriter is made.", nameof(page));
    }
}
