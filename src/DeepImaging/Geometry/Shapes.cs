namespace DeepImaging;

/// <summary>Shape arithmetic shared by the tensor operations: element counts, broadcasting, formatting.</summary>
internal static class Shapes
{
    public static string Format(IReadOnlyList<int> shape) => "[" + string.Join(", ", shape) + "]";

    /// <summary>The most elements one tensor can hold: the longest array .NET allows (2,147,483,591 floats, about 8.6 GB).</summary>
    public static int MaxElements => Array.MaxLength;

    /// <summary>
    /// The number of elements of <paramref name="shape"/>, multiplied in 64 bits and checked at every step, so a shape too
    /// large for a tensor (say [65536, 65536, 65536, 65536], whose count wraps to 0 in 64-bit arithmetic) is refused
    /// with <paramref name="operation"/>'s name rather than giving a wrong count.
    /// </summary>
    public static int Count(IReadOnlyList<int> shape, string operation = "Tensor")
    {
        CheckDimensions(shape, operation);
        if (!Fits(shape, out int count))
            throw new ArgumentException(
                $"{operation}: shape {Format(shape)} has {Product(shape):N0} elements, more than one tensor can hold ({MaxElements:N0}); use smaller sizes.");
        return count;
    }

    /// <summary>Whether a shape of non-negative dimensions has at most <see cref="MaxElements"/> elements, and how many.</summary>
    public static bool Fits(IReadOnlyList<int> shape, out int count)
    {
        count = 0;
        if (shape.Contains(0)) return true;
        long n = 1;
        foreach (int s in shape)
        {
            n *= s; // n <= MaxElements < 2^31 and s < 2^31, so the product stays below 2^62
            if (n > MaxElements) return false;
        }
        count = (int)n;
        return true;
    }

    /// <summary>One dimension computed from others (a padded height, a number of patches); refused when it does not fit an int.</summary>
    /// <param name="size">The computed size, in 64-bit arithmetic.</param>
    /// <param name="operation">The operation, e.g. "Pad".</param>
    /// <param name="what">What the size is, e.g. "the padded height".</param>
    /// <param name="advice">What would make it fit, e.g. "use less padding".</param>
    public static int Dimension(long size, string operation, string what, string advice)
    {
        if (size > int.MaxValue)
            throw new ArgumentException($"{operation}: {what} would be {size:N0}, more than a tensor dimension can hold ({int.MaxValue:N0}); {advice}.");
        return (int)size;
    }

    /// <summary>The exact element count of any shape, for messages about shapes too large to count in 64 bits.</summary>
    public static System.Numerics.BigInteger Product(IReadOnlyList<int> shape) =>
        shape.Aggregate(System.Numerics.BigInteger.One, (product, s) => product * s);

    public static void CheckDimensions(IReadOnlyList<int> shape, string operation)
    {
        foreach (int s in shape)
            if (s < 0)
                throw new ArgumentException($"{operation}: shape {Format(shape)} has a negative dimension; every dimension must be >= 0.");
    }

    /// <summary>Row-major strides: how many elements to skip to move one step along each dimension.</summary>
    public static int[] Strides(IReadOnlyList<int> shape)
    {
        var strides = new int[shape.Count];
        int s = 1;
        for (int d = shape.Count - 1; d >= 0; d--)
        {
            strides[d] = s;
            s *= shape[d];
        }
        return strides;
    }

    /// <summary>The broadcast shape of two shapes, by NumPy/PyTorch rules: align from the right, sizes must match or be 1.</summary>
    public static int[] Broadcast(int[] a, int[] b, string operation)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            int db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException($"{operation}: shapes {Format(a)} and {Format(b)} cannot be broadcast together (dimension {i} from the left of the aligned shapes: {da} vs {db}); sizes must be equal or 1.");
            result[i] = da == 1 ? db : da;
        }
        Count(result, operation); // a broadcast can make a result too large for one tensor even when both inputs fit
        return result;
    }

    /// <summary>Strides for reading a tensor of <paramref name="shape"/> as if it had <paramref name="target"/> shape (0 where broadcast).</summary>
    public static int[] BroadcastStrides(int[] shape, int[] target)
    {
        var own = Strides(shape);
        var strides = new int[target.Length];
        int offset = target.Length - shape.Length;
        for (int d = 0; d < shape.Length; d++)
            strides[d + offset] = shape[d] == 1 ? 0 : own[d];
        return strides;
    }

    public static bool SameShape(int[] a, int[] b) => a.AsSpan().SequenceEqual(b);
}
