namespace DeepImaging;

/// <summary>Every size of one 2-D convolution or pooling, checked once and shared by the forward and backward passes.</summary>
internal sealed record ConvGeometry(
    int Batch, int Channels, int Height, int Width,
    int KernelHeight, int KernelWidth,
    int StrideHeight, int StrideWidth,
    int DilationHeight, int DilationWidth,
    int PadTop, int PadBottom, int PadLeft, int PadRight,
    int OutHeight, int OutWidth)
{
    /// <summary>Rows of the im2col matrix for one group: one per kernel element and input channel.</summary>
    public int PatchSize(int channelsPerGroup) => channelsPerGroup * KernelHeight * KernelWidth;

    /// <summary>Columns of the im2col matrix: one per output position.</summary>
    public int OutputPositions => OutHeight * OutWidth;

    public static ConvGeometry Create(string operation, int[] inputShape, Pair kernel, Pair stride, Padding padding, Pair dilation)
    {
        ConvArithmetic.CheckWindow(kernel, stride, dilation, operation);
        var (top, bottom, left, right) = padding.Resolve(kernel, stride, dilation, operation);

        int n = inputShape[0], c = inputShape[1], h = inputShape[2], w = inputShape[3];
        int spanH = dilation.Height * (kernel.Height - 1) + 1, spanW = dilation.Width * (kernel.Width - 1) + 1;
        int paddedH = h + top + bottom, paddedW = w + left + right;
        if (spanH > paddedH || spanW > paddedW)
        {
            int needH = Math.Max(0, (spanH - h + 1) / 2), needW = Math.Max(0, (spanW - w + 1) / 2);
            throw new ArgumentException(
                $"{operation}: kernel {kernel.AsSize()} (dilation {dilation}) does not fit the padded input {paddedH}x{paddedW} " +
                $"(input {h}x{w}, padding {padding}): use padding >= {Math.Max(needH, needW)} or a smaller kernel.");
        }
        int outH = (paddedH - spanH) / stride.Height + 1, outW = (paddedW - spanW) / stride.Width + 1;
        return new ConvGeometry(n, c, h, w, kernel.Height, kernel.Width, stride.Height, stride.Width,
            dilation.Height, dilation.Width, top, bottom, left, right, outH, outW);
    }
}
