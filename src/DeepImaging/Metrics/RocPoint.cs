namespace DeepImaging.Metrics;

/// <summary>One operating point of a ROC curve: the threshold and the rates it gives.</summary>
/// <param name="Threshold">Scores at or above it are called positive.</param>
/// <param name="FalsePositiveRate">FP / negatives at this threshold, 1 - specificity.</param>
/// <param name="TruePositiveRate">TP / positives at this threshold, the sensitivity.</param>
public readonly record struct RocPoint(double Threshold, double FalsePositiveRate, double TruePositiveRate)
{
    /// <summary>The true-positive rate: the fraction of positive cases found.</summary>
    public double Sensitivity => TruePositiveRate;

    /// <summary>1 - false-positive rate: the fraction of negative cases cleared.</summary>
    public double Specificity => 1 - FalsePositiveRate;
}
