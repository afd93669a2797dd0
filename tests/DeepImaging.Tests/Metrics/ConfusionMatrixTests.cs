using DeepImaging.Metrics;

namespace DeepImaging.Tests.Metrics;

public class ConfusionMatrixTests
{
    [Fact]
    public void A_binary_matrix_puts_actual_classes_in_rows_and_predictions_in_columns()
    {
        //   actual    1 1 1 1 0 0 0 0 0 0
        //   predicted 1 1 1 0 1 0 0 0 0 0
        // row 0 (actual 0): predicted 0 five times, 1 once; row 1 (actual 1): predicted 0 once, 1 three times.
        var cm = new ConfusionMatrix([1, 1, 1, 1, 0, 0, 0, 0, 0, 0], [1, 1, 1, 0, 1, 0, 0, 0, 0, 0]);

        Assert.Equal([0, 1], cm.Labels);
        Assert.Equal(new int[,] { { 5, 1 }, { 1, 3 } }, cm.Counts);
        Assert.Equal(1, cm.PositiveLabel);
        Assert.Equal((3, 1, 5, 1), (cm.TruePositives, cm.FalsePositives, cm.TrueNegatives, cm.FalseNegatives));
        Assert.Equal(0.8, cm.Accuracy);
        Assert.Equal(0.75, cm.Sensitivity);
        Assert.Equal(5.0 / 6, cm.Specificity);
        Assert.Equal(0.75, cm.Precision);
        Assert.Equal(0.75, cm.F1);
        Assert.Equal(1, cm.Count(actualLabel: 0, predictedLabel: 1));
    }

    [Fact]
    public void A_multi_class_matrix_counts_every_pair_and_gives_one_vs_rest_rates()
    {
        // actual    0 0 1 1 1 2 2 2 2
        // predicted 0 1 1 1 2 2 2 0 2
        // row 0: 1 0->0, 1 0->1          -> [1, 1, 0]
        // row 1: 2 1->1, 1 1->2          -> [0, 2, 1]
        // row 2: 1 2->0, 3 2->2          -> [1, 0, 3]
        // accuracy = (1 + 2 + 3) / 9.
        // Class 2 against the rest: TP = 3, FP = column 2 off-diagonal = 0 + 1 = 1,
        // FN = row 2 off-diagonal = 1 + 0 = 1, TN = 9 - 3 - 1 - 1 = 4.
        var cm = new ConfusionMatrix([0, 0, 1, 1, 1, 2, 2, 2, 2], [0, 1, 1, 1, 2, 2, 2, 0, 2]);

        Assert.Equal(new int[,] { { 1, 1, 0 }, { 0, 2, 1 }, { 1, 0, 3 } }, cm.Counts);
        Assert.Equal(6.0 / 9, cm.Accuracy);
        var two = cm.ForClass(2);
        Assert.Equal((3, 1, 4, 1), (two.TruePositives, two.FalsePositives, two.TrueNegatives, two.FalseNegatives));
        Assert.Equal(0.75, two.Sensitivity);
        Assert.Equal(0.8, two.Specificity);
        Assert.Null(cm.PositiveLabel);
        var error = Assert.Throws<InvalidOperationException>(() => cm.TruePositives);
        Assert.Contains("3 labels [0, 1, 2]", error.Message);

        var withPositive = new ConfusionMatrix([0, 0, 1, 1, 1, 2, 2, 2, 2], [0, 1, 1, 1, 2, 2, 2, 0, 2], positiveLabel: 2);
        Assert.Equal(3, withPositive.TruePositives);
    }

    [Fact]
    public void Given_labels_keep_a_missing_class_and_fix_the_order()
    {
        var cm = new ConfusionMatrix([1, 0], [1, 0], labels: [2, 1, 0]);

        Assert.Equal([2, 1, 0], cm.Labels);
        Assert.Equal(new int[,] { { 0, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } }, cm.Counts);
        Assert.True(double.IsNaN(cm.ForClass(2).Sensitivity)); // no sample of class 2: 0 / 0
        Assert.Equal(1.0, cm.ForClass(2).Specificity);
    }

    [Fact]
    public void Label_0_can_be_the_positive_class()
    {
        // Breast cancer file: 0 = malignant. actual 0 0 0 1 1, predicted 0 0 1 1 0:
        // TP (0->0) = 2, FN (0->1) = 1, FP (1->0) = 1, TN (1->1) = 1.
        var cm = new ConfusionMatrix([0, 0, 0, 1, 1], [0, 0, 1, 1, 0], positiveLabel: 0);

        Assert.Equal((2, 1, 1, 1), (cm.TruePositives, cm.FalsePositives, cm.TrueNegatives, cm.FalseNegatives));
        Assert.Equal(2.0 / 3, cm.Sensitivity);
        Assert.Equal(0.5, cm.Specificity);
    }

    [Fact]
    public void At_threshold_calls_scores_at_or_above_the_threshold_positive()
    {
        // scores 0.9 0.5 0.4 0.2 with threshold 0.5 -> predicted 1 1 0 0; actual 1 0 1 0
        // TP = 1 (0.9), FP = 1 (0.5, equal to the threshold counts as positive), FN = 1 (0.4), TN = 1.
        var cm = ConfusionMatrix.AtThreshold([1, 0, 1, 0], [0.9f, 0.5f, 0.4f, 0.2f], 0.5);
        Assert.Equal((1, 1, 1, 1), (cm.TruePositives, cm.FalsePositives, cm.TrueNegatives, cm.FalseNegatives));

        // The same with label 0 positive and scores meaning "probability of label 0".
        var zero = ConfusionMatrix.AtThreshold(Tensor.From([0f, 1f, 0f, 1f], 4), Tensor.From([0.9f, 0.5f, 0.4f, 0.2f], 4), 0.5, positiveLabel: 0);
        Assert.Equal((1, 1, 1, 1), (zero.TruePositives, zero.FalsePositives, zero.TrueNegatives, zero.FalseNegatives));
        Assert.Equal(new int[,] { { 1, 1 }, { 1, 1 } }, zero.Counts);
    }

    [Fact]
    public void Labels_outside_the_given_classes_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new ConfusionMatrix([0, 1, 3], [0, 1, 1], labels: [0, 1]));
        Assert.Contains("actual label 3 at index 2 is not one of the labels [0, 1]", error.Message);
        Assert.Throws<ArgumentException>(() => new ConfusionMatrix([0, 1], [0, 1], labels: [0, 0, 1]));
        Assert.Throws<ArgumentException>(() => new ConfusionMatrix([0, 1], [0, 1], positiveLabel: 5));
        Assert.Throws<ArgumentException>(() => ConfusionMatrix.AtThreshold([0, 2], [0.1f, 0.2f], 0.5));
        Assert.Throws<ArgumentException>(() => ConfusionMatrix.AtThreshold([0, 1], [0.1f, float.NaN], 0.5));
    }

    [Fact]
    public void ToString_draws_the_table_with_actual_rows()
    {
        var text = new ConfusionMatrix([0, 0, 1], [0, 1, 1]).ToString();

        Assert.Equal("actual \\ predicted  0  1\n0                   1  1\n1                   0  1", text.ReplaceLineEndings("\n"));
    }
}
