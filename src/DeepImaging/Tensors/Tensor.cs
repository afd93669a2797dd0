using System.Globalization;

namespace DeepImaging;

/// <summary>
/// An n-dimensional array of float32 values stored contiguously in row-major order
/// (the last dimension varies fastest), with optional reverse-mode automatic differentiation.
/// Image batches use the PyTorch layout [N, C, H, W]: batch, channels, height, width.
/// </summary>
public sealed partial class Tensor
{
    /// <summary>The values, row-major. Views made by <see cref="Reshape"/> share this array.</summary>
    internal readonly float[] data;
    internal readonly int[] shape;

    internal Tensor(float[] data, int[] shape)
    {
        this.data = data;
        this.shape = shape;
    }

    /// <summary>The size of each dimension, outermost first (a copy: changing it does not change the tensor).</summary>
    public int[] Shape => (int[])shape.Clone();

    /// <summary>The number of dimensions (0 for a scalar).</summary>
    public int Rank => shape.Length;

    /// <summary>The total number of elements.</summary>
    public int Count => data.Length;

    /// <summary>The size of dimension <paramref name="dim"/>; negative values count from the end, like PyTorch.</summary>
    public int Size(int dim) => shape[NormalizeDim(dim, "Size")];

    /// <summary>Copies the values into a new flat array in row-major order.</summary>
    public float[] ToArray() => (float[])data.Clone();

    /// <summary>The values as a read-only span, without copying.</summary>
    public ReadOnlySpan<float> AsSpan() => data;

    /// <summary>The single value of a one-element tensor, like PyTorch's <c>item()</c>.</summary>
    public float Item()
    {
        if (data.Length != 1)
            throw new InvalidOperationException($"Item: the tensor has shape {Shapes.Format(shape)} with {data.Length} elements; Item() needs exactly one element.");
        return data[0];
    }

    /// <summary>
    /// Reads or writes one element by its indices (one index per dimension; negative indices count from the end).
    /// Writing changes the values in place: do it before a tensor is used in a computation whose gradient you need,
    /// not after, because the backward pass reads the values as they are then.
    /// </summary>
    [System.Runtime.CompilerServices.IndexerName("Element")]
    public float this[params int[] indices]
    {
        get => data[FlatIndex(indices)];
        set => data[FlatIndex(indices)] = value;
    }

    private int FlatIndex(int[] indices)
    {
        if (indices.Length != shape.Length)
            throw new ArgumentException($"Tensor indexer: got {indices.Length} indices for a tensor of shape {Shapes.Format(shape)}; give exactly {shape.Length}.", nameof(indices));
        int flat = 0;
        for (int d = 0; d < shape.Length; d++)
        {
            int i = indices[d] < 0 ? indices[d] + shape[d] : indices[d];
            if (i < 0 || i >= shape[d])
                throw new ArgumentOutOfRangeException(nameof(indices), $"Tensor indexer: index {indices[d]} is out of range for dimension {d} of size {shape[d]} (shape {Shapes.Format(shape)}).");
            flat = flat * shape[d] + i;
        }
        return flat;
    }

    internal int NormalizeDim(int dim, string operation, int? rank = null)
    {
        int r = rank ?? shape.Length;
        int d = dim < 0 ? dim + r : dim;
        if (d < 0 || d >= r)
            throw new ArgumentOutOfRangeException(nameof(dim), r == 0
                ? $"{operation}: a 0-dimensional tensor (a single value) has no dimension {dim}; Reshape(1) first to give it one."
                : $"{operation}: dimension {dim} is out of range for a tensor of shape {Shapes.Format(shape)}; use 0..{r - 1} or -{r}..-1.");
        return d;
    }

    /// <summary>A PyTorch-style listing of the values, e.g. <c>tensor([[19., 25.], [37., 43.]])</c> over several lines.</summary>
    public override string ToString() => TensorPrinter.Print(this);

    /// <summary>The shape written as e.g. <c>[1, 3, 256, 256]</c>.</summary>
    public string ShapeString => Shapes.Format(shape);

    internal static string Num(float v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
