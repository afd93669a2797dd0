namespace DeepImaging;

/// <summary>Shape arithmetic shared by the tensor operations: element counts, broadcasting, formatting.</summary>
internal static class Shapes
{
    public static string Format(IReadOnlyList<int> shape) => "[" + string.Join(", ", shape) + "]";

    public static int Count(IReadOnlyList<int> shape)
    {
        long n = 1;
        foreach (int s in shape) n *= s;
        if (n > int.MaxValue)
            throw new ArgumentException($"Shape {Format(shape)} has {n:N0} elements, more than a tensor can hold ({int.MaxValue:N0}).");
        return (int)n;
    }

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
