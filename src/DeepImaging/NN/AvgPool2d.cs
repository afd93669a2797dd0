namespace DeepImaging.NN;

/// <summary>
/// Average pooling, like PyTorch's <c>nn.AvgPool2d</c>: replaces each kernelSize window by its mean. The stride
/// defaults to the kernel size, so a 2 x 2 pool halves height and width. No parameters.
/// </summary>
public sealed class AvgPool2d(Pair kernelSize, Pair? stride = null, Pair padding = default) : Pool2d(kernelSize, stride, padding)
{
    /// <summary>Forward and backward are <see cref="Functional.AvgPool2d"/>: each window shares its gradient equally among its inputs (padding zeros count in the mean).</summary>
    public override Tensor Forward(Tensor input) => Functional.AvgPool(input, KernelSize, Stride, Padding, Name);
}
