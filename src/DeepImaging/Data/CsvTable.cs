namespace DeepImaging.Data;

/// <summary>A numeric table read by <see cref="Csv.Load"/>: one name per column and the values as a [rows, columns] tensor.</summary>
/// <param name="ColumnNames">The header cells (or "0", "1", ... when the file has no header).</param>
/// <param name="Values">All cells as float32, shape [rows, columns].</param>
public sealed record CsvTable(string[] ColumnNames, Tensor Values)
{
    /// <summary>The number of data rows.</summary>
    public int RowCount => Values.Size(0);

    /// <summary>The values of one column, shape [rows].</summary>
    /// <exception cref="ArgumentException">No column has that name.</exception>
    public Tensor Column(string name) => Columns(name).Reshape(-1);

    /// <summary>The values of the named columns in the order given, shape [rows, names.Length].</summary>
    /// <exception cref="ArgumentException">A name is not a column of the table.</exception>
    public Tensor Columns(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var indices = names.Select(IndexOf).ToArray();
        int rows = RowCount, width = ColumnNames.Length;
        var source = Values.AsSpan();
        var result = new float[rows * indices.Length];
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < indices.Length; j++)
                result[r * indices.Length + j] = source[r * width + indices[j]];
        return new Tensor(result, [rows, indices.Length]);
    }

    private int IndexOf(string name)
    {
        int i = Array.IndexOf(ColumnNames, name);
        if (i < 0)
            throw new ArgumentException($"CsvTable: there is no column '{name}'; the columns are {string.Join(", ", ColumnNames)}.", nameof(name));
        return i;
    }
}
