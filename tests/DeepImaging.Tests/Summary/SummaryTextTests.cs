using System.Globalization;
using DeepImaging.NN;

namespace DeepImaging.Tests.Summary;

public class SummaryTextTests
{
    [Fact]
    public void Counts_have_thousands_separators_whatever_the_culture()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE"); // would write 196.610.001
            Assert.Equal("196,610,001", SummaryText.Count(196_610_001));
            Assert.Equal("0", SummaryText.Count(0));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void A_sum_is_written_out_with_its_total()
    {
        Assert.Equal("12 + 5 = 17", SummaryText.Sum([12, 5]));
        Assert.Equal("1,168 = 1,168", SummaryText.Sum([1168]));
        Assert.Equal("", SummaryText.Sum([]));
        Assert.Throws<ArgumentException>(() => SummaryText.Sum([long.MaxValue, 1]));
    }

    [Fact]
    public void The_parameter_sum_adds_the_layers_that_have_parameters()
    {
        Assert.Equal("12 + 5 = 17", SummaryText.ParameterSum(ModelSummary.Dense(2, 4, 1)));
        Assert.Equal("12", SummaryText.ParameterSum(ModelSummary.Dense(2, 4)));
        var pooled = ModelSummary.Of([1, 1, 8, 8], LayerSpec.Conv2d(2, 3), LayerSpec.MaxPool2d(2), LayerSpec.Flatten(), LayerSpec.Linear(1));
        Assert.Equal("20 + 19 = 39", SummaryText.ParameterSum(pooled)); // 1 x 2 x 3 x 3 + 2 and 18 x 1 + 1
    }

    [Fact]
    public void Parameter_formulas_come_from_the_weight_shape_inputs_first()
    {
        Assert.Equal((12L, "2 x 4 + 4 = 12"), SummaryText.Parameters("Linear", [4, 2], 4));
        Assert.Equal((1168L, "8 x 16 x 3 x 3 + 16 = 1,168"), SummaryText.Parameters("Conv2d", [16, 8, 3, 3], 16));
        Assert.Equal((48L, "2 x 8 x 3 x 1 = 48"), SummaryText.Parameters("Conv2d", [8, 2, 3, 1], 0));
    }

    [Fact]
    public void Receptive_fields_read_height_x_width_and_all_once_dense()
    {
        var summary = ModelSummary.Of([1, 1, 28, 28], LayerSpec.Conv2d(4, 5), LayerSpec.Flatten(), LayerSpec.Linear(2));
        Assert.Equal(["5x5", "5x5", "28x28 (all)"], summary.Rows.Select(SummaryText.ReceptiveField));
        Assert.Equal("", SummaryText.ReceptiveField(ModelSummary.Dense(2, 4).Rows[0]));
    }
}
