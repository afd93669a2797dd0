using System.Text.RegularExpressions;
using System.Xml.Linq;
using DeepImaging.Interactive.Charts;
using DeepImaging.Interactive.Formatters;
using DeepImaging.Metrics;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using StbImageSharp;
using static DeepImaging.Interactive.Charts.Charts;

namespace DeepImaging.Interactive.Tests.Formatters;

public partial class ChartHtmlTests
{
    private static readonly RocCurve SmallRoc = new(new[] { 0, 0, 1, 1 }, new[] { 0.1f, 0.4f, 0.35f, 0.8f });

    /// <summary>The chart's HTML without the plotly.js block (which is not XML), parsed.</summary>
    private static XElement Parse(string html) => HtmlParsing.Parse(LibraryBlock().Replace(html, ""));

    private static XElement StaticSvg(GenericChart chart) =>
        Parse(ChartHtml.Render(GenericChart.toJson(chart), includeLibrary: false)).Descendants().Single(e => e.Name.LocalName == "svg");

    private static IEnumerable<XElement> Svg(XElement svg, string name) => svg.Descendants().Where(e => e.Name.LocalName == name);

    // A logistic regression trained on four points: a training history without validation.
    private static DeepImaging.Training.TrainingHistory SmallHistory(int epochs)
    {
        var x = Tensor.From(new float[] { 0, 0, 0, 1, 1, 0, 1, 1 }, 4, 2);
        var y = Tensor.From(new float[] { 0, 1, 1, 1 }, 4, 1);
        var model = new DeepImaging.NN.Sequential(new DeepImaging.NN.Linear(2, 1, seed: 1));
        return new DeepImaging.Training.Trainer(model, new DeepImaging.NN.BceWithLogitsLoss(), new DeepImaging.Training.Sgd(model.Parameters(), 0.5f)) { Epochs = epochs, BatchSize = 4 }.Fit(x, y);
    }

    private static IEnumerable<string> Texts(XElement svg) => Svg(svg, "text").Select(t => t.Value);

    [Fact]
    public void A_chart_carries_the_plotly_js_of_plotly_net_and_no_address_outside_the_page()
    {
        string html = ChartHtml.Render(GenericChart.toJson(Roc(SmallRoc)), includeLibrary: true);
        var library = Regex.Match(html, "<script type=\"text/javascript\" data-di-plotly=\"([0-9.]+)\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(library.Success, "no plotly.js block");
        Assert.Equal("2.28.0", library.Groups[1].Value);
        Assert.Equal(PlotlyLibrary.Script, library.Groups[2].Value);
        Assert.StartsWith("/**\n* plotly.js v2.28.0", PlotlyLibrary.Script);
        Assert.True(PlotlyLibrary.Script.Length > 3_000_000);
        // The site writer lifts exactly this library into the published site (PlotlyAssets pins its SHA-256).
        Assert.Equal("f33191858012cf263ca873b819c5e7405538183fe3d0e1a6d7b3e577867bcc37",
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(PlotlyLibrary.Script))));

        // No script is loaded from anywhere, and the only address is the SVG namespace name.
        Assert.DoesNotMatch("<script[^>]*\\ssrc=", html);
        Assert.DoesNotContain("require", html.Replace(PlotlyLibrary.Script, ""));
        Assert.Equal(["http://www.w3.org/2000/svg"], AnyAddress().Matches(html.Replace(PlotlyLibrary.Script, "")).Select(m => m.Value).Distinct());
    }

    [Fact]
    public void The_chart_that_carries_plotly_js_copies_it_once_into_its_html()
    {
        string figure = GenericChart.toJson(Roc(SmallRoc));
        ChartHtml.Render(figure, includeLibrary: true); // plotly.js read once, and everything on the way compiled
        long scriptBytes = PlotlyLibrary.Script.Length * sizeof(char);

        long before = GC.GetAllocatedBytesForCurrentThread();
        string html = ChartHtml.Render(figure, includeLibrary: true);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The result itself is one copy; building it piece by piece took five more (36 MB of garbage in the kernel).
        Assert.Contains(PlotlyLibrary.Script, html);
        Assert.InRange(allocated, scriptBytes, scriptBytes + 1_000_000);
    }

    [Fact]
    public void Outside_a_kernel_every_chart_carries_plotly_js_so_its_html_stands_alone()
    {
        FormatterRegistration.RegisterAll();
        Assert.Contains("data-di-plotly=\"2.28.0\"", Roc(SmallRoc).ToDisplayString(HtmlFormatter.MimeType));
        Assert.Contains("data-di-plotly=\"2.28.0\"", Roc(SmallRoc).ToDisplayString(HtmlFormatter.MimeType));
    }

    [Fact]
    public async Task In_a_kernel_plotly_js_goes_out_with_the_first_chart_of_the_session_only()
    {
        string cell = "DeepImaging.Interactive.Charts.Charts.Roc(new RocCurve(new[] { 0, 1 }, new[] { 0.2f, 0.7f }))";
        foreach (var _ in new[] { 1, 2 })
        {
            using var session = await NotebookKernel.StartAsync();
            session.Kernel.ChildKernels.OfType<CSharpKernel>().Single().AddAssemblyReferences([typeof(GenericChart).Assembly.Location]);
            var first = await session.RunAsync(cell);
            var second = await session.RunAsync(cell);
            Assert.True(first.Succeeded, first.Error);
            Assert.Single(Regex.Matches(first.Html, "data-di-plotly="));
            Assert.Contains("class=\"di-chart\"", second.Html);
            Assert.DoesNotContain("data-di-plotly=", second.Html);
            Assert.StartsWith("Plotly chart 'ROC curve, AUC = 1.000'", second.Text);
        }
    }

    [Fact]
    public void The_script_draws_with_the_plotly_of_the_page_or_waits_for_it()
    {
        var html = Parse(ChartHtml.Render(GenericChart.toJson(Roc(SmallRoc)), includeLibrary: false));
        string script = html.Descendants("script").Single().Value;
        Assert.Contains("if (window.Plotly) draw(); else (window.diPlotlyWaiting = window.diPlotlyWaiting || []).push(draw);", script);
        Assert.Contains("window.Plotly.newPlot(host.querySelector('.di-chart-plot'), figure.data, figure.layout, config)", script);
        var chart = html.WithClass("div", "di-chart").Single();
        Assert.Equal("2.28.0", (string)chart.Attribute("data-plotly-version")!);
        Assert.Single(chart.WithClass("div", "di-chart-static"));
    }

    [Fact]
    public void Text_in_the_figure_cannot_end_the_script()
    {
        var chart = Plotly.NET.CSharp.Chart.Line<int, int, string>(new[] { 1, 2 }, new[] { 1, 2 }, Name: "</script><b>&");
        string html = ChartHtml.Render(GenericChart.toJson(chart), includeLibrary: false);
        Assert.Single(Regex.Matches(html, "</script>"));
        Assert.Contains("\\u003c/script\\u003e\\u003cb\\u003e\\u0026", html);
    }

    [Fact]
    public void The_static_roc_drawing_has_the_title_the_axis_titles_both_lines_and_the_legend()
    {
        var svg = StaticSvg(Roc(SmallRoc));
        Assert.Equal("ROC curve, AUC = 0.750", Svg(svg, "title").Single().Value);
        var texts = Texts(svg).ToHashSet();
        Assert.Superset(new HashSet<string> { "ROC curve, AUC = 0.750", "false positive rate (1 - specificity)", "true positive rate (sensitivity)", "ROC (AUC = 0.750)", "chance", "0.5" }, texts);
        Assert.DoesNotContain("-0", texts);
        var lines = Svg(svg, "polyline").ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal(5, ((string)lines[0].Attribute("points")!).Split(' ').Length); // the curve's five points
        Assert.NotNull(lines[1].Attribute("stroke-dasharray"));                   // the chance line is dashed
    }

    [Fact]
    public void The_static_confusion_matrix_writes_the_counts_on_cells_coloured_by_count()
    {
        var matrix = new ConfusionMatrix(new[] { 0, 0, 1, 1, 1 }, new[] { 0, 1, 1, 1, 0 });
        var svg = StaticSvg(ConfusionMatrix(matrix));
        var texts = Texts(svg).ToHashSet();
        // Cell values carry their own text colour (dark on light cells, white on dark), tick labels do not.
        var cells = Svg(svg, "text").Where(t => t.Attribute("fill") is not null).Select(t => (t.Value, (string)t.Attribute("fill")!)).ToList();
        Assert.Equal([("1", "#111111"), ("1", "#111111"), ("1", "#111111"), ("2", "#ffffff")], cells);
        Assert.Superset(new HashSet<string> { "predicted 0", "predicted 1", "actual 0", "actual 1" }, texts);
        // The cells are one 2x2 image: the count 2 (actual 1, predicted 1; drawn bottom right, rows reversed as in
        // the chart) is the darkest blue, the counts 1 the lightest.
        var image = Svg(svg, "image").Single();
        var png = ImageResult.FromMemory(Convert.FromBase64String(((string)image.Attribute("href")!)["data:image/png;base64,".Length..]), ColorComponents.RedGreenBlue);
        Assert.Equal((2, 2), (png.Width, png.Height));
        Assert.Equal(new byte[] { 8, 48, 107 }, png.Data[9..12]);
        Assert.Equal(new byte[] { 247, 251, 255 }, png.Data[0..3]);
    }

    [Fact]
    public void The_static_decision_boundary_shows_the_points_the_named_unlabelled_point_and_a_legend_clear_of_the_colour_bar()
    {
        var points = Tensor.From(new float[] { 0, 0, 1, 1, 0, 1 }, 3, 2);
        var chart = DecisionBoundary(x => DeepImaging.Functional.Sigmoid(x.Sum(1) - 1), points, Tensor.From(new float[] { 0, 1, 1 }, 3), resolution: 10,
            unlabelled: Tensor.From(new float[] { 0.5f, 0.5f }, 1, 2), unlabelledNames: ["P5"], classNames: ["F", "M"], xLabel: "height", yLabel: "weight");
        var svg = StaticSvg(chart);
        Assert.Equal(3, Svg(svg, "circle").Count(c => c.Parent!.Name.LocalName == "g" && (string?)c.Parent.Attribute("clip-path") is not null));
        Assert.Single(Svg(svg, "polygon"), p => p.Parent!.Attribute("clip-path") is not null); // P5's star
        Assert.Superset(new HashSet<string> { "P5", "height", "weight", "P(M)", "P5 (unlabelled)", "F", "M" }, Texts(svg).ToHashSet());

        // The legend's box ends above the plot, where the colour bar (beside the plot, same height) cannot be.
        var legendBox = Svg(svg, "g").Single(g => (string?)g.Attribute("class") == "di-legend").Elements().First();
        var colourBar = Svg(svg, "rect").Single(r => ((string?)r.Attribute("fill"))?.StartsWith("url(#di-bar-") == true);
        double legendBottom = (double)legendBox.Attribute("y")! + (double)legendBox.Attribute("height")!;
        Assert.True(legendBottom <= (double)colourBar.Attribute("y")!, $"legend bottom {legendBottom}, colour bar top {colourBar.Attribute("y")}");
    }

    [Fact]
    public void The_static_training_history_draws_both_panels_with_their_titles()
    {
        var history = SmallHistory(epochs: 4);
        var svg = StaticSvg(TrainingHistory(history));
        var texts = Texts(svg).ToList();
        Assert.Contains("loss", texts);
        Assert.Contains("accuracy", texts);
        Assert.Equal(2, texts.Count(t => t == "epoch"));
        Assert.Equal(2, Svg(svg, "polyline").Count());
        // Two plot boxes side by side, the left one ending before the right one starts.
        var boxes = Svg(svg, "rect").Where(r => (string?)r.Attribute("fill") == "rgba(229, 236, 246, 1.0)").ToList();
        Assert.Equal(2, boxes.Count);
        Assert.True((double)boxes[0].Attribute("x")! + (double)boxes[0].Attribute("width")! < (double)boxes[1].Attribute("x")!);
    }

    [Fact]
    public void Trace_types_it_cannot_draw_are_named_instead()
    {
        var bars = Plotly.NET.CSharp.Chart.Column<int, string, string>(new[] { 3, 4 }, new[] { "a", "b" });
        Assert.Contains("(no static drawing of bar traces: open the page where JavaScript runs)", Texts(StaticSvg(bars)));
    }

    [Fact]
    public void The_text_of_a_chart_is_read_from_its_objects_without_serialising_the_figure()
    {
        var chart = Roc(SmallRoc);
        ChartHtml.Text(chart); // everything on the way compiled

        long before = GC.GetAllocatedBytesForCurrentThread();
        string text = ChartHtml.Text(chart);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("Plotly chart 'ROC curve, AUC = 0.750': ROC (AUC = 0.750), chance", text);
        // Serialising it (GenericChart.toJson walks Plotly.NET's default template by reflection) allocated 114 MB.
        Assert.InRange(allocated, 1, 100_000);
    }

    [Fact]
    public void The_text_of_a_chart_with_two_panels_names_every_trace_and_an_untitled_one_has_no_title()
    {
        var history = SmallHistory(epochs: 2);
        var bars = Plotly.NET.CSharp.Chart.Column<int, string, string>(new[] { 3, 4 }, new[] { "a", "b" });

        Assert.Equal("Plotly chart 'Training: best epoch 2': train loss, train accuracy", ChartHtml.Text(TrainingHistory(history)));
        Assert.Equal("Plotly chart: bar", ChartHtml.Text(bars));
    }

    [Fact]
    public void Charts_and_image_grids_are_registered_with_html_and_a_plain_text_fallback()
    {
        FormatterRegistration.RegisterAll();
        var grid = FeatureMaps(Tensor.Zeros(2, 3, 3), labels: ["a", "b"]);
        Assert.Contains("<figcaption>a</figcaption>", grid.ToDisplayString(HtmlFormatter.MimeType));
        Assert.Equal(grid.ToString(), grid.ToDisplayString(PlainTextFormatter.MimeType));
        Assert.Equal([HtmlFormatter.MimeType, PlainTextFormatter.MimeType], Formatter.GetPreferredMimeTypesFor(typeof(ImageGrid)));
        Assert.Equal("Plotly chart 'ROC curve, AUC = 0.750': ROC (AUC = 0.750), chance", Roc(SmallRoc).ToDisplayString(PlainTextFormatter.MimeType));
        Assert.Equal([HtmlFormatter.MimeType, PlainTextFormatter.MimeType], Formatter.GetPreferredMimeTypesFor(typeof(GenericChart)));
    }

    [GeneratedRegex("<div class=\"di-plotly-library\".*?draw\\(\\); \\}\\);</script></div>", RegexOptions.Singleline)]
    private static partial Regex LibraryBlock();

    [GeneratedRegex(@"[a-z]+://[^\s""'<>)]+")]
    private static partial Regex AnyAddress();
}
