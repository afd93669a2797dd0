using System.Buffers;

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
        Convolution(input, weight, bias, stride ?? 1, padding, dilation ?? 1, groups, "Conv2d");

    /// <summary>
    /// True 2-D convolution: the kernel is turned by 180 degrees before sliding, as in signal processing.
    /// Same arguments as <see cref="Conv2d"/>; for the notes' example the result differs from the cross-correlation.
    /// </summary>
    public static Tensor Convolve2d(Tensor input, Tensor weight, Tensor? bias = null, Pair? stride = null, Padding padding = default, Pair? dilation = null, int groups = 1)
    {
        ArgumentNullException.ThrowIfNull(weight, nameof(weight));
        if (weight.Rank < 2)
            throw new ArgumentException($"Convolve2d: weight must be [kH, kW] or [O, C/groups, kH, kW]; got shape {weight.ShapeString}.");
        return Convolution(input, weight.Flip(-2, -1), bias, stride ?? 1, padding, dilation ?? 1, groups, "Convolve2d");
    }

    /// <summary>Shapes the arguments of Conv2d/Convolve2d: a 2-D image with a 2-D kernel, or [C, H, W], become 4-D and back.</summary>
    private static Tensor Convolution(Tensor input, Tensor weight, Tensor? bias, Pair stride, Padding padding, Pair dilation, int groups, string operation)
    {
        ArgumentNullException.ThrowIfNull(weight, nameof(weight));
        if (input is not null && input.Rank == 2 && weight.Rank == 2)
            return Convolution(input.Reshape(1, 1, input.shape[0], input.shape[1]), weight.Reshape(1, 1, weight.shape[0], weight.shape[1]), bias, stride, padding, dilation, groups, operation).Squeeze(0).Squeeze(0);
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
        int outPerGroup = outChannels / groups, patch = g.PatchSize(groupChannels), positions = g.OutputPositions;
        var outShape = g.OutputShape(outChannels, operation);
        var output = new float[Shapes.Count(outShape)];
        var xData = x.data;
        var wData = weight.data;

        // The im2col matrix of one image and group: one row per kernel element and channel, one column per output position.
        int columnsLength = Shapes.Count([patch, positions], $"{operation} (its im2col matrix, one column per output position)");

        // Forward: for each image and group, output[o, p] = Σ_r weight[o, r] · columns[r, p] (+ bias[o]).
        // The im2col buffers are large (up to megabytes), so each worker rents one and reuses it for all its jobs.
        Parallel.For(0, g.Batch * groups, () => ArrayPool<float>.Shared.Rent(columnsLength), (job, _, buffer) =>
        {
            int n = job / groups, group = job % groups;
            var columns = buffer.AsSpan(0, columnsLength); // Im2Col.Forward writes every element, so a dirty rented buffer is fine
            Im2Col.Forward(xData, (n * channels + group * groupChannels) * g.Height * g.Width, groupChannels, g, columns);
            var target = output.AsSpan((n * outChannels + group * outPerGroup) * positions, outPerGroup * positions);
            Gemm.Multiply(wData.AsSpan(group * outPerGroup * patch, outPerGroup * patch), columns, target, outPerGroup, patch, positions);
            if (bias is not null)
                for (int o = 0; o < outPerGroup; o++)
                    target.Slice(o * positions, positions).Add(bias.data[group * outPerGroup + o]);
            return buffer;
        }, buffer => ArrayPool<float>.Shared.Return(buffer));

        Tensor[] inputs = bias is null ? [x, weight] : [x, weight, bias];
        return Tensor.Record(output, outShape, "Conv2d", inputs, grad =>
        {
            var gData = grad.data;
            var gradInput = x.RequiresGrad ? new float[xData.Length] : null;
            var gradWeightPerImage = weight.RequiresGrad ? new float[g.Batch * wData.Length] : null;
            // Wᵀ per group ([patch, O/g]), transposed once here rather than once per image.
            float[]? wT = null;
            if (gradInput is not null)
            {
                wT = new float[wData.Length];
                for (int group = 0; group < groups; group++)
                    Gemm.Transpose(wData.AsSpan(group * outPerGroup * patch, outPerGroup * patch), wT.AsSpan(group * outPerGroup * patch), outPerGroup, patch);
            }
            // Each worker rents one im2col-sized buffer and reuses it for all its jobs (see the forward pass).
            Parallel.For(0, g.Batch * groups, () => ArrayPool<float>.Shared.Rent(columnsLength), (job, _, buffer) =>
            {
                int n = job / groups, group = job % groups;
                int inputOffset = (n * channels + group * groupChannels) * g.Height * g.Width;
                var gOut = gData.AsSpan((n * outChannels + group * outPerGroup) * positions, outPerGroup * positions);
                if (gradWeightPerImage is not null)
                {
                    // dW = dOut · columnsᵀ  ([O/g, P] · [P, patch])
                    var columnsT = buffer.AsSpan(0, columnsLength);
                    Im2Col.ForwardTransposed(xData, inputOffset, groupChannels, g, columnsT);
                    Gemm.Multiply(gOut, columnsT, gradWeightPerImage.AsSpan(n * wData.Length + group * outPerGroup * patch, outPerGroup * patch), outPerGroup, positions, patch);
                }
                if (gradInput is not null)
                {
                    // dColumns = Wᵀ · dOut  ([patch, O/g] · [O/g, P]), then scattered back by col2im.
                    // Gemm overwrites its output, so the buffer that held columnsᵀ can hold dColumns now.
                    var gColumns = buffer.AsSpan(0, columnsLength);
                    Gemm.Multiply(wT!.AsSpan(group * outPerGroup * patch, outPerGroup * patch), gOut, gColumns, patch, outPerGroup, positions);
                    Im2Col.Backward(gColumns, groupChannels, g, gradInput, inputOffset);
                }
                return buffer;
            }, buffer => ArrayPool<float>.Shared.Return(buffer));
            if (gradInput is not null) x.AccumulateGrad(new Tensor(gradInput, x.shape));
            if (gradWeightPerImage is not null)
            {
                // Summed over the batch in a fixed order, so the result does not depend on thread timing.
                var gradWeight = new float[wData.Length];
                for (int n = 0; n < g.Batch; n++) gradWeight.AsSpan().Add(gradWeightPerImage.AsSpan(n * wData.Length, wData.Length));
                weight.AccumulateGrad(new Tensor(gradWeight, weight.shape));
            }
            if (bias is not null) bias.AccumulateGrad(grad.Sum(3).Sum(2).Sum(0));
        });
    }
}
