using DeepImaging.Interactive.Formatters;
using DeepImaging.NN;

namespace DeepImaging.Interactive.Tests.Formatters;

public class ModelSummaryHtmlTests
{
    [Fact]
    public void The_2_4_1_summary_has_one_row_per_layer_with_formula_and_totals()
    {
        var html = HtmlParsing.Parse(ModelSummaryHtml.Render(ModelSummary.Dense(2, 4, 1)));
        var rows = html.Descendants("tbody").Single().Elements("tr").Select(tr => tr.Elements("td").Select(td => td.Value).ToArray()).ToList();
        Assert.Equal(3, rows.Count); // input + two Linear layers
        Assert.Equal(new[] { "0", "Linear", "[1, 4]", "12", "2 x 4 + 4 = 12", "8" }, rows[1]);
        Assert.Equal("5", rows[2][3]);
        var total = html.Descendants("tfoot").Single().Descendants("td").Select(td => td.Value).ToArray();
        Assert.Equal("17", total[1]);
        Assert.Contains("17 parameters × 4 bytes (float32) = 0.0001 MB", html.WithClass("div", "di-caption").Single().Value);
    }

    [Fact]
    public void Large_counts_get_thousands_separators_and_memory_in_MB()
    {
        var html = HtmlParsing.Parse(ModelSummaryHtml.Render(ModelSummary.Dense(196608, 1000, 1)));
        Assert.Equal("196,610,001", html.Descendants("tfoot").Single().Descendants("td").ElementAt(1).Value);
        Assert.Contains("= 786.44 MB", html.WithClass("div", "di-caption").Single().Value);
    }

    [Fact]
    public void An_image_model_gets_a_receptive_field_column()
    {
        var summary = ModelSummary.Of(new Sequential(new Conv2d(1, 4, 3), new MaxPool2d(2), new Flatten(), new Linear(4 * 13 * 13, 2)), 1, 1, 28, 28);
        var html = HtmlParsing.Parse(ModelSummaryHtml.Render(summary));
        Assert.Equal("Receptive field", html.Descendants("th").Last().Value);
        var fields = html.Descendants("tbody").Single().Elements("tr").Select(tr => tr.Elements("td").Last().Value).ToArray();
        Assert.Equal(new[] { "1x1", "3x3", "4x4", "4x4", "28x28 (all)" }, fields);
    }

    [Fact]
    public void A_dense_model_on_features_has_no_receptive_field_column()
    {
        var html = HtmlParsing.Parse(ModelSummaryHtml.Render(ModelSummary.Dense(2, 4, 1)));
        Assert.DoesNotContain(html.Descendants("th"), th => th.Value == "Receptive field");
    }
}
