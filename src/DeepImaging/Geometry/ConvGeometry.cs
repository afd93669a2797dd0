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

    /// <summary>The output shape [N, <paramref name="channels"/>, H', W'], refused by <paramref name="operation"/> when it is too large for a tensor.</summary>
    public int[] OutputShape(int channels, string operation)
    {
        int[] shape = [Batch, channels, OutHeight, OutWidth];
        Shapes.Count(shape, operation);
        return shape;
    }

    /// <summary>
    /// Checks the window and computes the output size in 64-bit arithmetic, refusing what does not fit: a kernel larger than the
    /// padded input, or a padded input or output too large for a tensor. Every index the convolution and pooling loops compute
    /// then stays below the padded size, so those loops can use 32-bit ints.
    /// </summary>
    public static ConvGeometry Create(string operation, int[] inputShape, Pair kernel, Pair stride, Padding padding, Pair dilation)
    {
        ConvArithmetic.CheckWindow(kernel, stride, dilation, operation);
        var (top, bottom, left, right) = padding.Resolve(kernel, stride, dilation, operation);

        int n = inputShape[0], c = inputShape[1], h = inputShape[2], w = inputShape[3];
        var rows = new WindowAxis(h, kernel.Height, stride.Height, dilation.Height, top, bottom);
        var columns = new WindowAxis(w, kernel.Width, stride.Width, dilation.Width, left, right);
        if (!rows.Fits || !columns.Fits)
        {
            long need = Math.Max(Math.Max(0, (rows.Span - h + 1) / 2), Math.Max(0, (columns.Span - w + 1) / 2));
            var remedies = new List<string> { "a smaller kernel" };
            if (need <= int.MaxValue) remedies.Insert(0, $"padding >= {need}"); // more padding than an int holds is no remedy
            if (dilation != new Pair(1, 1)) remedies.Add("a smaller dilation");
            throw new ArgumentException(
                $"{operation}: kernel {kernel.AsSize()} (dilation {dilation}) does not fit the padded input {rows.Padded}x{columns.Padded} " +
                $"(input {h}x{w}, padding {padding}): use {(remedies.Count == 1 ? remedies[0] : $"{string.Join(", ", remedies[..^1])} or {remedies[^1]}")}.");
        }
        string tooLarge = $"the padded input (input {h}x{w}, padding {padding})";
        Shapes.Dimension(rows.Padded, operation, tooLarge + " height", "use less padding");
        Shapes.Dimension(columns.Padded, operation, tooLarge + " width", "use less padding");
        int outH = (int)rows.Output, outW = (int)columns.Output;
        Shapes.Count([outH, outW], operation); // the output positions of one plane
        return new ConvGeometry(n, c, h, w, kernel.Height, kernel.Width, stride.Height, stride.Width,
            dilation.Height, dilation.Width, top, bottom, left, right, outH, outW);
    }
}
