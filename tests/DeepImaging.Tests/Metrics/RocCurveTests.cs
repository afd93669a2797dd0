using DeepImaging.Metrics;

namespace DeepImaging.Tests.Metrics;

public class RocCurveTests
{
    // Six cases, P = 3 positives and N = 3 negatives; a positive and a negative tie at 0.8.
    //   score  0.9 0.8 0.8 0.6 0.4 0.3
    //   actual  1   1   0   1   0   0
    // threshold  TP FP   point (FP/3, TP/3)
    //   +inf      0  0   (0,   0)
    //   0.9       1  0   (0,   1/3)
    //   0.8       2  1   (1/3, 2/3)   both tied cases cross together: one diagonal step
    //   0.6       3  1   (1/3, 1)
    //   0.4       3  2   (2/3, 1)
    //   0.3       3  3   (1,   1)
    // AUC by trapezoids: 1/3 x (1/3 + 2/3)/2 + 1/3 x 1 + 1/3 x 1 = 1/6 + 2/3 = 5/6.
    // Mann-Whitney: 0.9 beats 3 negatives; 0.8 ties 0.8 (1/2) and beats 0.4, 0.3; 0.6 beats 0.4, 0.3:
    // (3 + 2.5 + 2) / 9 = 7.5 / 9 = 5/6.
    private static readonly int[] Actual = [1, 1, 0, 1, 0, 0];
    private static readonly float[] Scores = [0.9f, 0.8f, 0.8f, 0.6f, 0.4f, 0.3f];

    [Fact]
    public void Points_and_area_match_a_hand_worked_example_with_a_tie()
    {
        var roc = new RocCurve(Actual, Scores);

        Assert.Equal([double.PositiveInfinity, 0.9f, 0.8f, 0.6f, 0.4f, 0.3f], roc.Thresholds);
        Assert.Equal([0, 0, 1 / 3.0, 1 / 3.0, 2 / 3.0, 1], roc.FalsePositiveRates);
        Assert.Equal([0, 1 / 3.0, 2 / 3.0, 1, 1, 1], roc.TruePositiveRates);
        Assert.Equal(5.0 / 6, roc.Auc, 15);
        Assert.Equal((3, 3), (roc.Positives, roc.Negatives));
    }

    [Fact]
    public void The_threshold_for_a_target_sensitivity_is_the_highest_one_that_reaches_it()
    {
        var roc = new RocCurve(Actual, Scores);

        Assert.Equal(0.9f, roc.ThresholdForSensitivity(0.3));   // 1/3 >= 0.3 already at 0.9
        Assert.Equal(0.8f, roc.ThresholdForSensitivity(0.6));   // 2/3 first reached at 0.8
        Assert.Equal(0.6f, roc.ThresholdForSensitivity(1.0));   // all 3 found from 0.6 on (0.4 and 0.3 add only false alarms)
        var point = roc.OperatingPointForSensitivity(1.0);
        Assert.Equal(1.0, point.Sensitivity);
        Assert.Equal(2.0 / 3, point.Specificity, 15);         // 1 false alarm out of 3 negatives
        Assert.Throws<ArgumentOutOfRangeException>(() => roc.ThresholdForSensitivity(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => roc.ThresholdForSensitivity(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => roc.ThresholdForSensitivity(double.NaN));
    }

    [Fact]
    public void Label_0_as_positive_reads_scores_as_evidence_for_label_0()
    {
        // Flip every label and use label 0 as positive: the curve must be the same.
        var flipped = Actual.Select(a => 1 - a).ToArray();

        var roc = new RocCurve(Tensor.From(flipped.Select(a => (float)a).ToArray(), 6), Tensor.From(Scores, 6, 1), positiveLabel: 0);

        Assert.Equal(5.0 / 6, roc.Auc, 15);
        Assert.Equal([0, 1 / 3.0, 2 / 3.0, 1, 1, 1], roc.TruePositiveRates);
    }

    [Fact]
    public void Auc_equals_the_Mann_Whitney_probability_on_random_scores_with_many_ties()
    {
        var random = new Generator(7);
        for (int trial = 0; trial < 20; trial++)
        {
            int n = 5 + random.NextInt(200);
            var actual = new int[n];
            var scores = new float[n];
            for (int i = 0; i < n; i++)
            {
                actual[i] = random.NextInt(2);
                scores[i] = random.NextInt(12) / 4f + actual[i] * 0.5f; // few distinct values: many ties
            }
            actual[0] = 0;
            actual[1] = 1;

            var roc = new RocCurve(actual, scores);

            // Independent reference: over all (positive, negative) pairs, count wins 1 and ties 1/2.
            double wins = 0;
            int pairs = 0;
            for (int p = 0; p < n; p++)
                for (int q = 0; q < n; q++)
                    if (actual[p] == 1 && actual[q] == 0)
                    {
                        pairs++;
                        wins += scores[p] > scores[q] ? 1 : scores[p] == scores[q] ? 0.5 : 0;
                    }
            Assert.Equal(wins / pairs, roc.Auc, 12);
        }
    }

    [Fact]
    public void Every_point_is_the_confusion_matrix_at_its_threshold_and_order_does_not_matter()
    {
        var random = new Generator(11);
        int n = 60;
        var actual = new int[n];
        var scores = new float[n];
        for (int i = 0; i < n; i++)
        {
            actual[i] = i % 3 == 0 ? 1 : 0;
            scores[i] = random.NextInt(8) + actual[i];
        }
        var roc = new RocCurve(actual, scores);

        Assert.Equal((0.0, 0.0), (roc.FalsePositiveRates[0], roc.TruePositiveRates[0]));
        Assert.Equal((1.0, 1.0), (roc.FalsePositiveRates[^1], roc.TruePositiveRates[^1]));
        for (int k = 1; k < roc.Thresholds.Count; k++)
        {
            var cm = ConfusionMatrix.AtThreshold(actual, scores, roc.Thresholds[k]);
            Assert.Equal(cm.Sensitivity, roc.TruePositiveRates[k]);
            Assert.Equal(1 - cm.Specificity, roc.FalsePositiveRates[k], 15);
            Assert.True(roc.Thresholds[k] < roc.Thresholds[k - 1]);
        }

        var order = random.Permutation(n);
        var shuffled = new RocCurve(order.Select(i => actual[i]).ToArray(), order.Select(i => scores[i]).ToArray());
        Assert.Equal(roc.TruePositiveRates, shuffled.TruePositiveRates);
        Assert.Equal(roc.FalsePositiveRates, shuffled.FalsePositiveRates);
        Assert.Equal(roc.Auc, shuffled.Auc);
    }

    [Fact]
    public void A_perfect_ranking_has_area_1_and_a_reversed_one_area_0()
    {
        Assert.Equal(1.0, new RocCurve([0, 0, 1, 1], [0.1f, 0.2f, 0.8f, 0.9f]).Auc);
        Assert.Equal(0.0, new RocCurve([1, 1, 0, 0], [0.1f, 0.2f, 0.8f, 0.9f]).Auc);
        Assert.Equal(0.5, new RocCurve([1, 0, 1, 0], [0.5f, 0.5f, 0.5f, 0.5f]).Auc); // all tied: the diagonal
    }

    [Fact]
    public void A_curve_needs_both_classes_and_scores_without_NaN()
    {
        var oneClass = Assert.Throws<ArgumentException>(() => new RocCurve([1, 1, 1], [0.1f, 0.2f, 0.3f]));
        Assert.Contains("3 positive (label 1) and 0 negative", oneClass.Message);
        var nan = Assert.Throws<ArgumentException>(() => new RocCurve([0, 1], [0.1f, float.NaN]));
        Assert.Contains("index 1 is NaN", nan.Message);
        Assert.Throws<ArgumentException>(() => new RocCurve([0, 1], [0.1f]));
    }
}
