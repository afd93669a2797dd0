namespace DeepImaging.Data;

/// <summary>
/// A per-column affine rescaling <c>(x - Offset) / Scale</c> of a [samples, features] tensor, learned by <see cref="Fit"/>
/// on training data only and then applied unchanged to test data (so no information leaks from the test set).
/// </summary>
public abstract class Scaler
{
    private double[]? offset, scale;

    /// <summary>What each column has subtracted (the minimum or the mean), or null before <see cref="Fit"/>.</summary>
    public float[]? Offset => offset?.Select(v => (float)v).ToArray();

    /// <summary>What each column is divided by after subtracting (the range or the standard deviation; 1 for a constant column), or null before <see cref="Fit"/>.</summary>
    public float[]? Scale => scale?.Select(v => (float)v).ToArray();

    /// <summary>Learns the per-column offset and scale from <paramref name="data"/> [samples, features]; returns this scaler.</summary>
    /// <exception cref="ArgumentException">The data is not 2-D, has no rows, or holds NaN or infinity.</exception>
    public Scaler Fit(Tensor data)
    {
        var (rows, columns) = Check(data, nameof(Fit), expectedColumns: null);
        if (rows == 0)
            throw new ArgumentException($"{GetType().Name}.Fit: the data {data.ShapeString} has no rows; fit on at least one sample.", nameof(data));
        var values = data.AsSpan();
        for (int i = 0; i < values.Length; i++)
            if (!float.IsFinite(values[i]))
                throw new ArgumentException(
                    $"{GetType().Name}.Fit: row {i / columns}, column {i % columns} is {values[i]}; remove or fill missing values before scaling.", nameof(data));
        var (o, s) = ColumnStatistics(values, rows, columns);
        for (int c = 0; c < columns; c++)
            if (s[c] == 0) s[c] = 1; // A constant column maps to 0 instead of dividing by zero.
        (offset, scale) = (o, s);
        return this;
    }

    /// <summary>Applies the learned rescaling to every row: <c>(x - Offset) / Scale</c> per column.</summary>
    /// <exception cref="InvalidOperationException"><see cref="Fit"/> has not been called.</exception>
    /// <exception cref="ArgumentException">The data is not 2-D with as many columns as the fitted data.</exception>
    public Tensor Transform(Tensor data) => Apply(data, nameof(Transform), (x, o, s) => (x - o) / s);

    /// <summary><see cref="Fit"/> then <see cref="Transform"/> on the same data (use only on training data).</summary>
    public Tensor FitTransform(Tensor data) => Fit(data).Transform(data);

    /// <summary>Undoes <see cref="Transform"/>: <c>x * Scale + Offset</c> per column.</summary>
    /// <exception cref="InvalidOperationException"><see cref="Fit"/> has not been called.</exception>
    /// <exception cref="ArgumentException">The data is not 2-D with as many columns as the fitted data.</exception>
    public Tensor InverseTransform(Tensor data) => Apply(data, nameof(InverseTransform), (x, o, s) => x * s + o);

    /// <summary>The per-column offset and scale of <paramref name="values"/> ([rows, columns] row-major), before zero scales are replaced.</summary>
    protected abstract (double[] Offset, double[] Scale) ColumnStatistics(ReadOnlySpan<float> values, int rows, int columns);

    private Tensor Apply(Tensor data, string operation, Func<double, double, double, double> f)
    {
        if (offset == null || scale == null)
            throw new InvalidOperationException($"{GetType().Name}.{operation}: call Fit on the training data first.");
        var (_, columns) = Check(data, operation, offset.Length);
        var source = data.AsSpan();
        var result = new float[source.Length];
        for (int i = 0; i < source.Length; i++)
            result[i] = (float)f(source[i], offset[i % columns], scale[i % columns]);
        return new Tensor(result, data.Shape);
    }

    private (int Rows, int Columns) Check(Tensor data, string operation, int? expectedColumns)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Rank != 2)
            throw new ArgumentException($"{GetType().Name}.{operation}: expected a 2-D tensor [samples, features] but got shape {data.ShapeString}.", nameof(data));
        if (expectedColumns is int n && data.Size(1) != n)
            throw new ArgumentException(
                $"{GetType().Name}.{operation}: the data {data.ShapeString} has {data.Size(1)} columns but the scaler was fitted on {n}.", nameof(data));
        return (data.Size(0), data.Size(1));
    }
}
