namespace DeepImaging.Metrics;

/// <summary>
/// The receiver operating characteristic of a score: for every threshold t, call a sample positive when
/// its score is at least t, and plot the true-positive rate (sensitivity) against the false-positive rate
/// (1 - specificity). The thresholds are +infinity (nobody positive, the point (0, 0)) followed by each
/// distinct score from highest to lowest, the last one calling everybody positive (the point (1, 1)).
/// Samples with equal scores cross a threshold together, so a tie is one diagonal step, never a staircase
/// that would depend on the order of the samples.
/// </summary>
public sealed class RocCurve
{
    private readonly double[] falsePositiveRates, truePositiveRates, thresholds;

    /// <summary>Builds the curve from labels and scores.</summary>
    /// <param name="actual">The true class of each sample; the positive class is <paramref name="positiveLabel"/>, every other class is negative.</param>
    /// <param name="scores">Each sample's score; higher means more likely positive (a probability or a logit of the positive class).</param>
    /// <param name="positiveLabel">The class that counts as positive (the disease), 1 by default.</param>
    public RocCurve(IReadOnlyList<int> actual, IReadOnlyList<float> scores, int positiveLabel = 1)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(scores);
        MetricInputs.CheckPaired(actual.Count, scores.Count, "RocCurve", "scores");
        var scoreArray = scores.ToArray();
        MetricInputs.CheckScores(scoreArray, "RocCurve", nameof(scores));
        Positives = actual.Count(label => label == positiveLabel);
        Negatives = actual.Count - Positives;
        if (Positives == 0 || Negatives == 0)
            throw new ArgumentException($"RocCurve: the labels contain {Positives} positive (label {positiveLabel}) and {Negatives} negative samples; a ROC curve needs at least one of each.", nameof(actual));

        // Highest score first; a stable sort keeps the result independent of anything but the data.
        var order = Enumerable.Range(0, scoreArray.Length).OrderByDescending(i => scoreArray[i]).ToArray();
        var fpr = new List<double> { 0 };
        var tpr = new List<double> { 0 };
        var cuts = new List<double> { double.PositiveInfinity };
        int tp = 0, fp = 0, previousTp = 0, previousFp = 0;
        long twiceArea = 0; // trapezoid areas in units of (1 / negatives) x (1 / positives), times 2: exact integers
        for (int k = 0; k < order.Length; k++)
        {
            int i = order[k];
            if (actual[i] == positiveLabel) tp++; else fp++;
            bool lastOfTie = k == order.Length - 1 || scoreArray[order[k + 1]] != scoreArray[i];
            if (!lastOfTie) continue;
            twiceArea += (long)(fp - previousFp) * (tp + previousTp);
            (previousTp, previousFp) = (tp, fp);
            fpr.Add((double)fp / Negatives);
            tpr.Add((double)tp / Positives);
            cuts.Add(scoreArray[i]);
        }
        falsePositiveRates = fpr.ToArray();
        truePositiveRates = tpr.ToArray();
        thresholds = cuts.ToArray();
        Auc = twiceArea / (2.0 * Positives * Negatives);
    }

    /// <summary>Builds the curve from tensors of shape [N] or [N, 1] (see <see cref="RocCurve(IReadOnlyList{int}, IReadOnlyList{float}, int)"/>).</summary>
    /// <param name="actual">The true class of each sample.</param>
    /// <param name="scores">Each sample's score; higher means more likely positive.</param>
    /// <param name="positiveLabel">The class that counts as positive, 1 by default.</param>
    public RocCurve(Tensor actual, Tensor scores, int positiveLabel = 1)
        : this(MetricInputs.Labels(actual, "RocCurve", nameof(actual)), MetricInputs.Scores(scores, "RocCurve", nameof(scores)), positiveLabel)
    {
    }

    /// <summary>The false-positive rate (1 - specificity) at each threshold, from 0 up to 1.</summary>
    public IReadOnlyList<double> FalsePositiveRates => falsePositiveRates;

    /// <summary>The true-positive rate (sensitivity) at each threshold, from 0 up to 1.</summary>
    public IReadOnlyList<double> TruePositiveRates => truePositiveRates;

    /// <summary>The thresholds, from +infinity down to the lowest score; scores at or above a threshold are called positive.</summary>
    public IReadOnlyList<double> Thresholds => thresholds;

    /// <summary>The number of positive samples.</summary>
    public int Positives { get; }

    /// <summary>The number of negative samples.</summary>
    public int Negatives { get; }

    /// <summary>
    /// The area under the curve by the trapezoidal rule. It equals the probability that a random positive
    /// sample scores higher than a random negative one, ties counting one half (the Mann-Whitney U statistic
    /// divided by positives x negatives): 1 is a perfect ranking, 0.5 is guessing.
    /// </summary>
    public double Auc { get; }

    /// <summary>
    /// The highest threshold whose sensitivity is at least <paramref name="targetSensitivity"/>: screening wants
    /// few missed cases, and among the thresholds that miss few enough, the highest raises the fewest false alarms.
    /// </summary>
    /// <param name="targetSensitivity">The required sensitivity, in (0, 1].</param>
    public double ThresholdForSensitivity(double targetSensitivity) => OperatingPointForSensitivity(targetSensitivity).Threshold;

    /// <summary>The point of <see cref="ThresholdForSensitivity"/>, with the sensitivity and specificity it reaches.</summary>
    /// <param name="targetSensitivity">The required sensitivity, in (0, 1].</param>
    public RocPoint OperatingPointForSensitivity(double targetSensitivity)
    {
        if (!(targetSensitivity > 0 && targetSensitivity <= 1))
            throw new ArgumentOutOfRangeException(nameof(targetSensitivity), string.Create(System.Globalization.CultureInfo.InvariantCulture, $"RocCurve.ThresholdForSensitivity: the target sensitivity must be in (0, 1], got {targetSensitivity}."));
        // Thresholds go down and sensitivity goes up along the curve; the last point has sensitivity 1.
        int k = Array.FindIndex(truePositiveRates, rate => rate >= targetSensitivity);
        return new RocPoint(thresholds[k], falsePositiveRates[k], truePositiveRates[k]);
    }
}
