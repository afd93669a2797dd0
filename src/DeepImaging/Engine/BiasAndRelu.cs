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

    /// <summary>to = from + b (if <paramref name="addBias"/>), then ReLU (if <paramref name="relu"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply(ReadOnlySpan<float> from, Span<float> to, bool addBias, float bias, bool relu)
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
}
