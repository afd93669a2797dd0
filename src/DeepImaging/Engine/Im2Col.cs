using System.Runtime.CompilerServices;

namespace DeepImaging.Engine;

/// <summary>
/// im2col turns convolution into one matrix multiply: every receptive field (the input values under
/// the kernel at one output position) becomes a column, so that output = weights · columns.
/// <see cref="Fold"/> (col2im) is its adjoint: it adds each column back onto the input positions it came from, which is
/// exactly the gradient of im2col.
/// </summary>
internal static class Im2Col
{
    /// <summary>im2col: fills <paramref name="columns"/> [channels*kH*kW, outH*outW] from <paramref name="channels"/> planes of the input starting at <paramref name="inputOffset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop: compile it optimised at once instead of waiting for tiered compilation
    public static void Unfold(ReadOnlySpan<float> input, int inputOffset, int channels, ConvGeometry g, Span<float> columns)
    {
        int positions = g.OutputPositions;
        int row = 0;
        for (int c = 0; c < channels; c++)
            for (int ki = 0; ki < g.KernelHeight; ki++)
                for (int kj = 0; kj < g.KernelWidth; kj++, row++)
                {
                    var target = columns.Slice(row * positions, positions);
                    var (first, last) = ValidColumns(g, kj);
                    for (int oh = 0; oh < g.OutHeight; oh++)
                    {
                        var line = target.Slice(oh * g.OutWidth, g.OutWidth);
                        int ih = oh * g.StrideHeight - g.PadTop + ki * g.DilationHeight;
                        if (ih < 0 || ih >= g.Height || first >= last)
                        {
                            line.Clear();
                            continue;
                        }
                        line[..first].Clear();
                        line[last..].Clear();
                        int source = inputOffset + (c * g.Height + ih) * g.Width - g.PadLeft + kj * g.DilationWidth;
                        if (g.StrideWidth == 1)
                            input.Slice(source + first, last - first).CopyTo(line[first..last]);
                        else
                            for (int ow = first; ow < last; ow++) line[ow] = input[source + ow * g.StrideWidth];
                    }
                }
    }

    /// <summary>
    /// The same matrix as <see cref="Unfold"/>, written transposed ([outH*outW, channels*kH*kW]), so that the weight
    /// gradient dOut · columnsᵀ needs no separate transpose.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop, as above
    public static void UnfoldTransposed(ReadOnlySpan<float> input, int inputOffset, int channels, ConvGeometry g, Span<float> columnsT)
    {
        int rows = g.PatchSize(channels);
        int row = 0;
        for (int c = 0; c < channels; c++)
            for (int ki = 0; ki < g.KernelHeight; ki++)
                for (int kj = 0; kj < g.KernelWidth; kj++, row++)
                {
                    var (first, last) = ValidColumns(g, kj);
                    for (int oh = 0; oh < g.OutHeight; oh++)
                    {
                        int ih = oh * g.StrideHeight - g.PadTop + ki * g.DilationHeight;
                        bool rowInside = ih >= 0 && ih < g.Height;
                        int source = inputOffset + (c * g.Height + ih) * g.Width - g.PadLeft + kj * g.DilationWidth;
                        for (int ow = 0; ow < g.OutWidth; ow++)
                            columnsT[(oh * g.OutWidth + ow) * rows + row] = rowInside && ow >= first && ow < last ? input[source + ow * g.StrideWidth] : 0f;
                    }
                }
    }

    /// <summary>col2im: adds <paramref name="columns"/> back onto the input planes (the gradient of <see cref="Unfold"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop, as above
    public static void Fold(ReadOnlySpan<float> columns, int channels, ConvGeometry g, Span<float> input, int inputOffset)
    {
        int positions = g.OutputPositions;
        int row = 0;
        for (int c = 0; c < channels; c++)
            for (int ki = 0; ki < g.KernelHeight; ki++)
                for (int kj = 0; kj < g.KernelWidth; kj++, row++)
                {
                    var source = columns.Slice(row * positions, positions);
                    var (first, last) = ValidColumns(g, kj);
                    for (int oh = 0; oh < g.OutHeight; oh++)
                    {
                        int ih = oh * g.StrideHeight - g.PadTop + ki * g.DilationHeight;
                        if (ih < 0 || ih >= g.Height) continue;
                        int target = inputOffset + (c * g.Height + ih) * g.Width - g.PadLeft + kj * g.DilationWidth;
                        for (int ow = first; ow < last; ow++) input[target + ow * g.StrideWidth] += source[oh * g.OutWidth + ow];
                    }
                }
    }

    /// <summary>The output columns [first, last) whose input column for kernel column <paramref name="kj"/> lies inside the image (not in the padding).</summary>
    private static (int First, int Last) ValidColumns(ConvGeometry g, int kj)
    {
        // In 64 bits: a padding plus a stride may pass int.MaxValue even though every index inside the padded input fits.
        long shift = (long)kj * g.DilationWidth - g.PadLeft; // input column = ow * stride + shift
        long first = shift >= 0 ? 0 : (-shift + g.StrideWidth - 1) / g.StrideWidth;
        long last = g.Width - shift <= 0 ? 0 : Math.Min(g.OutWidth, (g.Width - shift + g.StrideWidth - 1) / g.StrideWidth);
        return ((int)Math.Min(first, last), (int)last);
    }
}
