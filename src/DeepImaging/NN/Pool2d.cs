namespace DeepImaging.NN;

/// <summary>
/// What <see cref="MaxPool2d"/> and <see cref="AvgPool2d"/> share (as PyTorch's pooling base classes do): the window
/// settings, their checks and the shape arithmetic. Pooling layers have no parameters and count no mult-adds.
/// </summary>
public abstract class Pool2d : Module
{
    /// <summary>Checks the window settings once, when the layer is made; <paramref name="stride"/> defaults to <paramref name="kernelSize"/>.</summary>
    protected Pool2d(Pair kernelSize, Pair? stride, Pair padding)
    {
        KernelSize = kernelSize;
        Stride = stride ?? kernelSize;
        Padding = padding;
        Functional.CheckPoolWindow(KernelSize, Stride, Padding, ToString());
    }

    /// <summary>Window height and width.</summary>
    public Pair KernelSize { get; }

    /// <summary>Step between windows.</summary>
    public Pair Stride { get; }

    /// <summary>Rows and columns of padding on each side.</summary>
    public Pair Padding { get; }

    /// <summary>The output shape [..., C, H', W'] for an input [N, C, H, W], [C, H, W] or [H, W].</summary>
    public override LayerSummary Describe(int[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        string layer = ToString();
        if (inputShape.Length is < 2 or > 4)
            throw new ArgumentException($"{layer}: input has shape {Shapes.Format(inputShape)}; expected [N, C, H, W], [C, H, W] or [H, W].");
        int outH = ConvArithmetic.OutputSize(inputShape[^2], KernelSize.Height, Stride.Height, Padding.Height, Padding.Height, 1, layer);
        int outW = ConvArithmetic.OutputSize(inputShape[^1], KernelSize.Width, Stride.Width, Padding.Width, Padding.Width, 1, layer);
        return new LayerSummary("", GetType().Name, [.. inputShape[..^2], outH, outW], 0, "", 0)
        {
            Window = new SlidingWindow(KernelSize, Stride, 1, Padding.Height, Padding.Width),
        };
    }

    /// <summary>Like PyTorch: <c>MaxPool2d(kernel_size=2, stride=2, padding=0)</c>.</summary>
    public override string ToString() => $"{GetType().Name}(kernel_size={KernelSize}, stride={Stride}, padding={Padding})";
}
