using System.Globalization;
using System.Text;

namespace DeepImaging.Metrics;

/// <summary>
/// Counts of (actual class, predicted class) pairs: row = actual, column = predicted, in the order of
/// <see cref="Labels"/>. Works for any number of classes; for a two-class test it also gives the
/// screening counts and rates (<see cref="TruePositives"/>, <see cref="Sensitivity"/>, ...) of
/// <see cref="PositiveLabel"/> against the rest.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly int[] labels;
    private readonly int[,] counts;

    /// <summary>Counts the pairs of actual and predicted class labels.</summary>
    /// <param name="actual">The true class of each sample.</param>
    /// <param name="predicted">The predicted class of each sample.</param>
    /// <param name="labels">The classes in row/column order; by default the distinct values of both lists, ascending.
    /// Give them to keep a class that never occurs, or to choose the order.</param>
    /// <param name="positiveLabel">The class that counts as positive (the disease) for the binary counts and rates.
    /// By default, with exactly two labels, the second one (1 for labels 0 and 1).</param>
    public ConfusionMatrix(IReadOnlyList<int> actual, IReadOnlyList<int> predicted, IReadOnlyList<int>? labels = null, int? positiveLabel = null)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        MetricInputs.CheckPaired(actual.Count, predicted.Count, "ConfusionMatrix", "predictions");
        this.labels = labels is null ? actual.Concat(predicted).Distinct().Order().ToArray() : CheckLabels(labels);

        var index = new Dictionary<int, int>();
        for (int k = 0; k < this.labels.Length; k++) index[this.labels[k]] = k;
        counts = new int[this.labels.Length, this.labels.Length];
        for (int i = 0; i < actual.Count; i++)
        {
            if (!index.TryGetValue(actual[i], out int row))
                throw new ArgumentException($"ConfusionMatrix: actual label {actual[i]} at index {i} is not one of the labels {Format(this.labels)}.", nameof(actual));
            if (!index.TryGetValue(predicted[i], out int column))
                throw new ArgumentException($"ConfusionMatrix: predicted label {predicted[i]} at index {i} is not one of the labels {Format(this.labels)}.", nameof(predicted));
            counts[row, column]++;
        }

        if (positiveLabel is int p && !index.ContainsKey(p))
            throw new ArgumentException($"ConfusionMatrix: the positive label {p} is not one of the labels {Format(this.labels)}.", nameof(positiveLabel));
        PositiveLabel = positiveLabel ?? (this.labels.Length == 2 ? this.labels[1] : null);
        Total = actual.Count;
    }

    /// <summary>Counts the pairs from tensors of class indices, shape [N] or [N, 1] (for logits [N, C] pass <c>logits.ArgMax(1)</c>).</summary>
    /// <param name="actual">The true class of each sample.</param>
    /// <param name="predicted">The predicted class of each sample.</param>
    /// <param name="labels">The classes in row/column order; by default the distinct values, ascending.</param>
    /// <param name="positiveLabel">The class that counts as positive; by default the second of exactly two labels.</param>
    public ConfusionMatrix(Tensor actual, Tensor predicted, IReadOnlyList<int>? labels = null, int? positiveLabel = null)
        : this(MetricInputs.Labels(actual, "ConfusionMatrix", nameof(actual)), MetricInputs.Labels(predicted, "ConfusionMatrix", nameof(predicted)), labels, positiveLabel)
    {
    }

    /// <summary>
    /// The confusion matrix of a score threshold for labels 0 and 1: a sample is predicted positive when its
    /// score is at least <paramref name="threshold"/>, and negative (the other label) otherwise.
    /// </summary>
    /// <param name="actual">The true label of each sample, 0 or 1.</param>
    /// <param name="scores">Each sample's score; higher means more likely positive (a probability or a logit).</param>
    /// <param name="threshold">Scores at or above it are called positive.</param>
    /// <param name="positiveLabel">Which of 0 and 1 is the positive class, 1 by default.</param>
    public static ConfusionMatrix AtThreshold(IReadOnlyList<int> actual, IReadOnlyList<float> scores, double threshold, int positiveLabel = 1)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(scores);
        const string operation = "ConfusionMatrix.AtThreshold";
        MetricInputs.CheckPaired(actual.Count, scores.Count, operation, "scores");
        if (positiveLabel is not (0 or 1))
            throw new ArgumentException($"{operation}: the positive label must be 0 or 1, got {positiveLabel}.", nameof(positiveLabel));
        if (double.IsNaN(threshold))
            throw new ArgumentException($"{operation}: the threshold is NaN; give a number.", nameof(threshold));
        var predicted = new int[scores.Count];
        for (int i = 0; i < scores.Count; i++)
        {
            if (actual[i] is not (0 or 1))
                throw new ArgumentException($"{operation}: actual label {actual[i]} at index {i} is not 0 or 1.", nameof(actual));
            if (float.IsNaN(scores[i]))
                throw new ArgumentException($"{operation}: score at index {i} is NaN; every sample needs a score.", nameof(scores));
            predicted[i] = scores[i] >= threshold ? positiveLabel : 1 - positiveLabel;
        }
        return new ConfusionMatrix(actual, predicted, [0, 1], positiveLabel);
    }

    /// <summary>The confusion matrix of a score threshold, from tensors of shape [N] or [N, 1] (see <see cref="AtThreshold(IReadOnlyList{int}, IReadOnlyList{float}, double, int)"/>).</summary>
    /// <param name="actual">The true label of each sample, 0 or 1.</param>
    /// <param name="scores">Each sample's score; higher means more likely positive.</param>
    /// <param name="threshold">Scores at or above it are called positive.</param>
    /// <param name="positiveLabel">Which of 0 and 1 is the positive class, 1 by default.</param>
    public static ConfusionMatrix AtThreshold(Tensor actual, Tensor scores, double threshold, int positiveLabel = 1) =>
        AtThreshold(MetricInputs.Labels(actual, "ConfusionMatrix.AtThreshold", nameof(actual)),
            MetricInputs.Scores(scores, "ConfusionMatrix.AtThreshold", nameof(scores)), threshold, positiveLabel);

    /// <summary>The classes, in the order of the rows and columns of <see cref="Counts"/>.</summary>
    public IReadOnlyList<int> Labels => labels;

    /// <summary>A copy of the counts: <c>Counts[actual, predicted]</c>, indexed by position in <see cref="Labels"/>.</summary>
    public int[,] Counts => (int[,])counts.Clone();

    /// <summary>How many samples of class <paramref name="actualLabel"/> were predicted as <paramref name="predictedLabel"/> (by label value).</summary>
    public int Count(int actualLabel, int predictedLabel) => counts[IndexOf(actualLabel), IndexOf(predictedLabel)];

    /// <summary>The number of samples counted.</summary>
    public int Total { get; }

    /// <summary>The class treated as positive by the binary counts and rates; null for more than two classes unless given.</summary>
    public int? PositiveLabel { get; }

    /// <summary>The fraction of samples on the diagonal (predicted class = actual class), for any number of classes.</summary>
    public double Accuracy
    {
        get
        {
            int correct = 0;
            for (int k = 0; k < labels.Length; k++) correct += counts[k, k];
            return (double)correct / Total;
        }
    }

    /// <summary>One class against all the others pooled: its hits, false alarms, correct rejections and misses.</summary>
    public BinaryMetrics ForClass(int label)
    {
        int k = IndexOf(label);
        int tp = counts[k, k], fp = 0, fn = 0;
        for (int j = 0; j < labels.Length; j++)
        {
            if (j == k) continue;
            fp += counts[j, k];
            fn += counts[k, j];
        }
        return new BinaryMetrics(tp, fp, Total - tp - fp - fn, fn);
    }

    /// <summary>The binary counts and rates of <see cref="PositiveLabel"/> against the rest.</summary>
    public BinaryMetrics Binary => PositiveLabel is int p
        ? ForClass(p)
        : throw new InvalidOperationException($"ConfusionMatrix: binary counts need a positive class, but there are {labels.Length} labels {Format(labels)}; pass positiveLabel, or use ForClass(label).");

    /// <summary>Positive cases predicted positive (see <see cref="PositiveLabel"/>).</summary>
    public int TruePositives => Binary.TruePositives;

    /// <summary>Negative cases predicted positive.</summary>
    public int FalsePositives => Binary.FalsePositives;

    /// <summary>Negative cases predicted negative.</summary>
    public int TrueNegatives => Binary.TrueNegatives;

    /// <summary>Positive cases predicted negative (missed cases).</summary>
    public int FalseNegatives => Binary.FalseNegatives;

    /// <summary>TP / (TP + FN) for the positive class; NaN without actual positives.</summary>
    public double Sensitivity => Binary.Sensitivity;

    /// <summary>Another name for <see cref="Sensitivity"/>.</summary>
    public double Recall => Binary.Recall;

    /// <summary>TN / (TN + FP) for the positive class; NaN without actual negatives.</summary>
    public double Specificity => Binary.Specificity;

    /// <summary>TP / (TP + FP) for the positive class; NaN when nothing is predicted positive.</summary>
    public double Precision => Binary.Precision;

    /// <summary>2TP / (2TP + FP + FN) for the positive class; NaN only when TP = FP = FN = 0.</summary>
    public double F1 => Binary.F1;

    /// <summary>A text table, rows = actual, columns = predicted.</summary>
    public override string ToString()
    {
        var names = labels.Select(l => l.ToString(CultureInfo.InvariantCulture)).ToArray();
        int width = Math.Max(names.Max(n => n.Length), counts.Cast<int>().Max().ToString(CultureInfo.InvariantCulture).Length) + 2;
        const string corner = "actual \\ predicted";
        var text = new StringBuilder(corner);
        foreach (var name in names) text.Append(name.PadLeft(width));
        for (int r = 0; r < labels.Length; r++)
        {
            text.AppendLine().Append(names[r].PadRight(corner.Length));
            for (int c = 0; c < labels.Length; c++) text.Append(counts[r, c].ToString(CultureInfo.InvariantCulture).PadLeft(width));
        }
        return text.ToString();
    }

    private int IndexOf(int label)
    {
        int k = Array.IndexOf(labels, label);
        if (k < 0)
            throw new ArgumentException($"ConfusionMatrix: label {label} is not one of the labels {Format(labels)}.", nameof(label));
        return k;
    }

    private static int[] CheckLabels(IReadOnlyList<int> labels)
    {
        if (labels.Count == 0)
            throw new ArgumentException("ConfusionMatrix: the list of labels is empty; give every class once, e.g. [0, 1].", nameof(labels));
        if (labels.Distinct().Count() != labels.Count)
            throw new ArgumentException($"ConfusionMatrix: the labels {Format(labels)} repeat a class; give every class once.", nameof(labels));
        return labels.ToArray();
    }

    private static string Format(IEnumerable<int> values) => "[" + string.Join(", ", values) + "]";
}
