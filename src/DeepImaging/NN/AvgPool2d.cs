namespace DeepImaging.NN;

/// <summary>
/// Average pooling, like PyTorch's <c>nn.AvgPool2d</c>: replaces each kernelSize window by its mean. The stride
/// defaults to the kernel size, so a 2 x 2 pool halves height and width. No parameters.
/// </summary>
public sealed class AvgPool2d : Module
{
    /// <summary>Creates the layer; <paramref name="stride"/> defaults to <paramref name="kernelSize"/>.</summary>
    public AvgPool2d(Pair kernelSize, Pair? stride = null, Pair padding = default)
    {
        KernelSize = kernelSize;
        Stride = stride ?? kernelSize;
        Padding = padding;
        Pooling.CheckArguments(ToString(), KernelSize, Stride, Padding);
    }

    /// <summary>Window height and width.</summary>
    public Pair KernelSize { get; }
    /// <summary>Step between windows.</summary>
    public Pair Stride { get; }
    /// <summary>Padding (zeros, counted in the mean).</summary>
    public Pair Padding { get; }

    /// <summary>Forward and backward are <see cref="Functional.AvgPool2d"/>: each window shares its gradient equally among its inputs.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Describe(input.shape);
        return Functional.AvgPool2d(input, KernelSize, Stride, Padding);
    }

    /// <inheritdoc/>
    public override LayerSummary Describe(int[] inputShape) => Pooling.Summarize(nameof(AvgPool2d), KernelSize, Stride, Padding, inputShape);

    /// <summary>Like PyTorch: <c>AvgPool2d(kernel_size=2, stride=2, padding=0)</c>.</summary>
    public override string ToString() => Pooling.Repr(nameof(AvgPool2d), KernelSize, Stride, Padding);
}
