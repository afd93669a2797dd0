using static DeepImaging.Notebooks.Tests.TestNotebooks;

namespace DeepImaging.Notebooks.Tests;

/// <summary>How the site writer lifts plotly.js out of outputs (the genuine library is checked on the published course, in PublishedSiteTests).</summary>
public sealed class PlotlyAssetsTests : IDisposable
{
    private readonly string site = NewFolder();

    public void Dispose() => Directory.Delete(site, recursive: true);

    private static string Block(string version, string library) =>
        "<div class=\"di-plotly-library\" hidden=\"hidden\"><script type=\"text/javascript\">window.diPlotlyAmd = window.define; window.define = undefined;</script>" +
        $"<script type=\"text/javascript\" data-di-plotly=\"{version}\">{library}</script>" +
        "<script type=\"text/javascript\">window.define = window.diPlotlyAmd;</script></div>";

    [Fact]
    public void Output_that_imitates_the_plotly_block_stays_in_its_own_page_and_writes_no_file()
    {
        var versions = new SortedSet<string>();
        string html = "<p>before</p>" + Block("2.28.0", "alert('not plotly')") + "<div class=\"di-chart\" data-plotly-version=\"2.28.0\"></div>";

        string lifted = PlotlyAssets.Lift(html, site, versions);

        Assert.Equal(html, lifted);
        Assert.Empty(Directory.GetFiles(site));
        Assert.Equal(["2.28.0"], versions);                              // its chart still asks for the site's copy...
        Assert.Equal("", PlotlyAssets.ScriptTags(versions, "", site));   // ...which a page only loads when the genuine file exists
    }

    [Fact]
    public void A_page_in_a_subfolder_loads_the_site_copy_from_the_root()
    {
        File.WriteAllText(Path.Combine(site, "plotly-2.28.0.min.js"), "// stands in for plotly.js");
        Assert.Equal("<script src=\"../plotly-2.28.0.min.js\"></script>\n", PlotlyAssets.ScriptTags(["2.28.0"], "../", site));
        Assert.Equal("plotly-2.28.0.min.js", PlotlyAssets.FileName("2.28.0"));
    }

    [Fact]
    public void A_page_without_charts_needs_no_plotly()
    {
        var versions = new SortedSet<string>();
        Assert.Equal("<p>no chart</p>", PlotlyAssets.Lift("<p>no chart</p>", site, versions));
        Assert.Empty(versions);
    }
}
