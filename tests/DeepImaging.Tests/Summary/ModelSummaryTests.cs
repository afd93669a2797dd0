using System.Globalization;
using DeepImaging.NN;

namespace DeepImaging.Tests.Summary;

public class ModelSummaryTests
{
    [Fact]
    public void Dense_2_to_4_has_12_parameters_with_the_formula_written_out()
    {
        var summary = ModelSummary.Dense(2, 4);
        var row = Assert.Single(summary.Rows);
        Assert.Equal(new LayerSummary("0", "Linear", row.OutputShape, 12, "2 x 4 + 4 = 12", 8), row);
        Assert.Equal([1, 4], row.OutputShape);
        Assert.Equal(12, summary.TotalParameters);
        Assert.Equal(48, summary.ParameterBytes);
    }

    [Fact]
    public void Dense_2_4_1_adds_4_x_1_plus_1_for_17()
    {
        var summary = ModelSummary.Dense(2, 4, 1);
        Assert.Equal(["2 x 4 + 4 = 12", "4 x 1 + 1 = 5"], summary.Rows.Select(r => r.ParameterFormula));
        Assert.Equal(17, summary.TotalParameters);
        Assert.Equal(8 + 4, summary.TotalMultAdds);
        Assert.Equal([1, 1], summary.OutputShape);
        Assert.Equal(17, new Sequential(new Linear(2, 4), new ReLU(), new Linear(4, 1)).ParameterCount);
    }

    [Fact]
    public void Dense_196608_1000_1_counts_196610001_without_allocating_the_weights()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var summary = ModelSummary.Dense(196608, 1000, 1);
        string text = summary.ToString();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(196_610_001, summary.TotalParameters);
        Assert.Equal("196,608 x 1,000 + 1,000 = 196,609,000", summary.Rows[0].ParameterFormula);
        Assert.Equal("1,000 x 1 + 1 = 1,001", summary.Rows[1].ParameterFormula);
        Assert.Equal(786_440_004, summary.ParameterBytes);
        Assert.Contains("Total parameters: 196,610,001", text);
        Assert.Contains("786,440,004 bytes = 786.44 MB", text);
        Assert.True(allocated < 1_000_000, $"the summary allocated {allocated:N0} bytes; the weights would need 786 MB");
    }

    [Fact]
    public void Numbers_use_comma_thousands_separators_whatever_the_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Contains("196,610,001", ModelSummary.Dense(196608, 1000, 1).ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    // Worked by hand for [1, 1, 28, 28]:
    //   Conv2d(1, 8, 3, padding 1): [1, 8, 28, 28], 1 x 8 x 3 x 3 + 8 = 80 parameters, 8·28·28·1·9 = 56,448 mult-adds
    //   ReLU, MaxPool2d(2):         [1, 8, 14, 14]
    //   Conv2d(8, 16, 3):           [1, 16, 12, 12], 8 x 16 x 3 x 3 + 16 = 1,168, 16·12·12·8·9 = 165,888
    //   MaxPool2d(2), Flatten:      [1, 16, 6, 6] -> [1, 576]
    //   Linear(576, 10):            [1, 10], 576 x 10 + 10 = 5,770, 5,760 mult-adds
    //   Total 7,018 parameters, 228,096 mult-adds.
    private static Sequential SmallCnn() => new(
        new Conv2d(1, 8, 3, padding: 1), new ReLU(), new MaxPool2d(2),
        new Conv2d(8, 16, 3), new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(576, 10));

    [Fact]
    public void Small_cnn_summary_matches_the_hand_worked_numbers()
    {
        var summary = ModelSummary.Of(SmallCnn(), 1, 1, 28, 28);
        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7"], summary.Rows.Select(r => r.Name));
        Assert.Equal(["Conv2d", "ReLU", "MaxPool2d", "Conv2d", "ReLU", "MaxPool2d", "Flatten", "Linear"], summary.Rows.Select(r => r.Type));
        Assert.Equal(new[] { new[] { 1, 8, 28, 28 }, [1, 8, 28, 28], [1, 8, 14, 14], [1, 16, 12, 12], [1, 16, 12, 12], [1, 16, 6, 6], [1, 576], [1, 10] },
            summary.Rows.Select(r => r.OutputShape));
        Assert.Equal(["1 x 8 x 3 x 3 + 8 = 80", "", "", "8 x 16 x 3 x 3 + 16 = 1,168", "", "", "", "576 x 10 + 10 = 5,770"], summary.Rows.Select(r => r.ParameterFormula));
        Assert.Equal([56_448L, 0, 0, 165_888, 0, 0, 0, 5_760], summary.Rows.Select(r => r.MultAdds));
        Assert.Equal(7_018, summary.TotalParameters);
        Assert.Equal(SmallCnn().ParameterCount, summary.TotalParameters);
        Assert.Equal(228_096, summary.TotalMultAdds);
        Assert.Equal(28_072, summary.ParameterBytes);
        // The summary's shape arithmetic agrees with a real forward pass.
        Assert.Equal([1, 10], SmallCnn().Forward(Tensor.Zeros(1, 1, 28, 28)).Shape);
    }

    [Fact]
    public void Layer_specs_give_the_same_summary_as_the_built_model()
    {
        var fromModel = ModelSummary.Of(SmallCnn(), 1, 1, 28, 28);
        var fromSpecs = ModelSummary.Of([1, 1, 28, 28],
            LayerSpec.Conv2d(8, 3, padding: 1), LayerSpec.ReLU(), LayerSpec.MaxPool2d(2),
            LayerSpec.Conv2d(16, 3), LayerSpec.ReLU(), LayerSpec.MaxPool2d(2), LayerSpec.Flatten(), LayerSpec.Linear(10));
        Assert.Equal(fromModel.ToString(), fromSpecs.ToString());
    }

    [Fact]
    public void Conv2d_formula_is_in_over_groups_times_out_times_kernel_plus_out()
    {
        var rgb = ModelSummary.Of([1, 3, 32, 32], LayerSpec.Conv2d(16, 3));
        Assert.Equal("3 x 16 x 3 x 3 + 16 = 448", rgb.Rows[0].ParameterFormula);
        Assert.Equal([1, 16, 30, 30], rgb.Rows[0].OutputShape);
        var grouped = ModelSummary.Of(new Conv2d(8, 8, 3, stride: 2, padding: 1, groups: 2, bias: false), 4, 8, 9, 9);
        Assert.Equal("4 x 8 x 3 x 3 = 288", grouped.Rows[0].ParameterFormula);
        Assert.Equal([4, 8, 5, 5], grouped.OutputShape);
        Assert.Equal(4L * 8 * 5 * 5 * 4 * 9, grouped.TotalMultAdds);
    }

    [Fact]
    public void A_shape_mismatch_names_the_layer_index()
    {
        var model = new Sequential(new Conv2d(1, 8, 3), new Flatten(), new Linear(100, 10));
        var e = Assert.Throws<ArgumentException>(() => ModelSummary.Of(model, 1, 1, 28, 28));
        Assert.StartsWith("Sequential: layer 2 (Linear) cannot take an input of shape [1, 5408]: Linear(in_features=100, out_features=10, bias=True): input has 5408 features", e.Message);

        e = Assert.Throws<ArgumentException>(() => ModelSummary.Of([1, 3, 8, 8], LayerSpec.MaxPool2d(4), LayerSpec.Conv2d(4, 5)));
        Assert.StartsWith("ModelSummary: layer 1 (Conv2d) cannot take an input of shape [1, 3, 2, 2]:", e.Message);

        var nested = new Sequential(new Linear(4, 4), new Sequential(new ReLU(), new Linear(5, 1)));
        e = Assert.Throws<ArgumentException>(() => ModelSummary.Of(nested, 2, 4));
        Assert.StartsWith("Sequential: layer 1.1 (Linear)", e.Message);
    }

    [Fact]
    public void Nested_sequentials_are_expanded_with_dotted_names()
    {
        var model = new Sequential(new Sequential(new Linear(2, 4), new Tanh()), new Linear(4, 1));
        var summary = ModelSummary.Of(model, 3, 2);
        Assert.Equal(["0.0", "0.1", "1"], summary.Rows.Select(r => r.Name));
        var whole = model.Describe([3, 2]);
        Assert.Equal("12 + 5 = 17", whole.ParameterFormula);
        Assert.Equal([3, 1], whole.OutputShape);
        Assert.Equal(3L * (8 + 4), whole.MultAdds);
    }

    [Fact]
    public void A_custom_module_without_Describe_is_refused_rather_than_guessed()
    {
        var e = Assert.Throws<NotSupportedException>(() => ModelSummary.Of(new Doubler(), 1, 2));
        Assert.Contains("Doubler does not describe its output shape", e.Message);
    }

    private sealed class Doubler : Module
    {
        public override Tensor Forward(Tensor input) => input * 2f;
    }

    [Fact]
    public void The_table_is_aligned_and_lists_totals()
    {
        string text = ModelSummary.Of(new Sequential(new Linear(2, 4), new ReLU(), new Linear(4, 1)), 1, 2).ToString();
        var lines = text.Split('\n');
        Assert.StartsWith("Layer (type)", lines[0]);
        int paramEnd = lines[0].IndexOf("Param #", StringComparison.Ordinal) + "Param #".Length;
        Assert.StartsWith("0 (Linear)", lines[2]);
        Assert.Equal(paramEnd, lines[2].IndexOf("12", StringComparison.Ordinal) + 2);
        Assert.Equal(paramEnd, lines[3].IndexOf("--", StringComparison.Ordinal) + 2);
        Assert.Equal(paramEnd, lines[4].IndexOf(" 5 ", StringComparison.Ordinal) + 2);
        Assert.Contains("4 x 1 + 1 = 5", lines[4]);
        Assert.Contains("Total parameters: 17", text);
        Assert.Contains("Total mult-adds: 12", text);
        Assert.Contains("68 bytes = 0.00 MB", text);
    }
}
