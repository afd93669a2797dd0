using DeepImaging.Metrics;

namespace DeepImaging.Tests.Metrics;

public class BinaryMetricsTests
{
    // Ten patients, label 1 = disease:
    //   actual    1 1 1 1 0 0 0 0 0 0
    //   predicted 1 1 1 0 1 0 0 0 0 0
    // TP = 3 (first three), FN = 1 (fourth), FP = 1 (fifth), TN = 5 (last five).
    private static readonly int[] Actual = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0];
    private static readonly int[] Predicted = [1, 1, 1, 0, 1, 0, 0, 0, 0, 0];

    [Fact]
    public void Counts_and_rates_match_a_hand_worked_screening_example()
    {
        var m = BinaryMetrics.From(Actual, Predicted);

        Assert.Equal((3, 1, 5, 1), (m.TruePositives, m.FalsePositives, m.TrueNegatives, m.FalseNegatives));
        Assert.Equal(8.0 / 10, m.Accuracy);            // (3 + 5) / 10
        Assert.Equal(3.0 / 4, m.Sensitivity);          // 3 / (3 + 1)
        Assert.Equal(m.Sensitivity, m.Recall);
        Assert.Equal(5.0 / 6, m.Specificity);          // 5 / (5 + 1)
        Assert.Equal(3.0 / 4, m.Precision);            // 3 / (3 + 1)
        Assert.Equal(5.0 / 6, m.NegativePredictiveValue); // 5 / (5 + 1)
        Assert.Equal(6.0 / 8, m.F1);                   // 2*3 / (2*3 + 1 + 1); also 2PR/(P+R) = 2(.75)(.75)/1.5
        Assert.Equal((4, 6, 10), (m.Positives, m.Negatives, m.Total));
    }

    [Fact]
    public void Choosing_label_0_as_positive_swaps_the_roles_of_the_classes()
    {
        // Label 0 positive (as for malignant tumours in the breast cancer file):
        // TP = actual 0 & predicted 0 = 5, FN = actual 0 & predicted 1 = 1,
        // FP = actual 1 & predicted 0 = 1, TN = actual 1 & predicted 1 = 3.
        var m = BinaryMetrics.From(Actual, Predicted, positiveLabel: 0);

        Assert.Equal((5, 1, 3, 1), (m.TruePositives, m.FalsePositives, m.TrueNegatives, m.FalseNegatives));
        Assert.Equal(5.0 / 6, m.Sensitivity);
        Assert.Equal(3.0 / 4, m.Specificity);
    }

    [Fact]
    public void Rates_with_an_empty_denominator_are_NaN_but_F1_is_0_when_there_are_only_errors()
    {
        // No actual positive: sensitivity 0/0 is undefined. One false alarm: precision 0/1 = 0, F1 = 0/(0+1+0) = 0.
        var noPositives = BinaryMetrics.From([0, 0, 0], [0, 0, 1]);
        Assert.True(double.IsNaN(noPositives.Sensitivity));
        Assert.Equal(0.0, noPositives.Precision);
        Assert.Equal(0.0, noPositives.F1);
        Assert.Equal(2.0 / 3, noPositives.Specificity);

        // Nothing positive anywhere: precision and F1 are 0/0, specificity is 3/3.
        var allNegative = BinaryMetrics.From([0, 0, 0], [0, 0, 0]);
        Assert.True(double.IsNaN(allNegative.Precision));
        Assert.True(double.IsNaN(allNegative.F1));
        Assert.True(double.IsNaN(allNegative.Sensitivity));
        Assert.Equal(1.0, allNegative.Specificity);

        // No actual negative: specificity is undefined.
        Assert.True(double.IsNaN(BinaryMetrics.From([1, 1], [1, 0]).Specificity));
    }

    [Fact]
    public void Tensor_inputs_give_the_same_counts_as_arrays()
    {
        var actual = Tensor.From(Actual.Select(v => (float)v).ToArray(), 10, 1);
        var predicted = Tensor.From(Predicted.Select(v => (float)v).ToArray(), 10);

        var m = BinaryMetrics.From(actual, predicted);

        Assert.Equal((3, 1, 5, 1), (m.TruePositives, m.FalsePositives, m.TrueNegatives, m.FalseNegatives));
    }

    [Fact]
    public void Mismatched_empty_or_fractional_inputs_are_rejected_with_a_clear_message()
    {
        var lengths = Assert.Throws<ArgumentException>(() => BinaryMetrics.From([1, 0, 1], [1, 0]));
        Assert.Contains("3 actual labels but 2 predictions", lengths.Message);

        var empty = Assert.Throws<ArgumentException>(() => BinaryMetrics.From(Array.Empty<int>(), Array.Empty<int>()));
        Assert.Contains("no samples", empty.Message);

        var fractional = Assert.Throws<ArgumentException>(() => BinaryMetrics.From(Tensor.From([0f, 0.5f], 2), Tensor.From([0f, 1f], 2)));
        Assert.Contains("0.5 at index 1 is not a whole number", fractional.Message);

        var logits = Assert.Throws<ArgumentException>(() => BinaryMetrics.From(Tensor.Zeros(2), Tensor.Zeros(2, 2)));
        Assert.Contains("[2, 2]", logits.Message);
        Assert.Contains("ArgMax(1)", logits.Message);

        Assert.Throws<ArgumentException>(() => new BinaryMetrics(1, -1, 0, 0));
    }
}
