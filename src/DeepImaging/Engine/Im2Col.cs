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
    public static void Unfold(float[] input, int inputOffset, int channels, ConvGeometry g, Span<float> columns) =>
        Walk(input, inputOffset, channels, g, columns, unfold: true);

    /// <summary>col2im: adds <paramref name="columns"/> back onto the input planes (the gradient of <see cref="Unfold"/>).</summary>
    public static void Fold(Span<float> columns, int channels, ConvGeometry g, Span<float> input, int inputOffset) =>
        Walk(input, inputOffset, channels, g, columns, unfold: false);

    // The walk both share: for every row of the matrix (input channel, kernel row, kernel column) and every output row,
    // the run of output columns whose input pixel lies inside the image. Unfolding copies those pixels into the row
    // (zeros for the padding); folding adds the row back onto them.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop: compile it optimised at once instead of waiting for tiered compilation
    private static void Walk(Span<float> input, int inputOffset, int channels, ConvGeometry g, Span<float> columns, bool unfold)
    {
        int positions = g.OutputPositions;
        int row = 0;
        for (int c = 0; c < channels; c++)
            for (int ki = 0; ki < g.KernelHeight; ki++)
                for (int kj = 0; kj < g.KernelWidth; kj++, row++)
                {
                    var matrixRow = columns.Slice(row * positions, positions);
                    var (first, last) = ValidColumns(g, kj);
                    for (int oh = 0; oh < g.OutHeight; oh++)
                    {
                        var line = matrixRow.Slice(oh * g.OutWidth, g.OutWidth);
                        int ih = oh * g.StrideHeight - g.PadTop + ki * g.DilationHeight;
                        bool inside = ih >= 0 && ih < g.Height && first < last;
                        if (unfold)
                        {
                            if (!inside) line.Clear();
                            else { line[..first].Clear(); line[last..].Clear(); }
                        }
                        if (!inside) continue;
                        int at = inputOffset + (c * g.Height + ih) * g.Width - g.PadLeft + kj * g.DilationWidth;
                        if (g.StrideWidth == 1)
                        {
                            var pixels = input.Slice(at + first, last - first);
                            if (unfold) pixels.CopyTo(line[first..last]);
                            else pixels.Add(line[first..last]);
                        }
                        else
                            for (int ow = first; ow < last; ow++)
                                if (unfold) line[ow] = input[at + ow * g.StrideWidth];
                                else input[at + ow * g.StrideWidth] += line[ow];
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
