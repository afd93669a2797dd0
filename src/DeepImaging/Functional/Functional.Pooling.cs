using System.Runtime.CompilerServices;

namespace DeepImaging;

public static partial class Functional
{
    /// <summary>
    /// Max pooling: the largest value in each kernelSize window, moving by <paramref name="stride"/> (default: the kernel size,
    /// so windows do not overlap). Padding counts as -infinity, so it is never picked. Input [N, C, H, W], [C, H, W] or [H, W].
    /// </summary>
    public static Tensor MaxPool2d(Tensor input, Pair kernelSize, Pair? stride = null, Pair padding = default) =>
        Pool(input, kernelSize, stride ?? kernelSize, padding, max: true, "MaxPool2d");

    /// <summary>
    /// Average pooling: the mean of each kernelSize window (padding counts as zeros in the mean, PyTorch's default
    /// count_include_pad = true). Input [N, C, H, W], [C, H, W] or [H, W].
    /// </summary>
    public static Tensor AvgPool2d(Tensor input, Pair kernelSize, Pair? stride = null, Pair padding = default) =>
        Pool(input, kernelSize, stride ?? kernelSize, padding, max: false, "AvgPool2d");

    /// <summary>Kernel and stride at least 1, padding between 0 and half the kernel (so every window covers some input).</summary>
    internal static void CheckPoolWindow(Pair kernel, Pair stride, Pair padding, string operation)
    {
        ConvArithmetic.CheckWindow(kernel, stride, 1, operation);
        if (padding.Height < 0 || padding.Width < 0 || 2L * padding.Height > kernel.Height || 2L * padding.Width > kernel.Width)
            throw new ArgumentException($"{operation}: padding {padding} must be between 0 and half the kernel size {kernel.AsSize()}, so that every window covers some input.");
    }

    private static Tensor Pool(Tensor input, Pair kernel, Pair stride, Pair padding, bool max, string operation)
    {
        var x = As4d(input, operation, out int added);
        CheckPoolWindow(kernel, stride, padding, operation);
        var g = ConvGeometry.Create(operation, x.shape, kernel, stride, (padding.Height, padding.Width), 1);
        int planes = g.Batch * g.Channels, planeIn = g.Height * g.Width, planeOut = g.OutputPositions;
        var outShape = g.OutputShape(g.Channels, operation);
        var output = new float[Shapes.Count(outShape)];
        var argmax = max ? new int[output.Length] : null; // where each maximum came from, for the backward pass
        float scale = 1f / (kernel.Height * kernel.Width);
        var xData = x.data;

        // The window loops are hot: compile them optimised at once instead of waiting for tiered compilation.
        Parallel.For(0, planes, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (plane) =>
        {
            for (int oh = 0; oh < g.OutHeight; oh++)
                for (int ow = 0; ow < g.OutWidth; ow++)
                {
                    int h0 = oh * g.StrideHeight - g.PadTop, w0 = ow * g.StrideWidth - g.PadLeft;
                    float best = float.NegativeInfinity, sum = 0;
                    int bestAt = -1;
                    for (int i = Math.Max(h0, 0); i < Math.Min(h0 + kernel.Height, g.Height); i++)
                        for (int j = Math.Max(w0, 0); j < Math.Min(w0 + kernel.Width, g.Width); j++)
                        {
                            int at = plane * planeIn + i * g.Width + j;
                            float v = xData[at];
                            sum += v;
                            if (bestAt < 0 || v > best || float.IsNaN(v)) { best = v; bestAt = at; }
                        }
                    int o = plane * planeOut + oh * g.OutWidth + ow;
                    if (argmax is not null) { output[o] = best; argmax[o] = bestAt; }
                    else output[o] = sum * scale;
                }
        });

        var result = Tensor.Record(output, outShape, operation, [x], [MethodImpl(MethodImplOptions.AggressiveOptimization)] (grad) =>
        {
            var gradInput = new float[xData.Length];
            if (argmax is not null)
            {
                for (int o = 0; o < argmax.Length; o++) gradInput[argmax[o]] += grad.data[o];
            }
            else
            {
                // Each window spreads its gradient evenly over the input values it averaged.
                for (int plane = 0; plane < planes; plane++)
                    for (int oh = 0; oh < g.OutHeight; oh++)
                        for (int ow = 0; ow < g.OutWidth; ow++)
                        {
                            float share = grad.data[plane * planeOut + oh * g.OutWidth + ow] * scale;
                            int h0 = oh * g.StrideHeight - g.PadTop, w0 = ow * g.StrideWidth - g.PadLeft;
                            for (int i = Math.Max(h0, 0); i < Math.Min(h0 + kernel.Height, g.Height); i++)
                                for (int j = Math.Max(w0, 0); j < Math.Min(w0 + kernel.Width, g.Width); j++)
                                    gradInput[plane * planeIn + i * g.Width + j] += share;
                        }
            }
            x.AccumulateGrad(new Tensor(gradInput, x.shape));
        });
        return From4d(result, added);
    }
}
