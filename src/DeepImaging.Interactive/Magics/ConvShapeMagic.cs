using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;

namespace DeepImaging.Interactive.Magics;

/// <summary>
/// <c>#!conv-shape --size 256 --kernel 3 [--padding valid|same|full|N] [--stride S] [--dilation D]</c>:
/// the output size of a convolution along one dimension, with the formula written out; an impossible combination is explained.
/// </summary>
public sealed class ConvShapeMagic : ConvSettingsCommand
{
    private const string Name = "#!conv-shape";

    /// <summary>The declaration: directive, parameters and help.</summary>
    internal static Magic Definition { get; } = Define<ConvShapeMagic>(Name, "Output size of a convolution, with the formula filled in.",
        $"""
        The output size of a convolution (or pooling) along one dimension:
            output = {ConvArithmetic.Formula}
        """,
        [
            new("--size", "n", "input size n, e.g. 256") { Required = true },
            new("--kernel", "k", "kernel size k, e.g. 3") { Required = true },
            new("--padding", "valid|same|full|p", "valid (p = 0, the default), same (output = input, stride 1 only), " +
                                                  "full (p = d(k-1)), or a number p of zeros added on each side"),
            new("--stride", "s", "how far the kernel moves each step (default 1)"),
            new("--dilation", "d", "the spacing between kernel elements (default 1)"),
        ],
        [
            "#!conv-shape --size 256 --kernel 3                  (254)",
            "#!conv-shape --size 256 --kernel 3 --padding same   (256)",
            "#!conv-shape --size 256 --kernel 3 --padding full   (258)",
            "#!conv-shape --size 256 --kernel 3 --padding 1 --stride 2",
        ]);

    /// <inheritdoc />
    protected override Task RunAsync(KernelInvocationContext context, CSharpKernel kernel)
    {
        var (size, kernelSize, padding, stride, dilation) = Settings(Name, defaultSize: null, defaultKernel: null);
        if (padding.Kind == PaddingAmount.Explicit && padding.Height != padding.Width)
            throw new ArgumentException($"{Name}: --padding {padding} is a pair, but #!conv-shape works along one dimension; give one number.");

        int output;
        string explanation;
        try
        {
            output = ConvArithmetic.OutputSize(size, kernelSize, stride, padding, dilation);
            explanation = ConvArithmetic.Explain(size, kernelSize, stride, padding, dilation);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{Name}: {e.Message}");
        }

        new MagicOutput()
            .Title($"Output size: {output}")
            .Lines($"output = {ConvArithmetic.Formula}",
                   $"       = {explanation}",
                   $"(n = {size}, k = {kernelSize}, padding {padding}, s = {stride}, d = {dilation})")
            .Display(context);
        return Task.CompletedTask;
    }
}
