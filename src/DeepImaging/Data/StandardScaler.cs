namespace DeepImaging.Data;

/// <summary>
/// Standardisation per column: <c>(x - mean) / std</c>, so each training column has mean 0 and standard deviation 1
/// (population standard deviation, divisor N, like scikit-learn's StandardScaler).
/// </summary>
public sealed class StandardScaler : Scaler
{
    /// <summary>Column mean (offset) and standard deviation (scale), accumulated in double precision.</summary>
    protected override (double[] Offset, double[] Scale) ColumnStatistics(ReadOnlySpan<float> values, int rows, int columns)
    {
        var mean = new double[columns];
        for (int i = 0; i < values.Length; i++) mean[i % columns] += values[i];
        for (int c = 0; c < columns; c++) mean[c] /= rows;
        // Two passes (mean first, then squared deviations) avoid the cancellation of sum(x^2) - n·mean^2.
        var variance = new double[columns];
        for (int i = 0; i < values.Length; i++)
        {
            double d = values[i] - mean[i % columns];
            variance[i % columns] += d * d;
        }
        return (mean, variance.Select(v => Math.Sqrt(v / rows)).ToArray());
    }
}
