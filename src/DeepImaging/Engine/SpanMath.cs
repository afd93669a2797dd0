using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DeepImaging.Engine;

/// <summary>Small vectorised helpers on spans, for the convolution and for adding up gradients (256-bit vectors: accelerated on AVX2 and AVX-512 alike).</summary>
internal static class SpanMath
{
    /// <summary>target[i] += value for every i.</summary>
    public static void Add(this Span<float> target, float value)
    {
        var v = Vector256.Create(value);
        int i = 0;
        for (; i <= target.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            (Vector256.Create(target[i..]) + v).CopyTo(target[i..]);
        for (; i < target.Length; i++) target[i] += value;
    }

    /// <summary>target[i] += source[i] for every i.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Add(this Span<float> target, ReadOnlySpan<float> source)
    {
        if (source.Length < target.Length)
            throw new ArgumentException($"SpanMath.Add: {source.Length} values cannot be added to {target.Length}.");
        ref float to = ref MemoryMarshal.GetReference(target);
        ref float from = ref MemoryMarshal.GetReference(source);
        int i = 0;
        for (; i <= target.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            (Vector256.LoadUnsafe(ref to, (nuint)i) + Vector256.LoadUnsafe(ref from, (nuint)i)).StoreUnsafe(ref to, (nuint)i);
        for (; i < target.Length; i++) Unsafe.Add(ref to, i) += Unsafe.Add(ref from, i);
    }
}
