namespace DeepImaging.NN;

/// <summary>
/// Max pooling, like PyTorch's <c>nn.MaxPool2d</c>: keeps the largest value of each kernelSize window. The stride
/// defaults to the kernel size, so a 2 x 2 pool halves height and width. No parameters.
/// </summary>
public sealed class MaxPool2d : Module
{
    /// <summary>Creates the layer; <paramref name="stride"/> defaults to <paramref name="kernelSize"/>.</summary>
    public MaxPool2d(Pair kernelSize, Pair? stride = null, Pair padding = default)
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
    /// <summary>Padding (never picked as a maximum).</summary>
    public Pair Padding { get; }

    /// <summary>Forward and backward are <see cref="Functional.MaxPool2d"/>: the gradient goes only to the position of each maximum.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Describe(input.shape);
        return Functional.MaxPool2d(input, KernelSize, Stride, Padding);
    }

    /// <inheritdoc/>
    public override LayerSummary Describe(int[] inputShape) => Pooling.Summarize(nameof(MaxPool2d), KernelSize, Stride, Padding, inputShape);

    /// <summary>Like PyTorch: <c>MaxPool2d(kernel_size=2, stride=2, padding=0)</c>.</summary>
    public override string ToString() => Pooling.Repr(nameof(MaxPool2d), KernelSize, Stride, Padding);
}
