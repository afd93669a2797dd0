using DeepImaging.Engine;

namespace DeepImaging;

public static partial class Functional
{
    /// <summary>
    /// Max pooling: the largest value in each kernelSize window, moving by <paramref name="stride"/> (default: the kernel size,
    /// so windows do not overlap). Padding counts as -infinity, so it is never picked. Input [N, C, H, W], [C, H, W] or [H, W].
    /// </summary>
    public static Tensor MaxPool2d(Tensor input, Pair kernelSize, Pair? stride = null, Pair padding = default) =>
        MaxPool(input, kernelSize, stride ?? kernelSize, padding, "MaxPool2d");

    /// <summary>
    /// Average pooling: the mean of each kernelSize window (padding counts as zeros in the mean, PyTorch's default
    /// count_include_pad = true). Input [N, C, H, W], [C, H, W] or [H, W].
    /// </summary>
    public static Tensor AvgPool2d(Tensor input, Pair kernelSize, Pair? stride = null, Pair padding = default) =>
        AvgPool(input, kernelSize, stride ?? kernelSize, padding, "AvgPool2d");

    /// <summary>Max pooling with the error messages naming <paramref name="operation"/> (the function, or the layer that calls it).</summary>
    internal static Tensor MaxPool(Tensor input, Pair kernel, Pair stride, Pair padding, string operation)
    {
        var x = As4d(input, operation, out int added);
        var g = PoolGeometry(x, kernel, stride, padding, operation);
        var outShape = g.OutputShape(g.Channels, operation);
        var output = new float[Shapes.Count(outShape)];
        var from = new int[output.Length]; // where each maximum came from
        ConvolutionDriver.ForEachWindow(g, (plane, oh, ow, o) =>
        {
            // out = the largest input value under the window (the first one on ties; NaN wins, as in PyTorch).
            var (top, bottom, left, right) = Window(g, oh, ow);
            int best = -1;
            for (int i = top; i < bottom; i++)
                for (int j = left; j < right; j++)
                {
                    int at = (plane * g.Height + i) * g.Width + j;
                    if (best < 0 || x.data[at] > x.data[best] || float.IsNaN(x.data[at])) best = at;
                }
            output[o] = x.data[best];
            from[o] = best;
        });
        return From4d(Tensor.Record(output, outShape, "MaxPool2d", [x], dOut =>
        {
            // dx: each output's gradient goes to the one input value it came from.
            var dx = new float[x.Count];
            for (int o = 0; o < from.Length; o++) dx[from[o]] += dOut.data[o];
            x.AccumulateGrad(new Tensor(dx, x.shape));
        }), added);
    }

    /// <summary>Average pooling with the error messages naming <paramref name="operation"/> (the function, or the layer that calls it).</summary>
    internal static Tensor AvgPool(Tensor input, Pair kernel, Pair stride, Pair padding, string operation)
    {
        var x = As4d(input, operation, out int added);
        var g = PoolGeometry(x, kernel, stride, padding, operation);
        var outShape = g.OutputShape(g.Channels, operation);
        var output = new float[Shapes.Count(outShape)];
        float scale = 1f / (kernel.Height * kernel.Width); // padding counts in the mean
        ConvolutionDriver.ForEachWindow(g, (plane, oh, ow, o) =>
        {
            // out = (the sum of the input values under the window) / (kernel height x width).
            var (top, bottom, left, right) = Window(g, oh, ow);
            float sum = 0;
            for (int i = top; i < bottom; i++)
                for (int j = left; j < right; j++)
                    sum += x.data[(plane * g.Height + i) * g.Width + j];
            output[o] = sum * scale;
        });
        return From4d(Tensor.Record(output, outShape, "AvgPool2d", [x], dOut =>
        {
            // dx: each window spreads its gradient evenly over the input values it averaged.
            var dx = new float[x.Count];
            for (int plane = 0, o = 0; plane < g.Batch * g.Channels; plane++)
                for (int oh = 0; oh < g.OutHeight; oh++)
                    for (int ow = 0; ow < g.OutWidth; ow++, o++)
                    {
                        var (top, bottom, left, right) = Window(g, oh, ow);
                        float share = dOut.data[o] * scale;
                        for (int i = top; i < bottom; i++)
                            for (int j = left; j < right; j++)
                                dx[(plane * g.Height + i) * g.Width + j] += share;
                    }
            x.AccumulateGrad(new Tensor(dx, x.shape));
        }), added);
    }

    /// <summary>Kernel and stride at least 1, padding between 0 and half the kernel (so every window covers some input).</summary>
    internal static void CheckPoolWindow(Pair kernel, Pair stride, Pair padding, string operation)
    {
        ConvArithmetic.CheckWindow(kernel, stride, 1, operation);
        if (padding.Height < 0 || padding.Width < 0 || 2L * padding.Height > kernel.Height || 2L * padding.Width > kernel.Width)
            throw new ArgumentException($"{operation}: padding {padding} must be between 0 and half the kernel size {kernel.AsSize()}, so that every window covers some input.");
    }

    private static ConvGeometry PoolGeometry(Tensor x, Pair kernel, Pair stride, Pair padding, string operation)
    {
        CheckPoolWindow(kernel, stride, padding, operation);
        return ConvGeometry.Create(operation, x.shape, kernel, stride, (padding.Height, padding.Width), 1);
    }

    /// <summary>The input rows [top, bottom) and columns [left, right) under the window of output (oh, ow); padding holds no values.</summary>
    private static (int Top, int Bottom, int Left, int Right) Window(ConvGeometry g, int oh, int ow)
    {
        int h0 = oh * g.StrideHeight - g.PadTop, w0 = ow * g.StrideWidth - g.PadLeft;
        return (Math.Max(h0, 0), Math.Min(h0 + g.KernelHeight, g.Height), Math.Max(w0, 0), Math.Min(w0 + g.KernelWidth, g.Width));
    }
}
