using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
    /// out = W · im2col(x) + b for every image and group: [N, out channels, H', W'] as a flat array; with
    /// <paramref name="relu"/>, ReLU(out), applied while each image's output is still in the cache. The
    /// <paramref name="operation"/> is named when its im2col matrix is too large for one array.
    /// </summary>
    public static float[] Forward(float[] x, float[] weight, float[]? bias, ConvGeometry g, int groups, int outChannels, string operation, bool relu = false)
    {
        var m = new Matrices(g, groups, outChannels);
        var output = LargeArrays.Uninitialized<float>(g.Batch * outChannels * m.Positions); // the products write every value
        long work = (long)g.Batch * m.OutPerGroup * m.Positions * m.Patch;
        var shifted = ShiftedImage.For(g, m.GroupChannels, m.OutPerGroup);
        if (shifted is not null)
        {
            // Each row of the im2col matrix is a window of the padded image (split by stride phase), so the product reads
            // those windows directly (see ShiftedImage and Gemm.MultiplyShifted) instead of an im2col matrix.
            var rowStarts = shifted.RowStarts();
            ForEach(shifted.BufferLength, g.Batch * groups, work, (index, buffer) =>
            {
                int n = index / groups, group = index % groups;
                Span<float> image = shifted.Image(buffer), products = shifted.Products(buffer);
                shifted.Fill(x, m.InputOffset(n, group), image);
                Gemm.MultiplyShifted(m.Weights(weight, group), image, rowStarts, products, m.OutPerGroup, m.Patch, shifted.Columns);
                var outputs = output.AsSpan(m.OutputOffset(n, group), m.OutputsPerGroup);
                for (int o = 0; o < m.OutPerGroup; o++)
                {
                    float b = bias is null ? 0f : bias[group * m.OutPerGroup + o];
                    for (int oh = 0; oh < g.OutHeight; oh++)
                        Finish(products.Slice(o * shifted.Columns + oh * shifted.RowPitch, g.OutWidth),
                            outputs.Slice((o * g.OutHeight + oh) * g.OutWidth, g.OutWidth), bias is not null, b, relu);
                }
            });
            return output;
        }
        Shapes.Count([m.Patch, m.Positions], $"{operation} (its im2col matrix, one column per output position)");
        ForEach(m.Patch * m.Positions, g.Batch * groups, work, (index, columns) =>
        {
            int n = index / groups, group = index % groups;
            var outputs = output.AsSpan(m.OutputOffset(n, group), m.OutputsPerGroup);
            Im2Col.Forward(x, m.InputOffset(n, group), m.GroupChannels, g, columns);                          // columns = im2col(x)
            Gemm.Multiply(m.Weights(weight, group), columns, outputs, m.OutPerGroup, m.Patch, m.Positions);   // out = W · columns
            for (int o = 0; o < m.OutPerGroup; o++)
            {
                var plane = outputs.Slice(o * m.Positions, m.Positions);
                Finish(plane, plane, bias is not null, bias is null ? 0f : bias[group * m.OutPerGroup + o], relu);
            }
        });
        return output;
    }

    // to = from + b (if there is a bias), then ReLU (if asked): one pass over a row or plane of one output channel, while
    // it is still in the cache. The same two roundings as adding and applying ReLU separately.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Finish(ReadOnlySpan<float> from, Span<float> to, bool addBias, float bias, bool relu)
    {
        ref float source = ref MemoryMarshal.GetReference(from);
        ref float target = ref MemoryMarshal.GetReference(to);
        var b = Vector256.Create(bias);
        int i = 0;
        for (; i <= from.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            var v = Vector256.LoadUnsafe(ref source, (nuint)i);
            if (addBias) v += b;
            if (relu) v = Vector256.ConditionalSelect(Vector256.LessThanOrEqual(v, Vector256<float>.Zero), Vector256<float>.Zero, v);
            v.StoreUnsafe(ref target, (nuint)i);
        }
        for (; i < from.Length; i++)
        {
            float v = addBias ? from[i] + bias : from[i];
            to[i] = relu && v <= 0 ? 0f : v;
        }
    }

    /// <summary>
    /// dW = Σ over the images of dOut · columnsᵀ. The images are taken in fixed chunks of <see cref="ImagesPerChunk"/>: within
    /// a chunk the products continue one chain of fused multiply-adds, image after image; the chunks' sums are then added
    /// in chunk order. The chunks do not depend on the number of threads, so neither does the result.
    /// </summary>
    public static float[] WeightGradient(float[] dOut, float[] x, ConvGeometry g, int groups, int outChannels)
    {
        var m = new Matrices(g, groups, outChannels);
        int weights = outChannels * m.Patch, chunks = (g.Batch + ImagesPerChunk - 1) / ImagesPerChunk;
        var dWeight = new float[weights];
        var sums = chunks == 1 ? dWeight : ArrayPool<float>.Shared.Rent(chunks * weights);
        long work = (long)g.Batch * m.OutPerGroup * m.Positions * m.Patch;
        var shifted = ShiftedImage.For(g, m.GroupChannels, m.OutPerGroup);
        if (shifted is not null)
        {
            // columnsᵀ from windows of the image, as in Forward; dOut spread out to the product's columns, with zeros in
            // the columns past each output row (they add 0 · pixel to the sums).
            var starts = shifted.RowStarts();
            ForEach(shifted.BufferLength, chunks * groups, work, (task, buffer) =>
            {
                int chunk = task / groups, group = task % groups, first = chunk * ImagesPerChunk;
                var sum = sums.AsSpan(chunk * weights + group * m.WeightsPerGroup, m.WeightsPerGroup);
                Span<float> image = shifted.Image(buffer), spread = shifted.Products(buffer);
                spread.Clear();
                for (int n = first; n < Math.Min(first + ImagesPerChunk, g.Batch); n++)
                {
                    shifted.Fill(x, m.InputOffset(n, group), image);
                    var outputs = dOut.AsSpan(m.OutputOffset(n, group), m.OutputsPerGroup);
                    for (int o = 0; o < m.OutPerGroup; o++)
                        for (int oh = 0; oh < g.OutHeight; oh++)
                            outputs.Slice((o * g.OutHeight + oh) * g.OutWidth, g.OutWidth).CopyTo(spread.Slice(o * shifted.Columns + oh * shifted.RowPitch));
                    Gemm.MultiplyShifted(spread, image, starts, sum, m.OutPerGroup, shifted.Columns, m.Patch,     // dW += dOut · columnsᵀ
                        transposeB: true, accumulate: n > first);
                }
            });
        }
        else
            ForEach(m.Patch * m.Positions, chunks * groups, work, (task, columns) =>
            {
                int chunk = task / groups, group = task % groups, first = chunk * ImagesPerChunk;
                var sum = sums.AsSpan(chunk * weights + group * m.WeightsPerGroup, m.WeightsPerGroup);
                for (int n = first; n < Math.Min(first + ImagesPerChunk, g.Batch); n++)
                {
                    Im2Col.Forward(x, m.InputOffset(n, group), m.GroupChannels, g, columns);                       // columns = im2col(x)
                    Gemm.Multiply(dOut.AsSpan(m.OutputOffset(n, group), m.OutputsPerGroup), transposeA: false,      // dW += dOut · columnsᵀ
                        columns, transposeB: true, sum, m.OutPerGroup, m.Positions, m.Patch, accumulate: n > first);
                }
            });
        if (chunks > 1)
        {
            sums.AsSpan(0, weights).CopyTo(dWeight);
            for (int chunk = 1; chunk < chunks; chunk++) dWeight.AsSpan().Add(sums.AsSpan(chunk * weights, weights));
            ArrayPool<float>.Shared.Return(sums);
        }
        return dWeight;
    }

    /// <summary>dx = col2im(Wᵀ · dOut) for every image and group: the gradient of the input, [N, C, H, W] as a flat array.</summary>
    public static float[] InputGradient(float[] dOut, float[] weight, ConvGeometry g, int groups, int outChannels)
    {
        var m = new Matrices(g, groups, outChannels);
        var dx = GradientBuffers.RentZeroed(g.Batch * g.Channels * g.Height * g.Width);
        ForEach(m.Patch * m.Positions, g.Batch * groups, work: (long)g.Batch * m.OutPerGroup * m.Positions * m.Patch, (index, dColumns) =>
        {
            int n = index / groups, group = index % groups;
            // W is [out, patch]; the packing reads it as Wᵀ, so no transposed copy is made.
            Gemm.Multiply(m.Weights(weight, group), transposeA: true, dOut.AsSpan(m.OutputOffset(n, group), m.OutputsPerGroup),
                transposeB: false, dColumns, m.Patch, m.OutPerGroup, m.Positions);                             // dColumns = Wᵀ · dOut
            Im2Col.Col2Im(dColumns, m.GroupChannels, g, dx, m.InputOffset(n, group));                         // dx = col2im(dColumns)
        });
        return dx;
    }

    /// <summary>
    /// db = dOut summed over the images and every position, for dOut [N, C, H', W']: over each row in double, then over
    /// the rows in double, then over the images in double, each sum rounded to float as it ends (the same arithmetic
    /// as dOut.Sum(3).Sum(2).Sum(0), without the intermediate tensors).
    /// </summary>
    public static float[] BiasGradient(float[] dOut, int[] shape)
    {
        int batch = shape[0], channels = shape[1], height = shape[2], width = shape[3];
        var totals = new double[channels];
        for (int n = 0, at = 0; n < batch; n++)
            for (int c = 0; c < channels; c++)
            {
                double plane = 0;
                for (int h = 0; h < height; h++)
                {
                    double row = 0;
                    for (int w = 0; w < width; w++) row += dOut[at++];
                    plane += (float)row;
                }
                totals[c] += (float)plane;
            }
        return [.. totals.Select(t => (float)t)];
    }

    // Images per chunk of the weight gradient: enough work per task, and a batch of 32 gives four tasks to share out.
    private const int ImagesPerChunk = 8;

    // Multiply-adds from which a convolution's jobs are shared out over the cores (below, a thread's start costs more).
    private const long ParallelWork = 1 << 22;

    // Runs job(index, buffer) for index = 0 .. count-1; every worker rents one buffer of `length` values and reuses it. A
    // job writes every element of the buffer it reads (im2col, padding and Gemm overwrite), so a dirty rented buffer is fine.
    private static void ForEach(int length, int count, long work, Action<int, Span<float>> job)
    {
        if (work < ParallelWork)
        {
            var buffer = ArrayPool<float>.Shared.Rent(length);
            for (int i = 0; i < count; i++) job(i, buffer.AsSpan(0, length));
            ArrayPool<float>.Shared.Return(buffer);
            return;
        }
        Threads.For(count, () => ArrayPool<float>.Shared.Rent(length),
            (index, buffer) => job(index, buffer.AsSpan(0, length)),
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
