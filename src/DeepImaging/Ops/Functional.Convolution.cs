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
    /// A 2-D image with a 2-D kernel, or [C, H, W], become 4-D and back. With <paramref name="relu"/>, the result is
    /// Relu(Conv2d(...)) computed as one operation (the same values, without the intermediate tensor).
    /// </summary>
    internal static Tensor Convolve(Tensor input, Tensor weight, Tensor? bias, Pair stride, Padding padding, Pair dilation, int groups, string operation, bool relu = false)
    {
        ArgumentNullException.ThrowIfNull(weight, nameof(weight));
        if (input is not null && input.Rank == 2 && weight.Rank == 2)
            return Convolve(input.Reshape(1, 1, input.shape[0], input.shape[1]), weight.Reshape(1, 1, weight.shape[0], weight.shape[1]), bias, stride, padding, dilation, groups, operation, relu).Squeeze(0).Squeeze(0);
        var x = As4d(input!, operation, out int added);
        if (added == 2)
            throw new ArgumentException($"{operation}: a 2-D input {input!.ShapeString} needs a 2-D kernel [kH, kW]; got weight {weight.ShapeString}. Use input [N, C, H, W] with weight [O, C/groups, kH, kW].");
        return From4d(Conv2dCore(x, weight, bias, stride, padding, dilation, groups, operation, relu), added);
    }

    private static Tensor Conv2dCore(Tensor x, Tensor weight, Tensor? bias, Pair stride, Padding padding, Pair dilation, int groups, string operation, bool relu)
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
        return Convolve(x, weight, bias, g, groups, operation, relu);
    }

    /// <summary>
    /// The convolution of checked arguments, with their <paramref name="g"/>eometry worked out once. Per image and group
    /// of channels it is one matrix product: columns = im2col(x) holds the input under the kernel at every output
    /// position, one column each, so that out = W · columns; its gradients are dW = dOut · columnsᵀ and dx = col2im(Wᵀ · dOut).
    /// With <paramref name="relu"/>, ReLU(out) is applied in the same pass and dOut = dY · (out > 0) comes first backwards.
    /// </summary>
    internal static Tensor Convolve(Tensor x, Tensor weight, Tensor? bias, ConvGeometry g, int groups, string operation, bool relu = false)
    {
        var m = new ConvLayout(g, groups, weight.shape[0]);
        var outShape = g.OutputShape(m.OutChannels, operation);
        var output = LargeArrays.Uninitialized<float>(Shapes.Count(outShape)); // the products write every value
        if (ShiftedImage.For(g, m.GroupChannels, m.OutPerGroup) is { } shifted)
            shifted.Convolve(m, x.data, weight.data, bias?.data, relu, output); // im2col's rows read in place
        else
        {
            Shapes.Count([m.Patch, m.Positions], $"{operation} (its im2col matrix, one column per output position)");
            ConvolutionDriver.ForEachImageAndGroup(m, (n, group, columns) =>
            {
                var outputs = m.Outputs(output, n, group);
                Im2Col.Unfold(x.data, m.InputOffset(n, group), m.GroupChannels, g, columns);                   // columns = im2col(x)
                Gemm.Multiply(m.Weights(weight.data, group), columns, outputs, m.OutPerGroup, m.Patch, m.Positions); // out = W · columns
                BiasAndRelu.ApplyToChannels(outputs, m.OutPerGroup, m.Positions, bias?.data, group * m.OutPerGroup, relu); // + b, ReLU
            });
        }
        Tensor[] inputs = bias is null ? [x, weight] : [x, weight, bias];
        return Tensor.Record(output, outShape, relu ? "Relu" : "Conv2d", inputs, dY =>
        {
            // Through the ReLU first: dOut = dY · (out <= 0 ? 0 : 1), in a buffer given back at the end.
            var dOut = relu ? GradientBuffers.Rent(output.Length) : dY.data;
            if (relu) Activation.ReluBackward(output, dY.data, dOut);
            if (weight.RequiresGrad) weight.AccumulateGrad(WeightGradient(m, dOut, x.data));
            if (x.RequiresGrad) x.AccumulateGrad(InputGradient(m, dOut, weight.data));
            if (bias is { RequiresGrad: true }) bias.AccumulateGrad(ChannelSums.OverImagesAndPositions(dOut, outShape)); // db = Σ dOut
            if (relu) GradientBuffers.Return(dOut);
        });
    }

    /// <summary>dW = Σ over the images of dOut · columnsᵀ, summed in a fixed order (so the result does not depend on thread timing).</summary>
    internal static float[] WeightGradient(ConvLayout m, float[] dOut, float[] x)
    {
        if (ShiftedImage.For(m.G, m.GroupChannels, m.OutPerGroup) is { } shifted)
            return shifted.WeightGradient(m, dOut, x); // columnsᵀ read in place from the image
        return ConvolutionDriver.SumOverImages(m, m.WeightsPerGroup, (n, group, columns, dW, accumulate) =>
        {
            Im2Col.Unfold(x, m.InputOffset(n, group), m.GroupChannels, m.G, columns);                      // columns = im2col(x)
            Gemm.Multiply(m.Outputs(dOut, n, group), transposeA: false, columns, transposeB: true,         // dW += dOut · columnsᵀ
                dW, m.OutPerGroup, m.Positions, m.Patch, accumulate);
        });
    }

    /// <summary>dx = col2im(Wᵀ · dOut): every column goes back onto the input positions it was read from.</summary>
    internal static float[] InputGradient(ConvLayout m, float[] dOut, float[] weight)
    {
        if (ShiftedImage.For(m.G, m.GroupChannels, m.OutPerGroup) is { } shifted)
            return shifted.InputGradient(m, dOut, weight); // col2im onto windows of the padded image
        var dx = GradientBuffers.RentZeroed(m.G.Batch * m.G.Channels * m.G.Height * m.G.Width);
        ConvolutionDriver.ForEachImageAndGroup(m, (n, group, dColumns) =>
        {
            // W is [out, patch]; the product reads it as Wᵀ, so no transposed copy is made.
            Gemm.Multiply(m.Weights(weight, group), transposeA: true, m.Outputs(dOut, n, group), transposeB: false,
                dColumns, m.Patch, m.OutPerGroup, m.Positions);                                             // dColumns = Wᵀ · dOut
            Im2Col.Fold(dColumns, m.GroupChannels, m.G, dx, m.InputOffset(n, group));                      // dx = col2im(dColumns)
        });
        return dx;
    }
}
