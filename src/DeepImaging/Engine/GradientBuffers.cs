namespace DeepImaging.Engine;

/// <summary>
/// Recycled arrays for the gradients of the backward pass. A training step computes gradients as large as the
/// activations and drops them a moment later; fresh arrays of that size come from the operating system page by page
/// (each first touch a page fault, costly in a virtual machine) and make the garbage collector run its full
/// collections. The gradient that reaches an operation's output is used only by that operation's backward step, so
/// autograd gives its array back here right after that step, and the next gradient of the same size reuses it.
/// Per thread (the backward pass runs on one), exact sizes (a tensor's array is exactly its size), at most
/// <see cref="MaxPooledValues"/> values kept.
/// </summary>
internal static class GradientBuffers
{
    private const int SmallestPooled = 4096;            // smaller arrays are cheap for the garbage collector's young generation
    private const long MaxPooledValues = 16L << 20;      // 64 MB per thread

    [ThreadStatic] private static Dictionary<int, Stack<float[]>>? free;
    [ThreadStatic] private static long pooledValues;

    /// <summary>An array of exactly <paramref name="length"/> values, whatever they hold: the caller writes every one.</summary>
    public static float[] Rent(int length)
    {
        if (length >= SmallestPooled && free is not null && free.TryGetValue(length, out var stack) && stack.TryPop(out var array))
        {
            pooledValues -= length;
            return array;
        }
        return LargeArrays.Uninitialized<float>(length);
    }

    /// <summary>An array of exactly <paramref name="length"/> zeros.</summary>
    public static float[] RentZeroed(int length)
    {
        var array = Rent(length);
        Array.Clear(array);
        return array;
    }

    /// <summary>Takes back an array nothing else refers to any more.</summary>
    public static void Return(float[] array)
    {
        if (array.Length < SmallestPooled || pooledValues + array.Length > MaxPooledValues) return;
        free ??= [];
        if (!free.TryGetValue(array.Length, out var stack)) free[array.Length] = stack = new Stack<float[]>();
        stack.Push(array);
        pooledValues += array.Length;
    }
}
