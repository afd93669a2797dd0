using System.Text.RegularExpressions;
using DeepImaging.Notebooks.Tests.Course;

namespace DeepImaging.Notebooks.Tests.Browser;

/// <summary>
/// The published course in headless Chromium with the network cut (see <see cref="SiteVisit"/>): tensor grids, the
/// convolution trace, the SVG diagrams, the image figures and every Plotly chart render, nothing leaves the machine and
/// the console stays clean. Screenshots: artifacts/screenshots.
/// </summary>
[Collection(CourseRun.CollectionName)]
public class PublishedSiteBrowserTests(CourseRun run)
{
    private Task<SiteVisit> Visit => SiteVisit.Of(run);

    [ChromiumFact]
    public async Task No_request_leaves_the_machine()
    {
        var visit = await Visit;
        Assert.Empty(visit.RequestsThatLeft);
        Assert.Equal(1 + CourseNotebooks.Names.Length, visit.Pages.Count);
    }

    [ChromiumFact]
    public async Task The_console_shows_no_error_on_any_page()
    {
        Assert.Empty((await Visit).ConsoleErrors);
    }

    [ChromiumFact]
    public async Task Every_Plotly_chart_draws_a_plot_surface_with_size_in_place_of_its_static_drawing()
    {
        var visit = await Visit;
        var charts = visit.Pages.SelectMany(p => p.Charts.Select(c => (p.Name, Chart: c))).ToList();
        int inHtml = Directory.GetFiles(visit.Site, "*.html").Sum(f => Regex.Matches(File.ReadAllText(f), "class=\"di-chart\"").Count);
        Assert.Equal(inHtml, charts.Count);
        Assert.True(charts.Count >= 8, $"{charts.Count} charts; the course has 5 in notebook 02, 1 in 03 and 2 in 05");
        Assert.All(charts, c =>
        {
            Assert.Equal("drawn", c.Chart.Drawn);
            Assert.True(c.Chart.MainSvgs > 0, $"{c.Name}: no .main-svg");
            Assert.True(c.Chart.Plot[0] > 100 && c.Chart.Plot[1] > 100, $"{c.Name}: plot surface {c.Chart.Plot[0]} x {c.Chart.Plot[1]}");
            Assert.False(c.Chart.StaticVisible, $"{c.Name}: the static drawing is still shown");
        });
    }

    [ChromiumFact]
    public async Task Without_JavaScript_the_static_drawings_stand_in_for_the_charts()
    {
        var page = (await Visit).WithoutJavaScript!;
        Assert.Equal(6, page.Charts.Length);   // the charts of 02-disease-screening
        Assert.All(page.Charts, c =>
        {
            Assert.True(c.StaticVisible);
            Assert.True(c.StaticSvg[0] > 300 && c.StaticSvg[1] > 200, $"static drawing {c.StaticSvg[0]} x {c.StaticSvg[1]}");
            Assert.Equal(0, c.MainSvgs);
        });
    }

    [ChromiumFact]
    public async Task Tensor_grids_and_every_image_render()
    {
        var visit = await Visit;
        var convolution = visit.Pages.Single(p => p.Name == "04-convolution");
        Assert.NotEmpty(convolution.Grids);
        Assert.All(visit.Pages.SelectMany(p => p.Grids), g => Assert.True(g[0] > 0 && g[1] > 0));
        var images = visit.Pages.SelectMany(p => p.Images.Select(i => (p.Name, Image: i))).ToList();
        Assert.True(images.Count >= 20, $"{images.Count} images");
        Assert.All(images, i => Assert.True(i.Image.Loaded && i.Image.Size[0] > 10 && i.Image.Size[1] > 10, $"{i.Name}: image '{i.Image.Alt}' {i.Image.Size[0]} x {i.Image.Size[1]}, loaded {i.Image.Loaded}"));
        // The feature maps of notebook 04 are labelled with their kernels' names.
        Assert.Contains(convolution.Images, i => i.Alt == "Laplacian: spots");
        Assert.Contains(visit.Pages.Single(p => p.Name == "05-screening-cnn").Images, i => i.Alt == "filter 7");
    }

    [ChromiumFact]
    public async Task A_click_on_next_moves_every_convolution_trace_one_step_on()
    {
        var clicks = (await Visit).TraceClicks;
        Assert.Contains(clicks, c => c.Page == "04-convolution");
        Assert.All(clicks, c =>
        {
            Assert.Equal(("0", "1"), (c.Before, c.After));
            Assert.Matches(@"^step 1 of \d+$", c.PositionBefore);
            Assert.Matches(@"^step 2 of \d+$", c.PositionAfter);
        });
    }

    [ChromiumFact]
    public async Task The_svg_network_diagrams_render()
    {
        var cnn = (await Visit).Pages.Single(p => p.Name == "05-screening-cnn");
        Assert.NotEmpty(cnn.Diagrams);
        Assert.All(cnn.Diagrams, d => Assert.True(d[0] > 100 && d[1] > 50, $"diagram {d[0]} x {d[1]}"));
    }

    [ChromiumFact]
    public async Task Image_grids_wrap_at_the_page_width_instead_of_scrolling_sideways()
    {
        var visit = await Visit;
        Assert.True(visit.Pages.Sum(p => p.ImageRows) >= 5);
        Assert.All(visit.Pages, p => Assert.Equal(0, p.OverflowingRows));
        Assert.True(visit.Narrow!.ImageRows >= 2);
        Assert.Equal(0, visit.Narrow.OverflowingRows);
    }

    [ChromiumFact]
    public async Task A_screenshot_of_every_page_is_written()
    {
        var visit = await Visit;
        foreach (var page in visit.Pages)
            Assert.True(new FileInfo(Path.Combine(SiteVisit.ScreenshotFolder, page.Name + ".png")).Length > 10_000, page.Name);
        Assert.True(File.Exists(Path.Combine(SiteVisit.ScreenshotFolder, "02-disease-screening-no-javascript.png")));
    }
}
