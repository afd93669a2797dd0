namespace DeepImaging.NN;

/// <summary>Shape arithmetic shared by <see cref="MaxPool2d"/> and <see cref="AvgPool2d"/>.</summary>
internal static class Pooling
{
    /// <summary>Like PyTorch: <c>MaxPool2d(kernel_size=2, stride=2, padding=0)</c>.</summary>
    public static string Repr(string type, Pair kernel, Pair stride, Pair padding) =>
        $"{type}(kernel_size={kernel}, stride={stride}, padding={padding})";

    /// <summary>Checks the window settings once, when the layer is made.</summary>
    public static void CheckArguments(string layer, Pair kernel, Pair stride, Pair padding)
    {
        ConvArithmetic.CheckPositive(kernel.Height, "kernel height", layer);
        ConvArithmetic.CheckPositive(kernel.Width, "kernel width", layer);
        ConvArithmetic.CheckPositive(stride.Height, "stride", layer);
        ConvArithmetic.CheckPositive(stride.Width, "stride", layer);
        if (padding.Height < 0 || padding.Width < 0 || 2 * padding.Height > kernel.Height || 2 * padding.Width > kernel.Width)
            throw new ArgumentException($"{layer}: padding {padding} must be between 0 and half the kernel size {kernel.AsSize()}, so that every window covers some input.");
    }

    /// <summary>The output shape [..., C, H', W'] for an input [N, C, H, W], [C, H, W] or [H, W]; no parameters, no mult-adds.</summary>
    public static LayerSummary Summarize(string type, Pair kernel, Pair stride, Pair padding, int[] inputShape)
    {
        string layer = Repr(type, kernel, stride, padding);
        CheckArguments(layer, kernel, stride, padding);
        if (inputShape.Length is < 2 or > 4)
            throw new ArgumentException($"{layer}: input has shape {Shapes.Format(inputShape)}; expected [N, C, H, W], [C, H, W] or [H, W].");
        int outH = ConvArithmetic.OutputSize(inputShape[^2], kernel.Height, stride.Height, padding.Height, padding.Height, 1, layer);
        int outW = ConvArithmetic.OutputSize(inputShape[^1], kernel.Width, stride.Width, padding.Width, padding.Width, 1, layer);
        return new LayerSummary("", type, [.. inputShape[..^2], outH, outW], 0, "", 0);
    }
}
