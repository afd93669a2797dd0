namespace DeepImaging;

/// <summary>
/// One position of the kernel in a <see cref="ConvTrace"/>: where the window sits in the padded input,
/// which cells it covers, the element-wise products, each input channel's sum, the bias and the total (one output value).
/// </summary>
public sealed class ConvTraceStep
{
    internal ConvTraceStep(int index, int outputRow, int outputColumn, int windowRow, int windowColumn,
        (int Row, int Column)[] cells, float[] values, float[] products, float[] channelSums, float? bias, string[] channelExpressions)
    {
        Index = index;
        OutputRow = outputRow;
        OutputColumn = outputColumn;
        WindowRow = windowRow;
        WindowColumn = windowColumn;
        Cells = cells;
        Values = values;
        Products = products;
        ChannelSums = channelSums;
        Bias = bias;
        ChannelExpressions = channelExpressions;
        float sum = 0;
        foreach (float channelSum in channelSums) sum += channelSum;
        Sum = bias is float b ? sum + b : sum;
        Expression = Total(channelExpressions, channelSums, bias, Sum);
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

    /// <summary>The padded-input cells under the kernel, one per kernel element in row-major kernel order (dilation spreads
    /// them apart); the window covers the same cells in every channel.</summary>
    public IReadOnlyList<(int Row, int Column)> Cells { get; }

    /// <summary>The padded-input values under the kernel: channel 0's in <see cref="Cells"/> order, then channel 1's, and so on.</summary>
    public IReadOnlyList<float> Values { get; }

    /// <summary>Each input value times its kernel weight, in the order of <see cref="Values"/>.</summary>
    public IReadOnlyList<float> Products { get; }

    /// <summary>The sum of each input channel's products (one value for a single-channel trace).</summary>
    public IReadOnlyList<float> ChannelSums { get; }

    /// <summary>The bias added to the channel sums, or null without one.</summary>
    public float? Bias { get; }

    /// <summary>The output value at (OutputRow, OutputColumn): the channel sums plus the bias.</summary>
    public float Sum { get; }

    /// <summary>Each channel's computation written out, e.g. "0x0 + 1x1 + 3x2 + 4x3 = 19" (input x weight, negatives in parentheses).</summary>
    public IReadOnlyList<string> ChannelExpressions { get; }

    /// <summary>
    /// The whole computation. One channel without bias: "0x0 + 1x1 + 3x2 + 4x3 = 19". Otherwise each channel's
    /// expression, then the total: "channel 0: ... = 19; channel 1: ... = 5; 19 + 5 + bias 0.5 = 24.5".
    /// </summary>
    public string Expression { get; }

    /// <summary>"output[0, 0]: 0x0 + 1x1 + 3x2 + 4x3 = 19".</summary>
    public override string ToString() => $"output[{OutputRow}, {OutputColumn}]: {Expression}";

    private static string Total(string[] channelExpressions, float[] channelSums, float? bias, float sum)
    {
        if (channelExpressions.Length == 1 && bias is null) return channelExpressions[0];
        List<string> parts = channelExpressions.Length == 1
            ? [channelExpressions[0]]
            : channelExpressions.Select((e, c) => $"channel {c}: {e}").ToList();
        var terms = channelSums.Select(ConvTrace.FormatNumber).ToList();
        if (bias is float b) terms.Add($"bias {ConvTrace.FormatNumber(b)}");
        parts.Add($"{string.Join(" + ", terms)} = {ConvTrace.FormatNumber(sum)}");
        return string.Join("; ", parts);
    }
}
