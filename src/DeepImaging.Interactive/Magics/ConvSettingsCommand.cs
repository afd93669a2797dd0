using System.Text.Json;

namespace DeepImaging.Interactive.Magics;

/// <summary>
/// The base of the magics about one dimension of a convolution, <c>#!conv-shape</c> and <c>#!conv-explorer</c>: the
/// kernel binds their <c>--size</c>, <c>--kernel</c>, <c>--padding</c>, <c>--stride</c> and <c>--dilation</c> here.
/// </summary>
public abstract class ConvSettingsCommand : MagicCommand
{
    /// <summary><c>--size</c>: the input size n.</summary>
    public JsonElement? Size { get; set; }

    /// <summary><c>--kernel</c>: the kernel size k.</summary>
    public JsonElement? Kernel { get; set; }

    /// <summary><c>--padding</c>: valid, same, full or a number p.</summary>
    public JsonElement? Padding { get; set; }

    /// <summary><c>--stride</c>: the step size s (default 1).</summary>
    public JsonElement? Stride { get; set; }

    /// <summary><c>--dilation</c>: the spacing d between kernel elements (default 1).</summary>
    public JsonElement? Dilation { get; set; }

    /// <summary>The five settings, checked; a missing size or kernel takes its default, or is an error when it has none.</summary>
    /// <param name="magic">The magic's name, for its messages.</param>
    /// <param name="defaultSize">The input size when <c>--size</c> is not given; null when it is required.</param>
    /// <param name="defaultKernel">The kernel size when <c>--kernel</c> is not given; null when it is required.</param>
    private protected (int Size, int KernelSize, Padding Padding, int Stride, int Dilation) Settings(string magic, int? defaultSize, int? defaultKernel) =>
        (MagicArguments.Integer(magic, "--size", Size, defaultSize),
         MagicArguments.Integer(magic, "--kernel", Kernel, defaultKernel),
         MagicArguments.Padding(magic, Padding),
         MagicArguments.Integer(magic, "--stride", Stride, fallback: 1),
         MagicArguments.Integer(magic, "--dilation", Dilation, fallback: 1));
}
