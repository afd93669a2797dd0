using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DeepImaging.Engine;

/// <summary>Per-channel sums of a [N, C, H, W] array, as the bias gradient of a convolution needs them.</summary>
internal static class ChannelSums
{
    /// <summary>
    /// Each channel of <paramref name="values"/> [N, C, H, W] summed over the images and every position, in double,
    /// rounded to float once at the end. Each image's plane is added 16 values at a time into 16 running double sums
    /// (lanes), which are added in a fixed order at the end: the same order on every machine and any number of threads.
    /// </summary>
    public static float[] OverImagesAndPositions(float[] values, int[] shape)
    {
        int batch = shape[0], channels = shape[1], plane = shape[2] * shape[3];
        var totals = new float[channels];
        // Each channel is one task (its own sum, in the same order on any thread); worth sharing out only when large.
        if (values.Length < ParallelValues) for (int c = 0; c < channels; c++) totals[c] = Channel(values, c, batch, channels, plane);
        else Threads.For(channels, c => totals[c] = Channel(values, c, batch, channels, plane));
        return totals;
    }

    private const int ParallelValues = 1 << 18;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Channel(float[] values, int c, int batch, int channels, int plane)
    {
        // Four vectors of four doubles: lanes 0-3, 4-7, 8-11, 12-15 of the 16 running sums.
        Vector256<double> s0 = default, s1 = default, s2 = default, s3 = default;
        double rest = 0;
        ref float start = ref MemoryMarshal.GetArrayDataReference(values);
        for (int n = 0; n < batch; n++)
        {
            ref float at = ref Unsafe.Add(ref start, (n * channels + c) * plane);
            int i = 0;
            for (; i + 16 <= plane; i += 16)
            {
                var low = Vector256.LoadUnsafe(ref at, (nuint)i);
                var high = Vector256.LoadUnsafe(ref at, (nuint)(i + 8));
                s0 += Vector256.WidenLower(low);
                s1 += Vector256.WidenUpper(low);
                s2 += Vector256.WidenLower(high);
                s3 += Vector256.WidenUpper(high);
            }
            for (; i < plane; i++) rest += Unsafe.Add(ref at, i);
        }
        var sum = (s0 + s1) + (s2 + s3);
        return (float)(((sum.GetElement(0) + sum.GetElement(1)) + (sum.GetElement(2) + sum.GetElement(3))) + rest);
    }
}
