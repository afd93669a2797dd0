namespace DeepImaging;

/// <summary>
/// The arithmetic of convolution sizes along one dimension, as in the course notes and in
/// Dumoulin and Visin's "A guide to convolution arithmetic":
/// output = floor((n + 2p - d(k-1) - 1) / s) + 1
/// for input size n, kernel size k, padding p on each side, stride s and dilation d.
/// </summary>
public static class ConvArithmetic
{
    /// <summary>The general formula, written with the letters used in <see cref="Explain"/>.</summary>
    public const string Formula = "floor((n + 2p - d(k-1) - 1) / s) + 1";

    /// <summary>The output size of a convolution or pooling along one dimension; throws an <see cref="ArgumentException"/> explaining any impossible combination.</summary>
    public static int OutputSize(int inputSize, int kernelSize, int stride = 1, Padding padding = default, int dilation = 1)
    {
        var (before, after) = Resolve(inputSize, kernelSize, stride, padding, dilation);
        return OutputSize(inputSize, kernelSize, stride, before, after, dilation);
    }

    /// <summary>The formula filled in with the numbers and its result, e.g.
    /// <c>floor((256 + 2x1 - 1x(3-1) - 1) / 1) + 1 = 256</c>; throws like <see cref="OutputSize(int, int, int, Padding, int)"/>.</summary>
    public static string Explain(int inputSize, int kernelSize, int stride = 1, Padding padding = default, int dilation = 1)
    {
        var (before, after) = Resolve(inputSize, kernelSize, stride, padding, dilation);
        int output = OutputSize(inputSize, kernelSize, stride, before, after, dilation);
        string pad = before == after ? $"2x{before}" : $"{before} + {after}";
        return $"floor(({inputSize} + {pad} - {dilation}x({kernelSize}-1) - 1) / {stride}) + 1 = {output}";
    }

    private static (int Before, int After) Resolve(int inputSize, int kernelSize, int stride, Padding padding, int dilation)
    {
        CheckPositive(inputSize, "input size", "ConvArithmetic");
        CheckPositive(kernelSize, "kernel size", "ConvArithmetic");
        CheckPositive(stride, "stride", "ConvArithmetic");
        CheckPositive(dilation, "dilation", "ConvArithmetic");
        var (top, bottom, _, _) = padding.Resolve((kernelSize, 1), (stride, 1), (dilation, 1), "ConvArithmetic");
        return (top, bottom);
    }

    /// <summary>
    /// The output size with padding <paramref name="before"/> and <paramref name="after"/> the input (they differ for 'same' with an even kernel),
    /// for one dimension; the errors speak of that dimension alone.
    /// </summary>
    internal static int OutputSize(int inputSize, int kernelSize, int stride, int before, int after, int dilation, string operation = "ConvArithmetic")
    {
        var axis = new WindowAxis(inputSize, kernelSize, stride, dilation, before, after);
        if (!axis.Fits)
        {
            long needed = (axis.Span - inputSize + 1) / 2;
            throw new ArgumentException(
                $"{operation}: kernel {kernelSize} (dilation {dilation}, so it spans {axis.Span}) does not fit the padded input {axis.Padded} " +
                $"(input {inputSize}, padding {before}{(before == after ? "" : $"+{after}")}): " +
                (needed <= int.MaxValue ? $"use padding >= {needed}, a smaller kernel or a smaller dilation." : "use a smaller kernel or a smaller dilation."));
        }
        return Shapes.Dimension(axis.Output, operation,
            $"the output size (input {inputSize}, padding {before}{(before == after ? "" : $"+{after}")}, kernel {kernelSize}, stride {stride}, dilation {dilation})",
            "use less padding or a larger stride");
    }

    /// <summary>How many input positions a kernel of <paramref name="kernelSize"/> with <paramref name="dilation"/> spans: d(k-1) + 1, in 64 bits.</summary>
    internal static long KernelSpan(int kernelSize, int dilation) => (long)dilation * (kernelSize - 1) + 1;

    /// <summary>Checks that kernel, stride and dilation are all at least 1 in both directions.</summary>
    internal static void CheckWindow(Pair kernel, Pair stride, Pair dilation, string operation)
    {
        CheckPositive(kernel.Height, "kernel height", operation);
        CheckPositive(kernel.Width, "kernel width", operation);
        CheckPositive(stride.Height, "stride", operation);
        CheckPositive(stride.Width, "stride", operation);
        CheckPositive(dilation.Height, "dilation", operation);
        CheckPositive(dilation.Width, "dilation", operation);
    }

    internal static void CheckPositive(int value, string name, string operation)
    {
        if (value < 1)
            throw new ArgumentException($"{operation}: {name} must be >= 1, got {value}.");
    }
}
