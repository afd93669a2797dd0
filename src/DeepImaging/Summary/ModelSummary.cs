using System.Globalization;
using System.Text;

namespace DeepImaging.NN;

/// <summary>
/// A torchinfo-style summary of a model: per layer its type, output shape, parameter count with the formula written
/// out (e.g. "2 x 4 + 4 = 12") and mult-adds, then the totals and the float32 memory of the parameters.
/// Everything comes from shape arithmetic: no forward pass is run and no weights are allocated.
/// </summary>
public sealed class ModelSummary
{
    private ModelSummary(int[] inputShape, IReadOnlyList<LayerSummary> rows)
    {
        InputShape = (int[])inputShape.Clone();
        Rows = ReceptiveFields.Annotate(InputShape, rows);
        TotalParameters = Sum("ModelSummary", "total parameter count", rows.Select(r => r.Parameters));
        TotalMultAdds = Sum("ModelSummary", "total mult-add count", rows.Select(r => r.MultAdds));
        ParameterBytes = Product("ModelSummary", "parameter memory in bytes", TotalParameters, sizeof(float));
    }

    /// <summary>One row per layer, in order.</summary>
    public IReadOnlyList<LayerSummary> Rows { get; }

    /// <summary>The shape of the input the summary was made for.</summary>
    public int[] InputShape { get; }

    /// <summary>The shape the model outputs for that input.</summary>
    public int[] OutputShape => Rows.Count > 0 ? Rows[^1].OutputShape : InputShape;

    /// <summary>The number of trainable values in all layers.</summary>
    public long TotalParameters { get; }

    /// <summary>Multiply-add operations of one forward pass over the input batch.</summary>
    public long TotalMultAdds { get; }

    /// <summary>Memory of the parameters as float32: 4 bytes each.</summary>
    public long ParameterBytes { get; }

    /// <summary><see cref="ParameterBytes"/> in megabytes (1 MB = 1,000,000 bytes).</summary>
    public double ParameterMegabytes => ParameterBytes / 1e6;

    /// <summary>
    /// Summarises <paramref name="model"/> for an input of <paramref name="inputShape"/> (e.g. 1, 3, 32, 32) using each
    /// layer's <see cref="Module.Describe"/>; a <see cref="Sequential"/> gets one row per layer, shapes chained, and a
    /// layer that cannot take its input is reported with its index and type.
    /// </summary>
    public static ModelSummary Of(Module model, params int[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputShape);
        Shapes.CheckDimensions(inputShape, "ModelSummary");
        var rows = model is Sequential sequential ? LayerRows.Rows(sequential, inputShape, "") : [model.Describe(inputShape)];
        return new ModelSummary(inputShape, rows);
    }

    /// <summary>
    /// Summarises a chain of layers described by their settings alone (see <see cref="LayerSpec"/>), for an input of
    /// <paramref name="inputShape"/>; no weights are allocated.
    /// </summary>
    public static ModelSummary Of(int[] inputShape, params LayerSpec[] layers)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(layers);
        Shapes.CheckDimensions(inputShape, "ModelSummary");
        var rows = new List<LayerSummary>();
        var shape = inputShape;
        for (int i = 0; i < layers.Length; i++)
        {
            string name = i.ToString(CultureInfo.InvariantCulture);
            try
            {
                rows.Add(layers[i].Describe(shape) with { Name = name });
            }
            catch (ArgumentException e)
            {
                throw Sequential.LayerError("ModelSummary", name, layers[i].Type, shape, e);
            }
            shape = rows[^1].OutputShape;
        }
        return new ModelSummary(inputShape, rows);
    }

    /// <summary>
    /// A fully connected network from its layer sizes alone, e.g. Dense(2, 4) = one Linear(2, 4) layer with
    /// 2 x 4 + 4 = 12 parameters; Dense(196608, 1000, 1) has 196,610,001. Input shape [1, first size].
    /// </summary>
    public static ModelSummary Dense(params int[] layerSizes)
    {
        ArgumentNullException.ThrowIfNull(layerSizes);
        if (layerSizes.Length < 2)
            throw new ArgumentException($"ModelSummary.Dense: needs at least two sizes (inputs and outputs), got {layerSizes.Length}.", nameof(layerSizes));
        return Of([1, layerSizes[0]], [.. layerSizes[1..].Select(size => LayerSpec.Linear(size))]);
    }

    /// <summary>A text table like torchinfo's, with thousands separators (e.g. 196,610,001).</summary>
    public override string ToString()
    {
        // The receptive-field column only means something for an image input.
        bool fields = HasReceptiveFields;
        string[] header = ["Layer (type)", "Output shape", "Param #", "Parameter formula", "Mult-adds", .. (fields ? new[] { "Receptive field" } : [])];
        var cells = Rows.Select(r => (string[])
        [
            r.Name.Length == 0 ? r.Type : $"{r.Name} ({r.Type})",
            Shapes.Format(r.OutputShape),
            r.Parameters == 0 ? "--" : SummaryText.Count(r.Parameters),
            r.ParameterFormula,
            r.MultAdds == 0 ? "--" : SummaryText.Count(r.MultAdds),
            .. (fields ? new[] { SummaryText.ReceptiveField(r) } : []),
        ]).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(c => cells.Select(row => row[c].Length).Append(header[c].Length).Max()).ToArray();
        bool[] rightAligned = [false, false, true, false, true, true];

        string Line(string[] row) => string.Join("   ", row.Select((cell, c) => rightAligned[c] ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).TrimEnd();
        string rule = new('=', widths.Sum() + 3 * (widths.Length - 1));

        var text = new StringBuilder();
        text.AppendLine(Line(header)).AppendLine(rule);
        foreach (var row in cells) text.AppendLine(Line(row));
        text.AppendLine(rule);
        text.AppendLine($"Input shape: {Shapes.Format(InputShape)}");
        text.AppendLine($"Output shape: {Shapes.Format(OutputShape)}");
        text.AppendLine($"Total parameters: {SummaryText.Count(TotalParameters)}");
        text.AppendLine($"Total mult-adds: {SummaryText.Count(TotalMultAdds)}");
        text.Append($"Parameter memory (float32, 4 bytes each): {SummaryText.Count(ParameterBytes)} bytes = {ParameterMegabytes.ToString("F2", CultureInfo.InvariantCulture)} MB");
        return text.ToString();
    }

    /// <summary>True when the input is an image, so that every row has a <see cref="LayerSummary.ReceptiveField"/>.</summary>
    public bool HasReceptiveFields => Rows.Any(r => r.ReceptiveField is not null);

    /// <summary>
    /// A row's receptive field as the tables show it, height x width in input pixels: "5x5", or "28x28 (all)" from the
    /// first dense layer on; "" when the row has none (the same as <see cref="SummaryText.ReceptiveField"/>).
    /// </summary>
    public static string ReceptiveFieldText(LayerSummary row) => SummaryText.ReceptiveField(row);

    /// <summary>
    /// The product of counts (parameters, mult-adds) in checked 64-bit arithmetic: a count past long.MaxValue is refused
    /// with an <see cref="ArgumentException"/> naming <paramref name="owner"/>, never wrapped to a wrong number.
    /// </summary>
    internal static long Product(string owner, string what, params long[] factors)
    {
        try
        {
            return factors.Aggregate(1L, (product, factor) => checked(product * factor));
        }
        catch (OverflowException)
        {
            throw TooLarge(owner, what);
        }
    }

    /// <summary>The sum of counts in checked 64-bit arithmetic, refused like <see cref="Product"/> when it passes long.MaxValue.</summary>
    internal static long Sum(string owner, string what, IEnumerable<long> counts)
    {
        try
        {
            return counts.Aggregate(0L, (sum, count) => checked(sum + count));
        }
        catch (OverflowException)
        {
            throw TooLarge(owner, what);
        }
    }

    private static ArgumentException TooLarge(string owner, string what) =>
        new($"{owner}: the {what} passes {SummaryText.Count(long.MaxValue)}, the largest count a summary can show; use smaller sizes.");
}
