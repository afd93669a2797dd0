namespace DeepImaging.NN;

/// <summary>
/// One axis of a receptive field, in input pixels: output value u of a layer sees the input pixels
/// Start + u · Jump .. Start + u · Jump + Size − 1 (Start is negative where the field reaches into the padding).
/// </summary>
/// <param name="Size">How many input pixels one output value sees along this axis (r).</param>
/// <param name="Jump">How many input pixels apart neighbouring output values are (j, the product of the strides so far).</param>
/// <param name="Start">The first input pixel seen by output value 0.</param>
internal readonly record struct FieldAxis(int Size, int Jump, int Start)
{
    /// <summary>The input itself: every value sees one pixel, its own.</summary>
    public static FieldAxis Pixel => new(1, 1, 0);

    /// <summary>
    /// The field after a window of <paramref name="kernel"/> elements <paramref name="dilation"/> apart, moving by
    /// <paramref name="stride"/> over an input padded with <paramref name="padBefore"/> values at the start:
    /// r = r_prev + (k_eff − 1) · j_prev with k_eff = dilation · (k − 1) + 1, j = j_prev · stride.
    /// </summary>
    public FieldAxis Through(int kernel, int stride, int dilation, int padBefore) =>
        new(Saturate(Size + (long)dilation * (kernel - 1) * Jump), Saturate((long)Jump * stride), Saturate(Start - (long)padBefore * Jump));

    /// <summary>The first input pixel that output value <paramref name="unit"/> sees.</summary>
    public long First(int unit) => Start + (long)unit * Jump;

    // Absurd strides and dilations (allowed as long as the output keeps one value) would overflow: stop at the int range.
    private static int Saturate(long value) => (int)Math.Clamp(value, int.MinValue, int.MaxValue);
}

/// <summary>
/// The receptive field of one layer's output values. <paramref name="Whole"/> once a dense layer has mixed every input
/// value: each axis then spans the whole image (or the field before, if that was already larger).
/// </summary>
internal sealed record LayerField(FieldAxis Height, FieldAxis Width, bool Whole);

/// <summary>Chains receptive fields through the rows of a summary: convolution and pooling windows grow them, dense layers make them whole.</summary>
internal static class ReceptiveFields
{
    /// <summary>The field of each row, or nulls when <paramref name="inputShape"/> is not an image ([N, C, H, W] or [C, H, W]).</summary>
    public static List<LayerField?> Of(int[] inputShape, IReadOnlyList<LayerSummary> rows)
    {
        if (inputShape.Length < 3)
            return [.. rows.Select(_ => (LayerField?)null)];
        var fields = new List<LayerField?>();
        var field = new LayerField(FieldAxis.Pixel, FieldAxis.Pixel, Whole: false);
        foreach (var row in rows)
        {
            if (!field.Whole && row.Window is { } w)
                field = new LayerField(
                    field.Height.Through(w.Kernel.Height, w.Stride.Height, w.Dilation.Height, w.PadTop),
                    field.Width.Through(w.Kernel.Width, w.Stride.Width, w.Dilation.Width, w.PadLeft),
                    Whole: false);
            else if (!field.Whole && row.Type == nameof(Linear))
                field = new LayerField(
                    field.Height with { Size = Math.Max(field.Height.Size, inputShape[^2]) },
                    field.Width with { Size = Math.Max(field.Width.Size, inputShape[^1]) },
                    Whole: true);
            fields.Add(field);
        }
        return fields;
    }

    /// <summary>The rows with <see cref="LayerSummary.ReceptiveField"/> (the larger side of the field) filled in.</summary>
    public static List<LayerSummary> Annotate(int[] inputShape, IReadOnlyList<LayerSummary> rows) =>
        [.. rows.Zip(Of(inputShape, rows), (row, field) =>
            row with { ReceptiveField = field is null ? null : Math.Max(field.Height.Size, field.Width.Size), Field = field })];
}
