using System.Globalization;

namespace DeepImaging.NN;

/// <summary>
/// How summaries write their numbers, in one place for the text table (<see cref="ModelSummary.ToString"/>), the HTML
/// table and the magics: counts with thousands separators, parameter formulas, sums written out, receptive fields.
/// </summary>
public static class SummaryText
{
    /// <summary>A count with thousands separators, whatever the machine's culture: 196,610,001.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Counts added up and written out, e.g. "12 + 5 = 17"; "" for no counts.</summary>
    /// <exception cref="ArgumentException">The sum passes the 64-bit range.</exception>
    public static string Sum(IEnumerable<long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var parts = counts.ToList();
        return parts.Count == 0 ? "" : $"{string.Join(" + ", parts.Select(Count))} = {Count(ModelSummary.Sum("SummaryText", "sum", parts))}";
    }

    /// <summary>
    /// A summary's parameter total as the sum of its layers, e.g. "12 + 5 = 17" for a network of two layers with
    /// parameters, or just "17" when at most one layer has any.
    /// </summary>
    public static string ParameterSum(ModelSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var counted = summary.Rows.Where(r => r.Parameters > 0).Select(r => r.Parameters).ToList();
        return counted.Count > 1 ? Sum(counted) : Count(summary.TotalParameters);
    }

    /// <summary>
    /// A row's receptive field as the tables show it, height x width in input pixels: "5x5", or "28x28 (all)" from the
    /// first dense layer on; "" when the row has none.
    /// </summary>
    public static string ReceptiveField(LayerSummary row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Field switch
        {
            null => "",
            var field => $"{field.Height.Size}x{field.Width.Size}{(field.Whole ? " (all)" : "")}",
        };
    }

    /// <summary>
    /// The parameter count of a layer whose weight has <paramref name="weightShape"/> [out, in, ...] and that adds
    /// <paramref name="biases"/> biases, with its formula written inputs first, as the course does:
    /// "in x out x kH x kW + out = total" (a Linear(2, 4): "2 x 4 + 4 = 12").
    /// </summary>
    internal static (long Total, string Formula) Parameters(string layer, long[] weightShape, long biases)
    {
        long[] factors = [weightShape[1], weightShape[0], .. weightShape[2..]];
        long total = ModelSummary.Sum(layer, "parameter count", [ModelSummary.Product(layer, "parameter count", factors), biases]);
        string formula = string.Join(" x ", factors.Select(Count)) + (biases > 0 ? $" + {Count(biases)}" : "") + $" = {Count(total)}";
        return (total, formula);
    }
}
