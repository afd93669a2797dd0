using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DeepImaging.Notebooks.Tests.Course;

/// <summary>The published course draws its charts from the site's own plotly.js, copied once, and loads nothing from elsewhere.</summary>
[Collection(CourseRun.CollectionName)]
public class PublishedSiteTests(CourseRun run)
{
    private string Site => CourseSite.Of(run);

    private string Page(string name) => File.ReadAllText(Path.Combine(Site, name + ".html"));

    [Fact]
    public void The_site_has_one_copy_of_the_plotly_js_that_Plotly_NET_embeds()
    {
        var copies = Directory.GetFiles(Site, "*.js", SearchOption.AllDirectories);
        Assert.Equal([Path.Combine(Site, "plotly-2.28.0.min.js")], copies);
        var bytes = File.ReadAllBytes(copies[0]);
        // The SHA-256 of Plotly.NET 6.0.0's resource Plotly.NET.plotly-2.28.0.min.js (ChartHtmlTests checks it on the resource itself).
        Assert.Equal("f33191858012cf263ca873b819c5e7405538183fe3d0e1a6d7b3e577867bcc37", Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.StartsWith("/**\n* plotly.js v2.28.0", System.Text.Encoding.UTF8.GetString(bytes, 0, 40));
    }

    [Fact]
    public void Pages_with_charts_load_the_local_plotly_js_and_no_page_carries_its_own_copy()
    {
        foreach (var name in CourseNotebooks.Names)
        {
            string html = Page(name);
            bool hasCharts = html.Contains("class=\"di-chart\"");
            Assert.Equal(hasCharts, html.Contains("<script src=\"plotly-2.28.0.min.js\"></script>\n</head>"));
            Assert.DoesNotContain("data-di-plotly=", html);
            Assert.True(html.Length < 1_000_000, $"{name}.html is {html.Length:N0} characters");
        }
        Assert.Equal(6, Regex.Matches(Page("02-disease-screening"), "class=\"di-chart\"").Count);
        Assert.Equal(2, Regex.Matches(Page("05-screening-cnn"), "class=\"di-chart\"").Count);
    }

    [Fact]
    public void No_page_loads_a_script_or_style_from_another_address()
    {
        foreach (var file in Directory.GetFiles(Site, "*.html"))
        {
            string html = File.ReadAllText(file);
            Assert.DoesNotMatch("<script[^>]+src=\"(?![a-z0-9.-]+\\.js\")", html);
            Assert.DoesNotMatch("<link[^>]+href=\"[a-z]+:", html);
            Assert.DoesNotMatch("https?://(cdn|cdnjs|unpkg|cdn\\.jsdelivr)", html);
        }
    }

    [Fact]
    public void The_executed_notebooks_keep_plotly_js_once_so_they_draw_offline_in_Jupyter()
    {
        using var notebook = JsonDocument.Parse(File.ReadAllText(Path.Combine(Site, "02-disease-screening.ipynb")));
        var htmlOutputs = notebook.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")
            .SelectMany(c => c.GetProperty("outputs").EnumerateArray())
            .Where(o => o.TryGetProperty("data", out var data) && data.TryGetProperty("text/html", out _))
            .Select(o => string.Concat(o.GetProperty("data").GetProperty("text/html").EnumerateArray().Select(l => l.GetString())))
            .ToList();
        Assert.Equal(6, htmlOutputs.Count(h => h.Contains("class=\"di-chart\"")));
        Assert.Single(htmlOutputs, h => h.Contains("data-di-plotly=\"2.28.0\""));
        Assert.Contains("data-di-plotly=\"2.28.0\"", htmlOutputs.First(h => h.Contains("class=\"di-chart\"")));
    }
}
