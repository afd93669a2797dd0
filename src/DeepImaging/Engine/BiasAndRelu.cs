using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DeepImaging.Engine;

/// <summary>
/// The end of a convolution's forward pass: + b, then ReLU when the layer is fused with one, in one pass over each
/// output channel while it is still in the cache. The same two roundings as adding and applying ReLU separately.
/// </summary>
internal static class BiasAndRelu
{
    /// <summary>Each of the <paramref name="channels"/> planes of <paramref name="positions"/> values in
    /// <paramref name="outputs"/> plus its bias (bias[firstChannel + o], if there is a bias), then ReLU (if asked).</summary>
    public static void ApplyToChannels(Span<float> outputs, int channels, int positions, float[]? bias, int firstChannel, bool relu)
    {
        for (int o = 0; o < channels; o++)
        {
            var plane = outputs.Slice(o * positions, positions);
            Apply(plane, plane, bias is not null, bias is null ? 0f : bias[firstChannel + o], relu);
        }
    }

    /// <summary>
    /// Row after row of a product whose rows are <paramref name="pitch"/> apart into rows of <paramref name="width"/>:
    /// to[row · width + i] = from[row · pitch + i] + b (if <paramref name="addBias"/>), then ReLU (if <paramref name="relu"/>).
    /// from and to must not overlap: a row's last vector may overlap the one before it and write its values again.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ApplyToRows(ReadOnlySpan<float> from, int pitch, Span<float> to, int width, int rows, bool addBias, float bias, bool relu)
    {
        int count = Vector256<float>.Count;
        if (rows == 0) return;
        if (width < count || (long)(rows - 1) * pitch + width > from.Length || (long)rows * width > to.Length)
        {
            for (int row = 0; row < rows; row++)
                Apply(from.Slice(row * pitch, width), to.Slice(row * width, width), addBias, bias, relu);
            return;
        }
        ref float source = ref MemoryMarshal.GetReference(from);
        ref float target = ref MemoryMarshal.GetReference(to);
        var b = Vector256.Create(bias);
        for (int row = 0; row < rows; row++)
        {
            ref float rowFrom = ref Unsafe.Add(ref source, row * pitch);
            ref float rowTo = ref Unsafe.Add(ref target, row * width);
            for (int i = 0; ; i += count)
            {
                i = Math.Min(i, width - count);
                Step(Vector256.LoadUnsafe(ref rowFrom, (nuint)i), b, addBias, relu).StoreUnsafe(ref rowTo, (nuint)i);
                if (i == width - count) break;
            }
        }
    }

    /// <summary>to = from + b (if <paramref name="addBias"/>), then ReLU (if <paramref name="relu"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply(ReadOnlySpan<float> from, Span<float> to, bool addBias, float bias, bool relu)
    {
        ref float source = ref MemoryMarshal.GetReference(from);
        ref float target = ref MemoryMarshal.GetReference(to);
        var b = Vector256.Create(bias);
        int i = 0;
        for (; i <= from.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            Step(Vector256.LoadUnsafe(ref source, (nuint)i), b, addBias, relu).StoreUnsafe(ref target, (nuint)i);
        for (; i < from.Length; i++)
        {
            float v = addBias ? from[i] + bias : from[i];
            to[i] = relu && v <= 0 ? 0f : v;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Step(Vector256<float> v, Vector256<float> b, bool addBias, bool relu)
    {
        if (addBias) v += b;
        return relu ? Vector256.ConditionalSelect(Vector256.LessThanOrEqual(v, Vector256<float>.Zero), Vector256<float>.Zero, v) : v;
    }
}
