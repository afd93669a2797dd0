namespace DeepImaging;

public static partial class Functional
{
    /// <summary>
    /// Runs a single-channel <see cref="Conv2d"/> of a 2-D <paramref name="input"/> [H, W] with a 2-D
    /// <paramref name="kernel"/> [kH, kW] and records every step: which cells the window covers, the products and the sum.
    /// For the notes' example (0..8 as 3x3, kernel 0..3 as 2x2) the first step reads "0x0 + 1x1 + 3x2 + 4x3 = 19".
    /// </summary>
    /// <param name="input">The image, [H, W].</param>
    /// <param name="kernel">The kernel, [kH, kW].</param>
    /// <param name="stride">How far the kernel moves each step. Default 1.</param>
    /// <param name="padding">Zero rows/columns around the input, or Padding.Valid/Same/Full. Default 0.</param>
    /// <param name="dilation">Spacing between kernel elements. Default 1.</param>
    /// <exception cref="ArgumentException">The shapes are not 2-D, the arguments are invalid for Conv2d, or the trace would exceed <see cref="ConvTrace.MaxSteps"/> steps or <see cref="ConvTrace.MaxPaddedCells"/> padded cells.</exception>
    public static ConvTrace TraceConv2d(Tensor input, Tensor kernel, Pair? stride = null, Padding padding = default, Pair? dilation = null)
    {
        ArgumentNullException.ThrowIfNull(input, nameof(input));
        ArgumentNullException.ThrowIfNull(kernel, nameof(kernel));
        if (input.Rank != 2 || kernel.Rank != 2)
            throw new ArgumentException($"TraceConv2d: traces one channel, so input must be [H, W] and kernel [kH, kW]; got input {input.ShapeString} and kernel {kernel.ShapeString}. Select one channel first, e.g. input.Select(0, 0).");
        Pair s = stride ?? 1, d = dilation ?? 1;
        var g = ConvGeometry.Create("TraceConv2d", [1, 1, input.shape[0], input.shape[1]], (kernel.shape[0], kernel.shape[1]), s, padding, d);
        int steps = g.OutputPositions, kernelSize = kernel.Count;
        if (steps > ConvTrace.MaxSteps || (long)steps * kernelSize > ConvTrace.MaxProducts)
            throw new ArgumentException(
                $"TraceConv2d: input {input.ShapeString} with kernel {kernel.ShapeString} (padding {padding}, stride {s}) gives {g.OutHeight}x{g.OutWidth} = {steps} steps " +
                $"of {kernelSize} products; a trace is limited to {ConvTrace.MaxSteps} steps and {ConvTrace.MaxProducts} products. " +
                "Trace a small crop (input.Slice(0, top, top + 16).Slice(1, left, left + 16)) and use Conv2d for the whole image.");
        long paddedHeight = (long)g.Height + g.PadTop + g.PadBottom, paddedWidth = (long)g.Width + g.PadLeft + g.PadRight;
        if (paddedHeight * paddedWidth > ConvTrace.MaxPaddedCells)
            throw new ArgumentException(
                $"TraceConv2d: padding {padding} makes the padded input {paddedHeight}x{paddedWidth} = {paddedHeight * paddedWidth:N0} cells; a trace keeps and draws the padded input, " +
                $"so it is limited to {ConvTrace.MaxPaddedCells:N0} cells (1024 x 1024). Use less padding.");

        using (Tensor.NoGrad())
        {
            // Copies, so the trace still describes this call if the caller later changes the tensors in place.
            var x = Tensor.From(input.ToArray(), input.Shape);
            var w = Tensor.From(kernel.ToArray(), kernel.Shape);
            var padded = Pad(x, g.PadTop, g.PadBottom, g.PadLeft, g.PadRight);
            var output = Conv2d(x, w, stride: s, padding: padding, dilation: d);
            int paddedColumns = padded.shape[1];
            var trace = new ConvTraceStep[steps];
            for (int row = 0; row < g.OutHeight; row++)
                for (int col = 0; col < g.OutWidth; col++)
                {
                    int top = row * s.Height, left = col * s.Width;
                    var cells = new (int Row, int Column)[kernelSize];
                    var values = new float[kernelSize];
                    var products = new float[kernelSize];
                    float sum = 0;
                    // Kernel element (i, j) sits over padded cell (top + i*dilation, left + j*dilation).
                    for (int i = 0; i < g.KernelHeight; i++)
                        for (int j = 0; j < g.KernelWidth; j++)
                        {
                            int k = i * g.KernelWidth + j, r = top + i * d.Height, c = left + j * d.Width;
                            cells[k] = (r, c);
                            values[k] = padded.data[r * paddedColumns + c];
                            products[k] = values[k] * w.data[k];
                            sum += products[k];
                        }
                    int index = row * g.OutWidth + col;
                    trace[index] = new ConvTraceStep(index, row, col, top, left, cells, values, products, sum,
                        ConvTrace.Expression(values, w.data, sum));
                }
            return new ConvTrace(x, padded, w, output, (g.PadTop, g.PadBottom, g.PadLeft, g.PadRight), s, d, trace);
        }
    }
}
