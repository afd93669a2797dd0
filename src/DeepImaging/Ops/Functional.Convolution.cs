using DeepImaging.Engine;

namespace DeepImaging;

public static partial class Functional
{
    /// <summary>
    /// 2-D convolution exactly as PyTorch defines it (strictly a cross-correlation: the kernel is not flipped).
    /// input [N, C, H, W] (or [C, H, W], or [H, W] with a [kH, kW] weight), weight [O, C/groups, kH, kW], bias [O].
    /// Output [N, O, H', W'] with H' = floor((H + 2p - d(kH-1) - 1) / s) + 1 (see <see cref="ConvArithmetic"/>).
    /// </summary>
    /// <param name="input">The images.</param>
    /// <param name="weight">The kernels (filters).</param>
    /// <param name="bias">One value added per output channel, or null.</param>
    /// <param name="stride">How far the kernel moves each step: one number or (height, width). Default 1.</param>
    /// <param name="padding">Zero rows/columns around the input: a number, (height, width), or Padding.Valid/Same/Full. Default 0.</param>
    /// <param name="dilation">Spacing between kernel elements. Default 1.</param>
    /// <param name="groups">Channels are split into this many independent groups.</param>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias = null, Pair? stride = null, Padding padding = default, Pair? dilation = null, int groups = 1) =>
        Convolve(input, weight, bias, stride ?? 1, padding, dilation ?? 1, groups, "Conv2d");

    /// <summary>
    /// True 2-D convolution: the kernel is turned by 180 degrees before sliding, as in signal processing.
    /// Same arguments as <see cref="Conv2d"/>; for the notes' example the result differs from the cross-correlation.
    /// </summary>
    public static Tensor Convolve2d(Tensor input, Tensor weight, Tensor? bias = null, Pair? stride = null, Padding padding = default, Pair? dilation = null, int groups = 1)
    {
        ArgumentNullException.ThrowIfNull(weight, nameof(weight));
        if (weight.Rank < 2)
            throw new ArgumentException($"Convolve2d: weight must be [kH, kW] or [O, C/groups, kH, kW]; got shape {weight.ShapeString}.");
        return Convolve(input, weight.Flip(-2, -1), bias, stride ?? 1, padding, dilation ?? 1, groups, "Convolve2d");
    }

    /// <summary>
    /// Conv2d with the error messages naming <paramref name="operation"/> (the function, or the layer that calls it).
    /// A 2-D image with a 2-D kernel, or [C, H, W], become 4-D and back.
    /// </summary>
    internal static Tensor Convolve(Tensor input, Tensor weight, Tensor? bias, Pair stride, Padding padding, Pair dilation, int groups, string operation)
    {
        ArgumentNullException.ThrowIfNull(weight, nameof(weight));
        if (input is not null && input.Rank == 2 && weight.Rank == 2)
            return Convolve(input.Reshape(1, 1, input.shape[0], input.shape[1]), weight.Reshape(1, 1, weight.shape[0], weight.shape[1]), bias, stride, padding, dilation, groups, operation).Squeeze(0).Squeeze(0);
        var x = As4d(input!, operation, out int added);
        if (added == 2)
            throw new ArgumentException($"{operation}: a 2-D input {input!.ShapeString} needs a 2-D kernel [kH, kW]; got weight {weight.ShapeString}. Use input [N, C, H, W] with weight [O, C/groups, kH, kW].");
        return From4d(Conv2dCore(x, weight, bias, stride, padding, dilation, groups, operation), added);
    }

    private static Tensor Conv2dCore(Tensor x, Tensor weight, Tensor? bias, Pair stride, Padding padding, Pair dilation, int groups, string operation)
    {
        if (weight.Rank != 4)
            throw new ArgumentException($"{operation}: weight must be [out_channels, in_channels/groups, kH, kW]; got shape {weight.ShapeString}.");
        if (groups < 1)
            throw new ArgumentException($"{operation}: groups must be >= 1, got {groups}.");
        int channels = x.shape[1], outChannels = weight.shape[0], groupChannels = weight.shape[1];
        if (channels % groups != 0 || outChannels % groups != 0)
            throw new ArgumentException($"{operation}: input channels ({channels}) and output channels ({outChannels}) must both be divisible by groups ({groups}).");
        if (groupChannels * groups != channels)
            throw new ArgumentException($"{operation}: input {x.ShapeString} has {channels} channels but weight {weight.ShapeString} expects {groupChannels * groups} (weight dimension 1 = {groupChannels} per group x {groups} group(s)); make them match.");
        if (bias is not null && (bias.Rank != 1 || bias.shape[0] != outChannels))
            throw new ArgumentException($"{operation}: bias must be 1-D with one value per output channel ({outChannels}); got shape {bias.ShapeString}.");

        var g = ConvGeometry.Create(operation, x.shape, (weight.shape[2], weight.shape[3]), stride, padding, dilation);
        return Convolve(x, weight, bias, g, groups, operation);
    }

    /// <summary>
    /// The convolution of checked arguments, with their <paramref name="g"/>eometry worked out once. Per image and group
    /// of channels it is one matrix product: columns = im2col(x) holds the input under the kernel at every output
    /// position, one column each, so that out = W · columns; its gradients are dW = dOut · columnsᵀ and dx = col2im(Wᵀ · dOut).
    /// </summary>
    internal static Tensor Convolve(Tensor x, Tensor weight, Tensor? bias, ConvGeometry g, int groups, string operation)
    {
        var m = new ConvLayout(g, groups, weight.shape[0]);
        var outShape = g.OutputShape(m.OutChannels, operation);
        Shapes.Count([m.Patch, m.Positions], $"{operation} (its im2col matrix, one column per output position)");
        var output = new float[Shapes.Count(outShape)];
        ConvolutionDriver.ForEachImageAndGroup(m, (n, group, columns) =>
        {
            var outputs = m.Outputs(output, n, group);
            Im2Col.Unfold(x.data, m.InputOffset(n, group), m.GroupChannels, g, columns);                   // columns = im2col(x)
            Gemm.Multiply(m.Weights(weight.data, group), columns, outputs, m.OutPerGroup, m.Patch, m.Positions); // out = W · columns
            if (bias is not null)
                for (int o = 0; o < m.OutPerGroup; o++)                                                        // + b
                    outputs.Slice(o * m.Positions, m.Positions).Add(bias.data[group * m.OutPerGroup + o]);
        });
        Tensor[] inputs = bias is null ? [x, weight] : [x, weight, bias];
        return Tensor.Record(output, outShape, "Conv2d", inputs, dOut =>
        {
            if (weight.RequiresGrad) weight.AccumulateGrad(new Tensor(WeightGradient(m, dOut.data, x.data), weight.shape));
            if (x.RequiresGrad) x.AccumulateGrad(new Tensor(InputGradient(m, dOut.data, weight.data), x.shape));
            bias?.AccumulateGrad(dOut.Sum(3).Sum(2).Sum(0)); // db = dOut summed over the images and every position
        });
    }

    /// <summary>dW = dOut · columnsᵀ, summed over the images in a fixed order (so the result does not depend on thread timing).</summary>
    private static float[] WeightGradient(ConvLayout m, float[] dOut, float[] x)
    {
        int weights = m.OutChannels * m.Patch;
        var perImage = new float[m.G.Batch * weights];
        ConvolutionDriver.ForEachImageAndGroup(m, (n, group, columnsT) =>
        {
            Im2Col.UnfoldTransposed(x, m.InputOffset(n, group), m.GroupChannels, m.G, columnsT);          // columnsᵀ, written directly
            var dW = perImage.AsSpan(n * weights + group * m.WeightsPerGroup, m.WeightsPerGroup);         // image n's share of dW
            Gemm.Multiply(m.Outputs(dOut, n, group), columnsT, dW, m.OutPerGroup, m.Positions, m.Patch);   // dW = dOut · columnsᵀ
        });
        var dWeight = new float[weights];
        for (int n = 0; n < m.G.Batch; n++) dWeight.AsSpan().Add(perImage.AsSpan(n * weights, weights));
        return dWeight;
    }

    /// <summary>dx = col2im(Wᵀ · dOut): every column goes back onto the input positions it was read from.</summary>
    private static float[] InputGradient(ConvLayout m, float[] dOut, float[] weight)
    {
        // Wᵀ per group ([patch, out/groups]), transposed once here rather than once per image.
        var weightT = new float[weight.Length];
        for (int group = 0; group < m.Groups; group++)
            Gemm.Transpose(m.Weights(weight, group), m.Weights(weightT, group), m.OutPerGroup, m.Patch);
        var dx = new float[m.G.Batch * m.G.Channels * m.G.Height * m.G.Width];
        ConvolutionDriver.ForEachImageAndGroup(m, (n, group, dColumns) =>
        {
            Gemm.Multiply(m.Weights(weightT, group), m.Outputs(dOut, n, group), dColumns, m.Patch, m.OutPerGroup, m.Positions); // Wᵀ · dOut
            Im2Col.Fold(dColumns, m.GroupChannels, m.G, dx, m.InputOffset(n, group));                                         // col2im
        });
        return dx;
    }
}
