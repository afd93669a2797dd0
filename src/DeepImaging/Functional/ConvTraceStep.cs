namespace DeepImaging;

/// <summary>
/// One position of the kernel in a <see cref="ConvTrace"/>: where the window sits in the padded input,
/// which cells it covers, the element-wise products and their sum (one output value).
/// </summary>
public sealed class ConvTraceStep
{
    internal ConvTraceStep(int index, int outputRow, int outputColumn, int windowRow, int windowColumn,
        (int Row, int Column)[] cells, float[] values, float[] products, float sum, string expression)
    {
        Index = index;
        OutputRow = outputRow;
        OutputColumn = outputColumn;
        WindowRow = windowRow;
        WindowColumn = windowColumn;
        Cells = cells;
        Values = values;
        Products = products;
        Sum = sum;
        Expression = expression;
    }

    /// <summary>The position of this step in <see cref="ConvTrace.Steps"/> (0-based, row-major over the output).</summary>
    public int Index { get; }

    /// <summary>The output row this step computes.</summary>
    public int OutputRow { get; }

    /// <summary>The output column this step computes.</summary>
    public int OutputColumn { get; }

    /// <summary>The row of the window's top-left cell in the padded input (OutputRow x stride).</summary>
    public int WindowRow { get; }

    /// <summary>The column of the window's top-left cell in the padded input (OutputColumn x stride).</summary>
    public int WindowColumn { get; }

    /// <summary>The padded-input cells under the kernel, one per kernel element in row-major kernel order (dilation spreads them apart).</summary>
    public IReadOnlyList<(int Row, int Column)> Cells { get; }

    /// <summary>The padded-input values in <see cref="Cells"/>.</summary>
    public IReadOnlyList<float> Values { get; }

    /// <summary>Each input value times its kernel weight, in kernel order.</summary>
    public IReadOnlyList<float> Products { get; }

    /// <summary>The sum of the products: the output value at (OutputRow, OutputColumn).</summary>
    public float Sum { get; }

    /// <summary>The computation written out, e.g. "0x0 + 1x1 + 3x2 + 4x3 = 19" (input x weight, negatives in parentheses).</summary>
    public string Expression { get; }

    /// <summary>"output[0, 0]: 0x0 + 1x1 + 3x2 + 4x3 = 19".</summary>
    public override string ToString() => $"output[{OutputRow}, {OutputColumn}]: {Expression}";
}
