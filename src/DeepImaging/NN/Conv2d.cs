namespace DeepImaging.NN;

/// <summary>
/// A 2-D convolution layer, like PyTorch's <c>nn.Conv2d</c>: out_channels kernels of size
/// in_channels/groups x kH x kW slide over the input. Input [N, C, H, W] or [C, H, W];
/// output [N, out_channels, H', W'] with H' = floor((H + 2p - d(kH-1) - 1) / s) + 1 (see <see cref="ConvArithmetic"/>).
/// </summary>
public sealed class Conv2d : Module
{
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
        CheckArguments(inChannels, outChannels, KernelSize, Stride, Padding, Dilation, Groups, Repr(inChannels, outChannels, KernelSize, Stride, Padding, Dilation, Groups, bias));

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
    /// the shapes are checked first so that errors name this layer.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Describe(input.shape);
        return Functional.Conv2d(input, Weight, Bias, Stride, Padding, Dilation, Groups);
    }

    /// <summary>ReLU(Forward(input)) as one operation, for <see cref="Sequential"/> when a ReLU layer follows this one.</summary>
    internal Tensor ForwardWithRelu(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Describe(input.shape);
        return Functional.Convolve(input, Weight, Bias, Stride, Padding, Dilation, Groups, "Conv2d", relu: true);
    }

    /// <inheritdoc/>
    public override LayerSummary Describe(int[] inputShape) =>
        Summarize(InChannels, OutChannels, KernelSize, Stride, Padding, Dilation, Groups, Bias is not null, inputShape);

    /// <summary>Like PyTorch: <c>Conv2d(3, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))</c>.</summary>
    public override string ToString() => Repr(InChannels, OutChannels, KernelSize, Stride, Padding, Dilation, Groups, Bias is not null);

    private static string Repr(int inChannels, int outChannels, Pair kernel, Pair stride, Padding padding, Pair dilation, int groups, bool bias)
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

    /// <summary>The summary row from sizes alone (also used by <see cref="LayerSpec"/>, which never builds the layer).</summary>
    internal static LayerSummary Summarize(int inChannels, int outChannels, Pair kernel, Pair stride, Padding padding, Pair dilation, int groups, bool bias, int[] inputShape)
    {
        string layer = Repr(inChannels, outChannels, kernel, stride, padding, dilation, groups, bias);
        CheckArguments(inChannels, outChannels, kernel, stride, padding, dilation, groups, layer);
        if (inputShape.Length is not (3 or 4))
            throw new ArgumentException($"{layer}: input has shape {Shapes.Format(inputShape)}; expected [N, {inChannels}, H, W] or [{inChannels}, H, W].");
        if (inputShape[^3] != inChannels)
            throw new ArgumentException($"{layer}: input has {inputShape[^3]} channels (shape {Shapes.Format(inputShape)}); expected [N, {inChannels}, H, W].");
        var (top, bottom, left, right) = padding.Resolve(kernel, stride, dilation, layer);
        int outH = ConvArithmetic.OutputSize(inputShape[^2], kernel.Height, stride.Height, top, bottom, dilation.Height, layer);
        int outW = ConvArithmetic.OutputSize(inputShape[^1], kernel.Width, stride.Width, left, right, dilation.Width, layer);

        long perGroup = inChannels / groups, kernelArea = (long)kernel.Height * kernel.Width;
        long weights = ModelSummary.Product(layer, "parameter count", perGroup, outChannels, kernelArea);
        long total = ModelSummary.Sum(layer, "parameter count", [weights, bias ? outChannels : 0]);
        string formula = $"{ModelSummary.Number(perGroup)} x {ModelSummary.Number(outChannels)} x {kernel.Height} x {kernel.Width}"
            + (bias ? $" + {ModelSummary.Number(outChannels)}" : "") + $" = {ModelSummary.Number(total)}";
        long batch = inputShape.Length == 4 ? inputShape[0] : 1;
        long multAdds = ModelSummary.Product(layer, "mult-add count", batch, outChannels, outH, outW, perGroup, kernelArea);
        return new LayerSummary("", nameof(Conv2d), [.. inputShape[..^3], outChannels, outH, outW], total, formula, multAdds)
        {
            Window = new SlidingWindow(kernel, stride, dilation, top, left),
        };
    }

    private static void CheckArguments(int inChannels, int outChannels, Pair kernel, Pair stride, Padding padding, Pair dilation, int groups, string layer)
    {
        if (inChannels < 1 || outChannels < 1 || groups < 1)
            throw new ArgumentException($"{layer}: in_channels ({inChannels}), out_channels ({outChannels}) and groups ({groups}) must all be >= 1.");
        if (inChannels % groups != 0 || outChannels % groups != 0)
            throw new ArgumentException($"{layer}: in_channels ({inChannels}) and out_channels ({outChannels}) must both be divisible by groups ({groups}).");
        ConvArithmetic.CheckWindow(kernel, stride, dilation, layer);
        padding.Resolve(kernel, stride, dilation, layer);
    }
}
