using System.Runtime.Intrinsics;

namespace DeepImaging.Engine;

/// <summary>Small vectorised helpers on spans, for the convolution and for adding up gradients.</summary>
internal static class SpanMath
{
    /// <summary>target[i] += value for every i.</summary>
    public static void Add(this Span<float> target, float value)
    {
        var v = Vector512.Create(value);
        int i = 0;
        for (; i <= target.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            (Vector512.Create(target[i..]) + v).CopyTo(target[i..]);
        for (; i < target.Length; i++) target[i] += value;
    }

    /// <summary>target[i] += source[i] for every i.</summary>
    public static void Add(this Span<float> target, ReadOnlySpan<float> source)
    {
        int i = 0;
        for (; i <= target.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            (Vector512.Create(target[i..]) + Vector512.Create(source[i..])).CopyTo(target[i..]);
        for (; i < target.Length; i++) target[i] += source[i];
    }
}
