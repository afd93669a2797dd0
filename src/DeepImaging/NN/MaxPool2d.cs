namespace DeepImaging.NN;

/// <summary>
/// Max pooling, like PyTorch's <c>nn.MaxPool2d</c>: keeps the largest value of each kernelSize window. The stride
/// defaults to the kernel size, so a 2 x 2 pool halves height and width. No parameters.
/// </summary>
public sealed class MaxPool2d(Pair kernelSize, Pair? stride = null, Pair padding = default) : Pool2d(kernelSize, stride, padding)
{
    /// <summary>Forward and backward are <see cref="Functional.MaxPool2d"/>: the gradient goes only to the position of each maximum (padding is never picked).</summary>
    public override Tensor Forward(Tensor input) => Functional.MaxPool(input, KernelSize, Stride, Padding, Name);
}
