using System.Buffers;
using System.Runtime.CompilerServices;

namespace DeepImaging.Engine;

/// <summary>
/// The parallel loops of the sliding-window operations: the convolution's matrix products run for the images and
/// channel groups of a batch (shared out over <see cref="Threads"/> once there is enough work), pooling windows for
/// the planes (image and channel).
/// </summary>
internal static class ConvolutionDriver
{
    // Multiply-adds from which a convolution's jobs are shared out over the cores (below, a thread's start costs more).
    private const long ParallelWork = 1 << 22;

    // Images per chunk of the weight gradient: enough work per task, and a batch of 32 gives four tasks to share out.
    private const int ImagesPerChunk = 8;

    /// <summary>One job of a convolution: image, channel group, and a buffer to work in.</summary>
    public delegate void Job(int image, int group, Span<float> buffer);

    /// <summary>One image's share of a sum over the images: image, group, a buffer (im2col-sized unless asked otherwise;
    /// the same one for every image of a chunk), the sum of its group, and whether to add to the sum (false for the
    /// first image of a chunk, which overwrites it).</summary>
    public delegate void SumJob(int image, int group, Span<float> columns, Span<float> sum, bool accumulate);

    /// <summary>
    /// Runs <paramref name="job"/> once per image and group with an im2col-sized buffer ([patch, positions]). The buffers
    /// are large (up to megabytes), so each worker rents one from the pool and reuses it for all its jobs; a job must
    /// write every element of the buffer before reading it (im2col and the matrix product overwrite), so a dirty
    /// rented buffer is fine.
    /// </summary>
    public static void ForEachImageAndGroup(ConvLayout m, Job job) => ForEachImageAndGroup(m, m.Patch * m.Positions, job);

    /// <summary>As <see cref="ForEachImageAndGroup(ConvLayout, Job)"/>, with buffers of <paramref name="bufferLength"/> values.</summary>
    public static void ForEachImageAndGroup(ConvLayout m, int bufferLength, Job job) =>
        ForEach(bufferLength, m.G.Batch * m.Groups, Work(m), (index, buffer) => job(index / m.Groups, index % m.Groups, buffer));

    /// <summary>
    /// Σ over the images of what <paramref name="job"/> adds for each image and group, [groups, sum per group] with
    /// <paramref name="perGroup"/> values per group. The images are taken in fixed chunks of <see cref="ImagesPerChunk"/>:
    /// within a chunk the job continues one sum, image after image; the chunks' sums are then added in chunk order.
    /// The chunks do not depend on the number of threads, so neither does the result.
    /// </summary>
    public static float[] SumOverImages(ConvLayout m, int perGroup, SumJob job) => SumOverImages(m, perGroup, m.Patch * m.Positions, job);

    /// <summary>As <see cref="SumOverImages(ConvLayout, int, SumJob)"/>, with buffers of <paramref name="bufferLength"/> values.</summary>
    public static float[] SumOverImages(ConvLayout m, int perGroup, int bufferLength, SumJob job)
    {
        int total = m.Groups * perGroup, chunks = (m.G.Batch + ImagesPerChunk - 1) / ImagesPerChunk;
        var result = new float[total];
        var sums = chunks == 1 ? result : ArrayPool<float>.Shared.Rent(chunks * total);
        ForEach(bufferLength, chunks * m.Groups, Work(m), (task, buffer) =>
        {
            int chunk = task / m.Groups, group = task % m.Groups, first = chunk * ImagesPerChunk;
            var sum = sums.AsSpan(chunk * total + group * perGroup, perGroup);
            for (int n = first; n < Math.Min(first + ImagesPerChunk, m.G.Batch); n++)
                job(n, group, buffer, sum, accumulate: n > first);
        });
        if (chunks > 1)
        {
            sums.AsSpan(0, total).CopyTo(result);
            for (int chunk = 1; chunk < chunks; chunk++) result.AsSpan().Add(sums.AsSpan(chunk * total, total));
            ArrayPool<float>.Shared.Return(sums);
        }
        return result;
    }

    /// <summary>One output of a pooling window: plane (image and channel), output row and column, flat output index.</summary>
    public delegate void WindowStep(int plane, int oh, int ow, int output);

    /// <summary>Calls <paramref name="step"/> for every output position of every plane, planes in parallel.</summary>
    public static void ForEachWindow(ConvGeometry g, WindowStep step) =>
        // The window loops are hot: compile them optimised at once instead of waiting for tiered compilation.
        Parallel.For(0, g.Batch * g.Channels, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (plane) =>
        {
            for (int oh = 0, o = plane * g.OutputPositions; oh < g.OutHeight; oh++)
                for (int ow = 0; ow < g.OutWidth; ow++, o++)
                    step(plane, oh, ow, o);
        });

    // The multiply-adds of one product over the whole batch.
    private static long Work(ConvLayout m) => (long)m.G.Batch * m.OutPerGroup * m.Positions * m.Patch;

    // Runs job(index, buffer) for index = 0 .. count-1; every worker rents one buffer of `length` values and reuses it.
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
}
