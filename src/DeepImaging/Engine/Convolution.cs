using System.Buffers;

namespace DeepImaging.Engine;

/// <summary>
/// The 2-D convolution as matrix products, run for the images and channel groups of a batch in parallel. For one image
/// and group, with columns = im2col(x) [patch, positions] and W [out, patch]:
/// out = W · columns + b, dW = dOut · columnsᵀ (summed over the images) and dx = col2im(Wᵀ · dOut).
/// The im2col buffers are large (up to megabytes), so each worker rents one from the pool and reuses it for all its jobs.
/// </summary>
internal static class Convolution
{
    /// <summary>
    /// out = W · im2col(x) + b for every image and group: [N, out channels, H', W'] as a flat array. The
    /// <paramref name="operation"/> is named when its im2col matrix is too large for one array.
    /// </summary>
    public static float[] Forward(float[] x, float[] weight, float[]? bias, ConvGeometry g, int groups, int outChannels, string operation)
    {
        var m = new Matrices(g, groups, outChannels);
        Shapes.Count([m.Patch, m.Positions], $"{operation} (its im2col matrix, one column per output position)");
        var output = new float[g.Batch * outChannels * m.Positions];
        ForEachImageAndGroup(m, (n, group, columns) =>
        {
            var outputs = output.AsSpan(m.OutputOffset(n, group), m.OutputsPerGroup);
            Im2Col.Forward(x, m.InputOffset(n, group), m.GroupChannels, g, columns);                          // columns = im2col(x)
            Gemm.Multiply(m.Weights(weight, group), columns, outputs, m.OutPerGroup, m.Patch, m.Positions);   // out = W · columns
            if (bias is not null)
                for (int o = 0; o < m.OutPerGroup; o++)                                                         // + b
                    outputs.Slice(o * m.Positions, m.Positions).Add(bias[group * m.OutPerGroup + o]);
        });
        return output;
    }

    /// <summary>dW = dOut · columnsᵀ, summed over the images in a fixed order (so the result does not depend on thread timing).</summary>
    public static float[] WeightGradient(float[] dOut, float[] x, ConvGeometry g, int groups, int outChannels)
    {
        var m = new Matrices(g, groups, outChannels);
        int weights = outChannels * m.Patch;
        var perImage = new float[g.Batch * weights];
        ForEachImageAndGroup(m, (n, group, columnsT) =>
        {
            // im2col writes columnsᵀ directly, so the product needs no separate transpose.
            Im2Col.ForwardTransposed(x, m.InputOffset(n, group), m.GroupChannels, g, columnsT);
            Gemm.Multiply(dOut.AsSpan(m.OutputOffset(n, group), m.OutputsPerGroup), columnsT,
                perImage.AsSpan(n * weights + group * m.WeightsPerGroup, m.WeightsPerGroup), m.OutPerGroup, m.Positions, m.Patch);
        });
        var dWeight = new float[weights];
        for (int n = 0; n < g.Batch; n++) dWeight.AsSpan().Add(perImage.AsSpan(n * weights, weights));
        return dWeight;
    }

    /// <summary>dx = col2im(Wᵀ · dOut) for every image and group: the gradient of the input, [N, C, H, W] as a flat array.</summary>
    public static float[] InputGradient(float[] dOut, float[] weight, ConvGeometry g, int groups, int outChannels)
    {
        var m = new Matrices(g, groups, outChannels);
        // Wᵀ per group ([patch, out/groups]), transposed once here rather than once per image.
        var weightT = new float[weight.Length];
        for (int group = 0; group < groups; group++)
            Gemm.Transpose(m.Weights(weight, group), weightT.AsSpan(group * m.WeightsPerGroup, m.WeightsPerGroup), m.OutPerGroup, m.Patch);
        var dx = new float[g.Batch * g.Channels * g.Height * g.Width];
        ForEachImageAndGroup(m, (n, group, dColumns) =>
        {
            Gemm.Multiply(m.Weights(weightT, group), dOut.AsSpan(m.OutputOffset(n, group), m.OutputsPerGroup), dColumns,
                m.Patch, m.OutPerGroup, m.Positions);                                                  // dColumns = Wᵀ · dOut
            Im2Col.Col2Im(dColumns, m.GroupChannels, g, dx, m.InputOffset(n, group));                 // dx = col2im(dColumns)
        });
        return dx;
    }

    private delegate void Job(int image, int group, Span<float> columns);

    // One job per image and group; every worker rents one im2col-sized buffer and reuses it. A job writes every element
    // of the buffer it uses (im2col and Gemm overwrite), so a dirty rented buffer is fine.
    private static void ForEachImageAndGroup(Matrices m, Job job)
    {
        int length = m.Patch * m.Positions;
        Threads.For(m.G.Batch * m.Groups, () => ArrayPool<float>.Shared.Rent(length),
            (index, buffer) => job(index / m.Groups, index % m.Groups, buffer.AsSpan(0, length)),
            buffer => ArrayPool<float>.Shared.Return(buffer));
    }

    /// <summary>Where the matrices of one image and group start in the flat arrays, and their sizes.</summary>
    private readonly record struct Matrices(ConvGeometry G, int Groups, int OutChannels)
    {
        public int GroupChannels => G.Channels / Groups;
        public int OutPerGroup => OutChannels / Groups;
        public int Patch => G.PatchSize(GroupChannels);
        public int Positions => G.OutputPositions;
        public int WeightsPerGroup => OutPerGroup * Patch;
        public int OutputsPerGroup => OutPerGroup * Positions;
        public int InputOffset(int n, int group) => (n * G.Channels + group * GroupChannels) * G.Height * G.Width;
        public int OutputOffset(int n, int group) => (n * OutChannels + group * OutPerGroup) * Positions;
        public ReadOnlySpan<float> Weights(float[] weight, int group) => weight.AsSpan(group * WeightsPerGroup, WeightsPerGroup);
    }
}
