using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepImaging.Engine;

/// <summary>
/// Max pooling's forward loop, plane by plane (image and channel), for any window, stride and padding, without a call
/// per output value. The rule is Functional.MaxPool2d's: the largest value under the window, the first one on ties, and
/// a NaN wins (the last NaN, as the comparison is written), as in PyTorch.
/// </summary>
internal static class Pooling
{
    private const int PlanesPerTask = 64;      // fixed blocks of planes: the same tasks whatever the number of threads
    private const long ParallelWork = 1 << 18; // window reads from which the planes are shared out over the cores

    /// <summary>output[o] = the maximum of the window of output o; from[o] = the flat index in x it came from.</summary>
    public static void MaxForward(float[] x, ConvGeometry g, float[] output, int[] from)
    {
        int planes = g.Batch * g.Channels;
        if ((long)output.Length * g.KernelHeight * g.KernelWidth < ParallelWork)
            MaxPlanes(x, g, output, from, 0, planes);
        else
            Threads.For((planes + PlanesPerTask - 1) / PlanesPerTask,
                task => MaxPlanes(x, g, output, from, task * PlanesPerTask, Math.Min(planes, (task + 1) * PlanesPerTask)));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MaxPlanes(float[] x, ConvGeometry g, float[] output, int[] from, int firstPlane, int endPlane)
    {
        int height = g.Height, width = g.Width, outHeight = g.OutHeight, outWidth = g.OutWidth;
        int kernelHeight = g.KernelHeight, kernelWidth = g.KernelWidth, strideHeight = g.StrideHeight, strideWidth = g.StrideWidth;
        if (kernelHeight == 2 && kernelWidth == 2 && strideHeight == 2 && strideWidth == 2 && g.PadTop == 0 && g.PadLeft == 0)
        {
            Max2x2(x, g, output, from, firstPlane, endPlane);
            return;
        }
        for (int plane = firstPlane; plane < endPlane; plane++)
        {
            int o = plane * outHeight * outWidth, planeStart = plane * height * width;
            for (int oh = 0; oh < outHeight; oh++)
            {
                int h0 = oh * strideHeight - g.PadTop;
                int top = Math.Max(h0, 0), bottom = Math.Min(h0 + kernelHeight, height);
                for (int ow = 0; ow < outWidth; ow++, o++)
                {
                    int w0 = ow * strideWidth - g.PadLeft;
                    int left = Math.Max(w0, 0), right = Math.Min(w0 + kernelWidth, width);
                    int best = -1;
                    for (int i = top; i < bottom; i++)
                        for (int at = planeStart + i * width + left, end = at + right - left; at < end; at++)
                            if (best < 0 || x[at] > x[best] || float.IsNaN(x[at])) best = at;
                    output[o] = x[best];
                    from[o] = best;
                }
            }
        }
    }

    // The common MaxPool2d(2): windows of 2 x 2 side by side, always inside the image. The same rule, eight windows at a
    // time where the processor has AVX2 and a row has at least eight, else one at a time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Max2x2(float[] x, ConvGeometry g, float[] output, int[] from, int firstPlane, int endPlane)
    {
        int width = g.Width, outHeight = g.OutHeight, outWidth = g.OutWidth;
        // Rows of at least 8 windows go 8 at a time, the last 8 overlapping the ones before (they are written again).
        int vectorWidth = Avx2.IsSupported && outWidth >= 8 ? outWidth : 0;
        ref float values = ref MemoryMarshal.GetArrayDataReference(x);
        for (int plane = firstPlane; plane < endPlane; plane++)
            for (int oh = 0, o = plane * outHeight * outWidth; oh < outHeight; oh++, o += outWidth)
            {
                int top = (plane * g.Height + 2 * oh) * width;
                for (int ow = 0; ow < vectorWidth; ow += 8)
                {
                    ow = Math.Min(ow, vectorWidth - 8);
                    Max2x2Vector(ref values, top + 2 * ow, width, output.AsSpan(o + ow, 8), from.AsSpan(o + ow, 8));
                }
                for (int ow = vectorWidth; ow < outWidth; ow++)
                {
                    int at = top + 2 * ow, best = at;
                    float max = Unsafe.Add(ref values, at);
                    Consider(ref values, at + 1, ref best, ref max);
                    Consider(ref values, at + width, ref best, ref max);
                    Consider(ref values, at + width + 1, ref best, ref max);
                    output[o + ow] = max;
                    from[o + ow] = best;
                }
            }
    }

    // Eight neighbouring windows starting at `at`: the four values of each window in reading order (top left, top right,
    // bottom left, bottom right) as four vectors, then the rule "take it if larger or NaN" on all eight at once.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Max2x2Vector(ref float values, int at, int width, Span<float> output, Span<int> from)
    {
        var (topLeft, topRight) = SpanMath.Deinterleave(ref Unsafe.Add(ref values, at));
        var (bottomLeft, bottomRight) = SpanMath.Deinterleave(ref Unsafe.Add(ref values, at + width));
        var index = Vector256.Create(at) + Vector256.Create(0, 2, 4, 6, 8, 10, 12, 14);
        var max = topLeft;
        var best = index;
        Take(topRight, index + Vector256.Create(1), ref max, ref best);
        Take(bottomLeft, index + Vector256.Create(width), ref max, ref best);
        Take(bottomRight, index + Vector256.Create(width + 1), ref max, ref best);
        max.CopyTo(output);
        best.CopyTo(from);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Take(Vector256<float> v, Vector256<int> at, ref Vector256<float> max, ref Vector256<int> best)
    {
        var take = Vector256.GreaterThan(v, max) | ~Vector256.Equals(v, v); // larger, or NaN
        max = Vector256.ConditionalSelect(take, v, max);
        best = Vector256.ConditionalSelect(take.AsInt32(), at, best);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Consider(ref float values, int at, ref int best, ref float max)
    {
        float v = Unsafe.Add(ref values, at);
        if (v > max || float.IsNaN(v))
        {
            best = at;
            max = v;
        }
    }
}
