namespace DeepImaging.Data;

/// <summary>
/// Min-max normalisation per column: <c>(x - min) / (max - min)</c>, so the training data spans 0..1
/// (how the course notes' heights and weights were made). Like scikit-learn's MinMaxScaler.
/// </summary>
public sealed class MinMaxScaler : Scaler
{
    /// <summary>Column minimum (offset) and range (scale).</summary>
    protected override (double[] Offset, double[] Scale) ColumnStatistics(ReadOnlySpan<float> values, int rows, int columns)
    {
        var min = new double[columns];
        var max = new double[columns];
        Array.Fill(min, double.PositiveInfinity);
        Array.Fill(max, double.NegativeInfinity);
        for (int i = 0; i < values.Length; i++)
        {
            int c = i % columns;
            min[c] = Math.Min(min[c], values[i]);
            max[c] = Math.Max(max[c], values[i]);
        }
        return (min, min.Select((m, c) => max[c] - m).ToArray());
    }
}
