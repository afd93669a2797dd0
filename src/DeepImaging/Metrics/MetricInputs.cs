namespace DeepImaging.Metrics;

/// <summary>Checks and converts the label, prediction and score arrays the metrics take, with messages that name the metric.</summary>
internal static class MetricInputs
{
    /// <summary>Class indices from a tensor of shape [N] or [N, 1] whose values must be whole numbers.</summary>
    public static int[] Labels(Tensor labels, string operation, string what)
    {
        ArgumentNullException.ThrowIfNull(labels, what);
        var values = Column(labels, operation, what);
        var result = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            float v = values[i];
            if (!float.IsFinite(v) || v != MathF.Round(v) || Math.Abs(v) > int.MaxValue / 2)
                throw new ArgumentException($"{operation}: {what} value {Tensor.Num(v)} at index {i} is not a whole number; labels are class indices such as 0 and 1.", what);
            result[i] = (int)v;
        }
        return result;
    }

    /// <summary>Scores from a tensor of shape [N] or [N, 1]; none may be NaN.</summary>
    public static float[] Scores(Tensor scores, string operation, string what)
    {
        ArgumentNullException.ThrowIfNull(scores, what);
        var values = Column(scores, operation, what);
        CheckScores(values, operation, what);
        return values;
    }

    public static void CheckScores(float[] scores, string operation, string what)
    {
        for (int i = 0; i < scores.Length; i++)
            if (float.IsNaN(scores[i]))
                throw new ArgumentException($"{operation}: {what} value at index {i} is NaN; every sample needs a score.", what);
    }

    /// <summary>Both arrays must be non-empty and equally long (one entry per sample).</summary>
    public static void CheckPaired(int actualLength, int otherLength, string operation, string otherWhat)
    {
        if (actualLength == 0)
            throw new ArgumentException($"{operation}: there are no samples; give at least one actual label.");
        if (actualLength != otherLength)
            throw new ArgumentException($"{operation}: {actualLength} actual labels but {otherLength} {otherWhat}; give one per sample.");
    }

    private static float[] Column(Tensor t, string operation, string what)
    {
        bool column = t.Rank == 1 || (t.Rank == 2 && t.Size(1) == 1);
        if (!column)
            throw new ArgumentException($"{operation}: {what} has shape {t.ShapeString}; expected one value per sample, shape [N] or [N, 1]. For logits of shape [N, C] pass logits.ArgMax(1).", what);
        return t.ToArray();
    }
}
