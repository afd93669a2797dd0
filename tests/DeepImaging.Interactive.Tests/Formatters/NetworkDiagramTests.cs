using DeepImaging.Interactive.Formatters;
using DeepImaging.NN;

namespace DeepImaging.Interactive.Tests.Formatters;

public class NetworkDiagramTests
{
    private static readonly System.Xml.Linq.XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void The_notes_2_4_1_network_has_7_nodes_and_12_edges()
    {
        var html = HtmlParsing.Parse(NetworkDiagramHtml.Render(NetworkDiagram.FromSizes(2, 4, 1)));
        Assert.Equal(7, html.Descendants(Svg + "circle").Count());
        Assert.Equal(2 * 4 + 4 * 1, html.Descendants(Svg + "line").Count());
        var labels = html.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Equal(new[] { "x1", "x2", "a1", "a2", "a3", "a4", "Y" }, labels.Where(l => l.Length <= 2));
        Assert.Contains("17 parameters", html.WithClass("div", "di-caption").Single().Value);
    }

    [Fact]
    public void A_sequential_model_merges_activations_into_the_layer_before()
    {
        var model = new Sequential(new Linear(2, 4), new ReLU(), new Linear(4, 1), new Sigmoid());
        var diagram = NetworkDiagram.FromModel(model);
        Assert.True(diagram.DrawsNodes);
        Assert.Equal(new[] { "input", "Linear + ReLU", "Linear + Sigmoid" }, diagram.Layers.Select(l => l.Title));
        var html = HtmlParsing.Parse(NetworkDiagramHtml.Render(diagram));
        Assert.Equal(7, html.Descendants(Svg + "circle").Count());
        Assert.Equal(12, html.Descendants(Svg + "line").Count());
    }

    [Fact]
    public void A_wide_layer_switches_to_blocks_with_shapes_and_parameter_counts()
    {
        var diagram = NetworkDiagram.FromSizes(196608, 1000, 1);
        Assert.False(diagram.DrawsNodes);
        var html = HtmlParsing.Parse(NetworkDiagramHtml.Render(diagram));
        Assert.Empty(html.Descendants(Svg + "circle"));
        Assert.Equal(3, html.Descendants(Svg + "rect").Count());
        var text = html.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("[1, 1000]", text);
        Assert.Contains("196,609,000 parameters", text); // 196608 x 1000 + 1000
        Assert.Contains("196,610,001 parameters", html.WithClass("div", "di-caption").Single().Value);
    }

    [Fact]
    public void A_cnn_is_drawn_as_blocks_with_feature_map_shapes()
    {
        var model = new Sequential(new Conv2d(1, 4, 3, padding: 1), new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(4 * 4 * 4, 2));
        var diagram = NetworkDiagram.FromModel(model, 1, 1, 8, 8);
        Assert.False(diagram.DrawsNodes);
        var html = HtmlParsing.Parse(NetworkDiagramHtml.Render(diagram));
        Assert.Equal(5, html.Descendants(Svg + "rect").Count()); // input, conv+relu, pool, flatten, linear
        var text = html.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("Conv2d + ReLU", text);
        Assert.Contains("[1, 4, 8, 8]", text);
        Assert.Contains("40 parameters", text); // 1 x 4 x 3 x 3 + 4
    }

    [Fact]
    public void A_model_not_starting_with_Linear_needs_an_input_shape()
    {
        var error = Assert.Throws<ArgumentException>(() => NetworkDiagram.FromModel(new Sequential(new Conv2d(1, 2, 3))));
        Assert.Contains("input shape", error.Message);
    }
}
