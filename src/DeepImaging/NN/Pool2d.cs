namespace DeepImaging.NN;

/// <summary>
/// What <see cref="MaxPool2d"/> and <see cref="AvgPool2d"/> share (as PyTorch's pooling base classes do): the window
/// settings and their checks. Pooling layers have no parameters.
/// </summary>
public abstract class Pool2d : Module
{
    /// <summary>Checks the window settings once, when the layer is made; <paramref name="stride"/> defaults to <paramref name="kernelSize"/>.</summary>
    protected Pool2d(Pair kernelSize, Pair? stride, Pair padding)
    {
        KernelSize = kernelSize;
        Stride = stride ?? kernelSize;
        Padding = padding;
        Name = $"{GetType().Name}(kernel_size={KernelSize}, stride={Stride}, padding={Padding})";
        Functional.CheckPoolWindow(KernelSize, Stride, Padding, Name);
    }

    /// <summary>Window height and width.</summary>
    public Pair KernelSize { get; }

    /// <summary>Step between windows.</summary>
    public Pair Stride { get; }

    /// <summary>Rows and columns of padding on each side.</summary>
    public Pair Padding { get; }

    /// <summary>The layer as <see cref="ToString"/> writes it, which errors start with (made once, not at every step).</summary>
    private protected string Name { get; }

    /// <summary>Like PyTorch: <c>MaxPool2d(kernel_size=2, stride=2, padding=0)</c>.</summary>
    public override string ToString() => Name;
}
