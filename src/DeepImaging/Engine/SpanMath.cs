using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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

    /// <summary>
    /// <paramref name="rows"/> rows of <paramref name="width"/> values, from rows <paramref name="fromPitch"/> apart to rows
    /// <paramref name="toPitch"/> apart, which must not overlap. For a convolution's short rows (often 32 values), where a
    /// memmove call per row costs more than the copy: each row is copied in vectors, the last one overlapping the one
    /// before it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CopyRows(ReadOnlySpan<float> from, int fromPitch, Span<float> to, int toPitch, int width, int rows)
    {
        if (rows <= 0 || width <= 0) return;
        if ((long)(rows - 1) * fromPitch + width > from.Length || (long)(rows - 1) * toPitch + width > to.Length)
            throw new ArgumentException($"SpanMath.CopyRows: {rows} rows of {width} values, {fromPitch} and {toPitch} apart, do not fit in {from.Length} and {to.Length} values.");
        int count = Vector256<float>.Count;
        if (width < count)
        {
            for (int row = 0; row < rows; row++) from.Slice(row * fromPitch, width).CopyTo(to.Slice(row * toPitch, width));
            return;
        }
        ref float source = ref MemoryMarshal.GetReference(from);
        ref float target = ref MemoryMarshal.GetReference(to);
        for (int row = 0; row < rows; row++)
        {
            ref float rowFrom = ref Unsafe.Add(ref source, row * fromPitch);
            ref float rowTo = ref Unsafe.Add(ref target, row * toPitch);
            for (int i = 0; ; i += count)
            {
                i = Math.Min(i, width - count);
                Vector256.LoadUnsafe(ref rowFrom, (nuint)i).StoreUnsafe(ref rowTo, (nuint)i);
                if (i == width - count) break;
            }
        }
    }

    /// <summary>Sixteen values a0 b0 a1 b1 ... a7 b7 from <paramref name="start"/> into (a0 ... a7, b0 ... b7). Needs AVX2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector256<float> Even, Vector256<float> Odd) Deinterleave(ref float start)
    {
        var low = Vector256.LoadUnsafe(ref start);
        var high = Vector256.LoadUnsafe(ref start, 8);
        // shufps picks within 128-bit lanes (a0 a1 c0 c1 | a2 a3 c2 c3), vpermpd puts the 64-bit pairs in order.
        var even = Avx2.Permute4x64(Avx.Shuffle(low, high, 0b10_00_10_00).AsDouble(), 0b11_01_10_00).AsSingle();
        var odd = Avx2.Permute4x64(Avx.Shuffle(low, high, 0b11_01_11_01).AsDouble(), 0b11_01_10_00).AsSingle();
        return (even, odd);
    }

    /// <summary>The values at even positions of <paramref name="from"/> to <paramref name="even"/>, those at odd positions
    /// to <paramref name="odd"/>, in order (a stride-2 split): 32 at a time with AVX-512, 16 with AVX2.</summary>
    public static void SplitEvenOdd(ReadOnlySpan<float> from, Span<float> even, Span<float> odd)
    {
        if (even.Length < (from.Length + 1) / 2 || odd.Length < from.Length / 2)
            throw new ArgumentException($"SpanMath.SplitEvenOdd: {from.Length} values need {(from.Length + 1) / 2} and {from.Length / 2} places; got {even.Length} and {odd.Length}.");
        SplitEvenOddUnchecked(ref MemoryMarshal.GetReference(from), from.Length, ref MemoryMarshal.GetReference(even), ref MemoryMarshal.GetReference(odd));
    }

    /// <summary>
    /// <see cref="SplitEvenOdd"/> for a caller that has checked the places itself: <paramref name="length"/> values from
    /// <paramref name="from"/>, (length + 1) / 2 places at <paramref name="even"/> and length / 2 at <paramref name="odd"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SplitEvenOddUnchecked(ref float from, int length, ref float even, ref float odd)
    {
        int i = 0;
        if (Simd.Use512 && Avx512F.IsSupported)
        {
            // vpermt2ps picks from two registers at once: lanes 0, 2, ..., 30 of (low, high), then 1, 3, ..., 31.
            var evenLanes = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
            var oddLanes = evenLanes + Vector512<int>.One;
            for (; i + 32 <= length; i += 32)
            {
                var low = Vector512.LoadUnsafe(ref from, (nuint)i);
                var high = Vector512.LoadUnsafe(ref from, (nuint)i + 16);
                Avx512F.PermuteVar16x32x2(low, evenLanes, high).StoreUnsafe(ref even, (nuint)(i / 2));
                Avx512F.PermuteVar16x32x2(low, oddLanes, high).StoreUnsafe(ref odd, (nuint)(i / 2));
            }
        }
        if (Avx2.IsSupported)
            for (; i + 16 <= length; i += 16)
            {
                var (evens, odds) = Deinterleave(ref Unsafe.Add(ref from, i));
                evens.StoreUnsafe(ref even, (nuint)(i / 2));
                odds.StoreUnsafe(ref odd, (nuint)(i / 2));
            }
        for (; i < length; i++)
            if (i % 2 == 0) Unsafe.Add(ref even, i / 2) = Unsafe.Add(ref from, i);
            else Unsafe.Add(ref odd, i / 2) = Unsafe.Add(ref from, i);
    }
}
