using System.Buffers;
using System.Runtime.CompilerServices;

namespace DeepImaging.Engine;

/// <summary>
/// The parallel loops of the sliding-window operations: the convolution's matrix products run for the images and
/// channel groups of a batch in parallel, pooling windows for the planes (image and channel).
/// </summary>
internal static class ConvolutionDriver
{
    /// <summary>One job of a convolution: image, channel group, and an im2col-sized buffer to work in.</summary>
    public delegate void Job(int image, int group, Span<float> columns);

    /// <summary>
    /// Runs <paramref name="job"/> once per image and group. The im2col buffers are large (up to megabytes), so each
    /// worker rents one from the pool and reuses it for all its jobs; a job must write every element of the buffer
    /// before reading it (im2col and the matrix product overwrite), so a dirty rented buffer is fine.
    /// </summary>
    public static void ForEachImageAndGroup(ConvLayout m, Job job)
    {
        int length = m.Patch * m.Positions;
        Parallel.For(0, m.G.Batch * m.Groups, () => ArrayPool<float>.Shared.Rent(length), (index, _, buffer) =>
        {
            job(index / m.Groups, index % m.Groups, buffer.AsSpan(0, length));
            return buffer;
        }, buffer => ArrayPool<float>.Shared.Return(buffer));
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
}
