namespace DeepImaging.NN;

/// <summary>
/// A 2-D convolution layer, like PyTorch's <c>nn.Conv2d</c>: out_channels kernels of size
/// in_channels/groups x kH x kW slide over the input. Input [N, C, H, W] or [C, H, W];
/// output [N, out_channels, H', W'] with H' = floor((H + 2p - d(kH-1) - 1) / s) + 1 (see <see cref="ConvArithmetic"/>).
/// </summary>
public sealed class Conv2d : Module
{
    private readonly string name; // the PyTorch-style description, which errors start with

    /// <summary>Creates the layer with PyTorch's default initialisation: weight and bias uniform in ±1/sqrt(fan_in),
    /// fan_in = in_channels/groups x kH x kW (Kaiming uniform with a = sqrt(5)), seeded with <paramref name="seed"/> (without one, from the library-wide generator: see <see cref="Generator.ManualSeed"/>).</summary>
    /// <param name="inChannels">Channels of the input (3 for RGB, 1 for greyscale).</param>
    /// <param name="outChannels">Number of kernels, i.e. channels of the output.</param>
    /// <param name="kernelSize">Kernel height and width: one number or (height, width).</param>
    /// <param name="stride">How far the kernel moves each step. Default 1.</param>
    /// <param name="padding">Zeros added around the input: a number, (height, width), or Padding.Valid/Same/Full. Default 0.</param>
    /// <param name="dilation">Spacing between kernel elements. Default 1.</param>
    /// <param name="groups">Split channels into this many independent groups (both channel counts must be divisible by it).</param>
    /// <param name="bias">Whether to add a learned value per output channel.</param>
    /// <param name="seed">Seed of the initial weights; null draws one from the library-wide generator.</param>
    public Conv2d(int inChannels, int outChannels, Pair kernelSize, Pair? stride = null, Padding padding = default,
        Pair? dilation = null, int groups = 1, bool bias = true, int? seed = null)
    {
        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Stride = stride ?? 1;
        Padding = padding;
        Dilation = dilation ?? 1;
        Groups = groups;
        name = Repr(inChannels, outChannels, KernelSize, Stride, Padding, Dilation, Groups, bias);
        CheckArguments(inChannels, outChannels, KernelSize, Stride, Padding, Dilation, Groups, name);

        var generator = Generator.SeededOrNext(seed);
        var weight = Tensor.Zeros(outChannels, inChannels / groups, kernelSize.Height, kernelSize.Width);
        Weight = RegisterParameter("weight", Init.KaimingUniform(weight, generator, negativeSlope: Math.Sqrt(5)));
        if (bias)
        {
            double bound = 1 / Math.Sqrt(Init.Fans(weight).FanIn);
            Bias = RegisterParameter("bias", Init.Uniform(Tensor.Zeros(outChannels), -bound, bound, generator));
        }
    }

    /// <summary>Channels of the input.</summary>
    public int InChannels { get; }
    /// <summary>Channels of the output (number of kernels).</summary>
    public int OutChannels { get; }
    /// <summary>Kernel height and width.</summary>
    public Pair KernelSize { get; }
    /// <summary>Step of the kernel.</summary>
    public Pair Stride { get; }
    /// <summary>Padding around the input.</summary>
    public Padding Padding { get; }
    /// <summary>Spacing between kernel elements.</summary>
    public Pair Dilation { get; }
    /// <summary>Number of channel groups.</summary>
    public int Groups { get; }

    /// <summary>The kernels, shape [out_channels, in_channels/groups, kH, kW].</summary>
    public Tensor Weight { get; }

    /// <summary>One bias per output channel, shape [out_channels], or null without bias.</summary>
    public Tensor? Bias { get; }

    /// <summary>Forward and backward are <see cref="Functional.Conv2d"/> (im2col + matrix product, and its transpose);
    /// errors name this layer.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (InputProblem(input.shape, InChannels) is { } problem)
            throw new ArgumentException($"{name}: {problem}");
        return Functional.Convolve(input, Weight, Bias, Stride, Padding, Dilation, Groups, name);
    }

    /// <summary>Like PyTorch: <c>Conv2d(3, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))</c>.</summary>
    public override string ToString() => name;

    /// <summary>The layer written as in PyTorch, from its settings (also for a summary that never builds the layer).</summary>
    internal static string Repr(int inChannels, int outChannels, Pair kernel, Pair stride, Padding padding, Pair dilation, int groups, bool bias)
    {
        static string Tuple(int h, int w) => $"({h}, {w})";
        var text = $"Conv2d({inChannels}, {outChannels}, kernel_size={Tuple(kernel.Height, kernel.Width)}, stride={Tuple(stride.Height, stride.Width)}";
        if (padding.Kind != PaddingAmount.Explicit) text += $", padding='{padding}'";
        else if (padding.Height != 0 || padding.Width != 0) text += $", padding={Tuple(padding.Height, padding.Width)}";
        if (dilation != new Pair(1, 1)) text += $", dilation={Tuple(dilation.Height, dilation.Width)}";
        if (groups != 1) text += $", groups={groups}";
        if (!bias) text += ", bias=False";
        return text + ")";
    }

    /// <summary>What is wrong with an input of <paramref name="shape"/> for a layer taking <paramref name="inChannels"/> channels, or null.</summary>
    internal static string? InputProblem(int[] shape, int inChannels) =>
        shape.Length is not (3 or 4) ? $"input has shape {Shapes.Format(shape)}; expected [N, {inChannels}, H, W] or [{inChannels}, H, W]."
        : shape[^3] != inChannels ? $"input has {shape[^3]} channels (shape {Shapes.Format(shape)}); expected [N, {inChannels}, H, W]."
        : null;

    /// <summary>Channel counts and groups at least 1 and divisible, a valid window and padding.</summary>
    internal static void CheckArguments(int inChannels, int outChannels, Pair kernel, Pair stride, Padding padding, Pair dilation, int groups, string layer)
    {
        if (inChannels < 1 || outChannels < 1 || groups < 1)
            throw new ArgumentException($"{layer}: in_channels ({inChannels}), out_channels ({outChannels}) and groups ({groups}) must all be >= 1.");
        if (inChannels % groups != 0 || outChannels % groups != 0)
            throw new ArgumentException($"{layer}: in_channels ({inChannels}) and out_channels ({outChannels}) must both be divisible by groups ({groups}).");
        ConvArithmetic.CheckWindow(kernel, stride, dilation, layer);
        padding.Resolve(kernel, stride, dilation, layer);
    }
}
