namespace DeepImaging.Engine;

/// <summary>
/// Small work buffers of the engine's kernels (at most a few megabytes), one set per thread, kept between calls: once
/// they have grown to the sizes a model needs, a training step allocates nothing for them. A buffer holds whatever the
/// last user left in it; every user writes the part it reads. (Large buffers, such as im2col matrices, come from
/// ArrayPool instead, which gives memory back when the garbage collector asks.)
/// </summary>
internal static class Scratch
{
    [ThreadStatic] private static float[]? packedA;
    [ThreadStatic] private static float[]? packedB;
    [ThreadStatic] private static float[]? tile;
    [ThreadStatic] private static float[]? packedWeights;

    /// <summary>The packed block of A in <see cref="Gemm"/>.</summary>
    public static ArraySegment<float> PackedA(int length) => Get(ref packedA, length);

    /// <summary>The packed block of B in <see cref="Gemm"/>.</summary>
    public static ArraySegment<float> PackedB(int length) => Get(ref packedB, length);

    /// <summary>A convolution's weights packed once per call (see <see cref="Gemm.PackLeft"/>).</summary>
    public static ArraySegment<float> PackedWeights(int length) => Get(ref packedWeights, length);

    /// <summary>One tile of C for the kernel at the edges of a product.</summary>
    public static ArraySegment<float> Tile(int length) => Get(ref tile, length);

    private static ArraySegment<float> Get(ref float[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length)
            buffer = new float[Math.Max(length, 2 * (buffer?.Length ?? 0))];
        return new ArraySegment<float>(buffer, 0, length);
    }
}
