using System.Globalization;

namespace DeepImaging.Metrics;

/// <summary>
/// The four counts of a two-class (positive/negative) test and the screening rates computed from them.
/// A rate whose denominator is zero is <see cref="double.NaN"/>, meaning "undefined": for example the
/// sensitivity of a test set without any positive case. NaN is never mistaken for a measured 0 and it
/// propagates through averages, so a missing class cannot silently pass for a perfect or a failed test.
/// </summary>
public sealed class BinaryMetrics
{
    /// <summary>Creates the metrics from the four counts (each must be zero or more).</summary>
    /// <param name="truePositives">Positive cases predicted positive (hits).</param>
    /// <param name="falsePositives">Negative cases predicted positive (false alarms).</param>
    /// <param name="trueNegatives">Negative cases predicted negative (correct rejections).</param>
    /// <param name="falseNegatives">Positive cases predicted negative (missed cases).</param>
    public BinaryMetrics(int truePositives, int falsePositives, int trueNegatives, int falseNegatives)
    {
        if (truePositives < 0 || falsePositives < 0 || trueNegatives < 0 || falseNegatives < 0)
            throw new ArgumentException($"BinaryMetrics: counts cannot be negative, got TP={truePositives}, FP={falsePositives}, TN={trueNegatives}, FN={falseNegatives}.");
        TruePositives = truePositives;
        FalsePositives = falsePositives;
        TrueNegatives = trueNegatives;
        FalseNegatives = falseNegatives;
    }

    /// <summary>
    /// Counts a binary test: a sample is positive when its label equals <paramref name="positiveLabel"/>
    /// and negative otherwise (so several negative classes are pooled: one-vs-rest).
    /// </summary>
    /// <param name="actual">The true class of each sample.</param>
    /// <param name="predicted">The predicted class of each sample.</param>
    /// <param name="positiveLabel">The class that counts as positive (the disease), 1 by default.</param>
    public static BinaryMetrics From(IReadOnlyList<int> actual, IReadOnlyList<int> predicted, int positiveLabel = 1)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        MetricInputs.CheckPaired(actual.Count, predicted.Count, "BinaryMetrics", "predictions");
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < actual.Count; i++)
        {
            bool isPositive = actual[i] == positiveLabel, saidPositive = predicted[i] == positiveLabel;
            if (isPositive && saidPositive) tp++;
            else if (saidPositive) fp++;
            else if (isPositive) fn++;
            else tn++;
        }
        return new BinaryMetrics(tp, fp, tn, fn);
    }

    /// <summary>Counts a binary test from tensors of class indices, shape [N] or [N, 1] (see <see cref="From(IReadOnlyList{int}, IReadOnlyList{int}, int)"/>).</summary>
    /// <param name="actual">The true class of each sample.</param>
    /// <param name="predicted">The predicted class of each sample (for logits [N, C] pass <c>logits.ArgMax(1)</c>).</param>
    /// <param name="positiveLabel">The class that counts as positive, 1 by default.</param>
    public static BinaryMetrics From(Tensor actual, Tensor predicted, int positiveLabel = 1) =>
        From(MetricInputs.Labels(actual, "BinaryMetrics", nameof(actual)), MetricInputs.Labels(predicted, "BinaryMetrics", nameof(predicted)), positiveLabel);

    /// <summary>Positive cases predicted positive.</summary>
    public int TruePositives { get; }

    /// <summary>Negative cases predicted positive (false alarms).</summary>
    public int FalsePositives { get; }

    /// <summary>Negative cases predicted negative.</summary>
    public int TrueNegatives { get; }

    /// <summary>Positive cases predicted negative (missed cases, the costly error in screening).</summary>
    public int FalseNegatives { get; }

    /// <summary>All samples: TP + FP + TN + FN.</summary>
    public int Total => TruePositives + FalsePositives + TrueNegatives + FalseNegatives;

    /// <summary>The actual positives: TP + FN.</summary>
    public int Positives => TruePositives + FalseNegatives;

    /// <summary>The actual negatives: TN + FP.</summary>
    public int Negatives => TrueNegatives + FalsePositives;

    /// <summary>(TP + TN) / total: the fraction of samples classified correctly.</summary>
    public double Accuracy => Ratio(TruePositives + TrueNegatives, Total);

    /// <summary>TP / (TP + FN): the fraction of diseased cases the test finds (NaN without actual positives).</summary>
    public double Sensitivity => Ratio(TruePositives, Positives);

    /// <summary>Another name for <see cref="Sensitivity"/>, used in machine learning.</summary>
    public double Recall => Sensitivity;

    /// <summary>TN / (TN + FP): the fraction of healthy cases the test clears (NaN without actual negatives).</summary>
    public double Specificity => Ratio(TrueNegatives, Negatives);

    /// <summary>TP / (TP + FP): how often a positive result is right, the positive predictive value (NaN when nothing is predicted positive).</summary>
    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    /// <summary>TN / (TN + FN): how often a negative result is right (NaN when nothing is predicted negative).</summary>
    public double NegativePredictiveValue => Ratio(TrueNegatives, TrueNegatives + FalseNegatives);

    /// <summary>
    /// The harmonic mean of precision and recall, computed as 2TP / (2TP + FP + FN); this equals
    /// 2PR / (P + R) and is 0 (not NaN) when there are errors but no hits. NaN only when TP = FP = FN = 0.
    /// </summary>
    public double F1 => Ratio(2 * TruePositives, 2 * TruePositives + FalsePositives + FalseNegatives);

    private static double Ratio(int numerator, int denominator) =>
        denominator == 0 ? double.NaN : (double)numerator / denominator;

    /// <summary>The counts and the main rates on one line, e.g. <c>TP=8 FP=1 TN=9 FN=2 | sensitivity 0.800 specificity 0.900 ...</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"TP={TruePositives} FP={FalsePositives} TN={TrueNegatives} FN={FalseNegatives} | accuracy {Accuracy:F3} sensitivity {Sensitivity:F3} specificity {Specificity:F3} precision {Precision:F3} F1 {F1:F3}");
}
