using Microsoft.DotNet.Interactive.Documents;

namespace DeepImaging.Notebooks.Tests.Publishing;

/// <summary>The site is planned before anything runs: each file is written once, each page already linked to its neighbours.</summary>
public sealed class SiteWriterTests
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "site-writer-test");

    [Fact]
    public void Each_page_and_executed_notebook_is_written_once_and_the_index_once()
    {
        var (site, writes) = Site(out var pages);

        // The notebooks finish in any order (--parallel): the second first.
        site.WriteNotebook(pages[1], Result("Second", "The end."));
        site.WriteNotebook(pages[0], Result("First", "Go on to [the second](b-second.ipynb)."));
        site.WriteNotebook(pages[2], Result("Third", "Alone."));
        site.WriteIndex([Result("First", ""), Result("Second", ""), Result("Third", "")]);

        string[] files = ["a-first.html", "a-first.ipynb", "b-second.html", "b-second.ipynb", "c/third.html", "c/third.ipynb", "conv-explorer.html", "index.html"];
        Assert.Equal(files, writes.Select(w => Path.GetRelativePath(Folder, w.Path).Replace('\\', '/')).Order(StringComparer.Ordinal));
        Assert.Equal(writes.Count, writes.Select(w => w.Path).Distinct().Count());
    }

    [Fact]
    public void A_page_written_once_already_links_to_its_neighbours_in_the_plan()
    {
        var (site, writes) = Site(out var pages);

        site.WriteNotebook(pages[1], Result("Second", "Back to [the first](a-first.ipynb) or on to [the third](c/third.ipynb)."));
        var page = Assert.Single(writes, w => w.Path.EndsWith("b-second.html", StringComparison.Ordinal)).Text;

        Assert.Contains("<a rel=\"prev\" href=\"a-first.html\" title=\"1 &#183; First\">&larr; previous</a>", page);
        Assert.Contains("<a rel=\"next\" href=\"c/third.html\" title=\"3 &#183; Third\">next &rarr;</a>", page);
        Assert.Contains("<a href=\"a-first.html\">the first</a>", page);
        Assert.Contains("<a href=\"c/third.html\">the third</a>", page);
    }

    [Fact]
    public void A_page_below_the_root_links_up_and_keeps_links_to_notebooks_outside_the_site()
    {
        var (site, writes) = Site(out var pages);

        site.WriteNotebook(pages[2], Result("Third", "See [the second](../b-second.ipynb) and [a stray copy](copy.ipynb)."));
        var page = Assert.Single(writes, w => w.Path.EndsWith("third.html", StringComparison.Ordinal)).Text;

        Assert.Contains("<a class=\"home\" href=\"../index.html\">", page);
        Assert.Contains("<a rel=\"prev\" href=\"../b-second.html\"", page);
        Assert.DoesNotContain("rel=\"next\"", page);
        Assert.Contains("<a href=\"../b-second.html\">the second</a>", page);
        Assert.Contains("<a href=\"copy.ipynb\">a stray copy</a>", page);
    }

    [Fact]
    public void Every_page_carries_the_embedded_style_sheet_and_script()
    {
        var (site, writes) = Site(out var pages);

        site.WriteNotebook(pages[0], Result("First", "Text with $x_1$."));
        var page = Assert.Single(writes, w => w.Path.EndsWith(".html", StringComparison.Ordinal)).Text;

        Assert.Contains("<style>\n/* The course site:", page);
        Assert.Contains(".site-nav {", page);
        Assert.Contains("window.diTypesetMath = function", page);
        Assert.Contains("<span class=\"math\">\\(x_1\\)</span>", page);
    }

    [Fact]
    public void A_page_that_is_not_in_the_plan_or_a_plan_with_one_path_twice_is_refused()
    {
        var (site, _) = Site(out _);

        var stray = Assert.Throws<ArgumentException>(() => site.WriteNotebook(new SitePage("d-fourth", "4 · Fourth"), Result("Fourth", "")));
        Assert.StartsWith("SiteWriter: d-fourth is not one of the site's pages", stray.Message);
        var twice = Assert.Throws<ArgumentException>(() => new SiteWriter(Folder, [new SitePage("a", "A"), new SitePage("a", "B")]));
        Assert.StartsWith("SiteWriter: two pages have the same relative path", twice.Message);
        Assert.Throws<ArgumentException>(() => site.WriteIndex([Result("First", "")]));
    }

    private static (SiteWriter Site, List<(string Path, string Text)> Writes) Site(out IReadOnlyList<SitePage> pages)
    {
        var writes = new List<(string Path, string Text)>();
        var site = new SiteWriter(Folder, [new SitePage("a-first", "1 · First"), new SitePage("b-second", "2 · Second"), new SitePage("c/third", "3 · Third")],
            (path, text) => writes.Add((path, text)));
        pages = site.Pages;
        return (site, writes);
    }

    // A notebook that ran: a markdown cell and a code cell that printed a line.
    private static NotebookResult Result(string title, string markdown)
    {
        var document = new InteractiveDocument
        {
            new InteractiveDocumentElement($"# {title}\n\n{markdown}", "markdown"),
            new InteractiveDocumentElement("Console.WriteLine(42);", "csharp"),
        };
        CellResult[] cells =
        [
            new() { Number = 1, KernelName = "markdown", Code = document.Elements[0].Contents, Status = CellStatus.Markdown },
            new()
            {
                Number = 2, KernelName = "csharp", Code = document.Elements[1].Contents, Status = CellStatus.Succeeded, ExecutionCount = 1,
                Outputs = [new CellOutput { Kind = OutputKind.StandardOutput, Text = "42\n" }],
            },
        ];
        return new NotebookResult(Path.Combine(Folder, title + ".ipynb"), title, cells, document, TimeSpan.FromSeconds(1), null);
    }
}
