using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DeepImaging.Engine;

/// <summary>
/// Element-wise activations a vector at a time, with exactly the rule of the scalar definitions (so results are
/// bit-identical to them): ReLU y = (x &lt;= 0 ? 0 : x), which keeps NaN; its gradient dx = g · (x &lt;= 0 ? 0 : 1).
/// </summary>
internal static class Activation
{
    /// <summary>y = x &lt;= 0 ? 0 : x for every element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Relu(ReadOnlySpan<float> x, Span<float> y)
    {
        Check(x.Length, y.Length, y.Length);
        ref float from = ref MemoryMarshal.GetReference(x);
        ref float to = ref MemoryMarshal.GetReference(y);
        int i = 0;
        for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            var v = Vector256.LoadUnsafe(ref from, (nuint)i);
            Vector256.ConditionalSelect(Vector256.LessThanOrEqual(v, Vector256<float>.Zero), Vector256<float>.Zero, v).StoreUnsafe(ref to, (nuint)i);
        }
        for (; i < x.Length; i++) y[i] = x[i] <= 0 ? 0f : x[i];
    }

    /// <summary>dx = g · (x &lt;= 0 ? 0 : 1) for every element (a multiplication, so a NaN or infinite g stays visible as NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ReluBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> g, Span<float> dx)
    {
        Check(x.Length, g.Length, dx.Length);
        ref float input = ref MemoryMarshal.GetReference(x);
        ref float gradient = ref MemoryMarshal.GetReference(g);
        ref float to = ref MemoryMarshal.GetReference(dx);
        var one = Vector256<float>.One;
        int i = 0;
        for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            var slope = Vector256.ConditionalSelect(Vector256.LessThanOrEqual(Vector256.LoadUnsafe(ref input, (nuint)i), Vector256<float>.Zero), Vector256<float>.Zero, one);
            (Vector256.LoadUnsafe(ref gradient, (nuint)i) * slope).StoreUnsafe(ref to, (nuint)i);
        }
        for (; i < x.Length; i++) dx[i] = g[i] * (x[i] <= 0 ? 0f : 1f);
    }

    private static void Check(int x, int g, int y)
    {
        if (g != x || y != x)
            throw new ArgumentException($"Activation: the spans hold {x}, {g} and {y} values; they must be equally long.");
    }
}
