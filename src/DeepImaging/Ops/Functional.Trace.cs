namespace DeepImaging;

public static partial class Functional
{
    /// <summary>
    /// Runs a 2-D convolution producing one output channel and records every step: which cells the window covers in
    /// each input channel, the products, each channel's sum, the bias and the total, as CNN Explainer shows it.
    /// One channel: <paramref name="input"/> [H, W] with <paramref name="kernel"/> [kH, kW]; for the notes' example
    /// (0..8 as 3x3, kernel 0..3 as 2x2) the first step reads "0x0 + 1x1 + 3x2 + 4x3 = 19". Several channels:
    /// input [C, H, W] with kernel [C, kH, kW], e.g. an RGB patch with the weights of one output channel of a layer,
    /// <c>TraceConv2d(patch, layer.Weight.Select(0, k), bias: layer.Bias?[k])</c>.
    /// </summary>
    /// <param name="input">The image, [H, W] or [C, H, W].</param>
    /// <param name="kernel">The kernel, [kH, kW] or [C, kH, kW] (one kernel slice per input channel).</param>
    /// <param name="stride">How far the kernel moves each step. Default 1.</param>
    /// <param name="padding">Zero rows/columns around the input, or Padding.Valid/Same/Full. Default 0.</param>
    /// <param name="dilation">Spacing between kernel elements. Default 1.</param>
    /// <param name="bias">A value added to every output value, or null for none.</param>
    /// <exception cref="ArgumentException">The shapes do not go together, the arguments are invalid for Conv2d, or the trace would exceed <see cref="ConvTrace.MaxSteps"/> steps, <see cref="ConvTrace.MaxProducts"/> products or <see cref="ConvTrace.MaxPaddedCells"/> padded cells.</exception>
    public static ConvTrace TraceConv2d(Tensor input, Tensor kernel, Pair? stride = null, Padding padding = default, Pair? dilation = null, float? bias = null)
    {
        ArgumentNullException.ThrowIfNull(input, nameof(input));
        ArgumentNullException.ThrowIfNull(kernel, nameof(kernel));
        bool oneChannel = input.Rank == 2 && kernel.Rank == 2;
        if (!oneChannel && !(input.Rank == 3 && kernel.Rank == 3 && input.shape[0] == kernel.shape[0]))
            throw new ArgumentException(
                $"TraceConv2d: input {input.ShapeString} and kernel {kernel.ShapeString} do not go together: trace one channel with input [H, W] and kernel [kH, kW], " +
                "or several with input [C, H, W] and kernel [C, kH, kW] (the same C). For a batch, select one image first, e.g. images.Select(0, 0).");
        int channels = oneChannel ? 1 : input.shape[0];
        int height = input.Size(-2), width = input.Size(-1);
        Pair s = stride ?? 1, d = dilation ?? 1;
        var g = ConvGeometry.Create("TraceConv2d", [1, channels, height, width], (kernel.Size(-2), kernel.Size(-1)), s, padding, d);
        int steps = g.OutputPositions, window = g.KernelHeight * g.KernelWidth;
        if (steps > ConvTrace.MaxSteps || (long)steps * channels * window > ConvTrace.MaxProducts)
            throw new ArgumentException(
                $"TraceConv2d: input {input.ShapeString} with kernel {kernel.ShapeString} (padding {padding}, stride {s}) gives {g.OutHeight}x{g.OutWidth} = {steps} steps " +
                $"of {channels * window} products; a trace is limited to {ConvTrace.MaxSteps} steps and {ConvTrace.MaxProducts} products. " +
                "Trace a small crop (input.Slice(-2, top, top + 16).Slice(-1, left, left + 16)) and use Conv2d for the whole image.");
        long paddedCells = ((long)g.Height + g.PadTop + g.PadBottom) * ((long)g.Width + g.PadLeft + g.PadRight);
        if (paddedCells > ConvTrace.MaxPaddedCells)
            throw new ArgumentException(
                $"TraceConv2d: padding {padding} makes the padded input {(long)g.Height + g.PadTop + g.PadBottom}x{(long)g.Width + g.PadLeft + g.PadRight} = {paddedCells:N0} cells; a trace keeps and draws the padded input, " +
                $"so it is limited to {ConvTrace.MaxPaddedCells:N0} cells (1024 x 1024). Use less padding.");

        using (Tensor.NoGrad())
        {
            // Copies, so the trace still describes this call if the caller later changes the tensors in place.
            var x = Tensor.From(input.ToArray(), input.Shape);
            var w = Tensor.From(kernel.ToArray(), kernel.Shape);
            var padded = Pad(x, g.PadTop, g.PadBottom, g.PadLeft, g.PadRight);
            var output = Convolve(x.Reshape(1, channels, height, width), w.Reshape(1, channels, g.KernelHeight, g.KernelWidth),
                    bias is float b ? Tensor.From([b], 1) : null, g, groups: 1, "TraceConv2d")
                .Reshape(g.OutHeight, g.OutWidth);
            int paddedHeight = padded.Size(-2), paddedWidth = padded.Size(-1);
            var trace = new ConvTraceStep[steps];
            for (int row = 0; row < g.OutHeight; row++)
                for (int col = 0; col < g.OutWidth; col++)
                {
                    int top = row * s.Height, left = col * s.Width;
                    var cells = new (int Row, int Column)[window];
                    var values = new float[channels * window];
                    var products = new float[channels * window];
                    var channelSums = new float[channels];
                    // Kernel element (i, j) sits over padded cell (top + i*dilation, left + j*dilation), in every channel.
                    for (int i = 0; i < g.KernelHeight; i++)
                        for (int j = 0; j < g.KernelWidth; j++)
                            cells[i * g.KernelWidth + j] = (top + i * d.Height, left + j * d.Width);
                    for (int c = 0; c < channels; c++)
                        for (int k = 0; k < window; k++)
                        {
                            int e = c * window + k;
                            values[e] = padded.data[(c * paddedHeight + cells[k].Row) * paddedWidth + cells[k].Column];
                            products[e] = values[e] * w.data[e];
                            channelSums[c] += products[e];
                        }
                    int index = row * g.OutWidth + col;
                    trace[index] = new ConvTraceStep(index, row, col, top, left, cells, values, products, channelSums, bias,
                        [.. Enumerable.Range(0, channels).Select(c => ConvTrace.Expression(values.AsSpan(c * window, window), w.data.AsSpan(c * window, window), channelSums[c]))]);
                }
            return new ConvTrace(x, padded, w, output, bias, (g.PadTop, g.PadBottom, g.PadLeft, g.PadRight), s, d, trace);
        }
    }
}
