namespace DeepImaging.Data;

/// <summary>Picks samples (entries of dimension 0) out of a tensor: the gather behind splits and table views.</summary>
internal static class Rows
{
    /// <summary>A new tensor holding <paramref name="source"/>[indices[0]], [indices[1]], ... stacked along dimension 0.</summary>
    public static Tensor Take(Tensor source, IReadOnlyList<int> indices)
    {
        int rowSize = source.shape.Length == 0 ? 1 : source.data.Length / Math.Max(1, source.shape[0]);
        var result = new float[indices.Count * rowSize];
        for (int i = 0; i < indices.Count; i++)
            Array.Copy(source.data, indices[i] * rowSize, result, i * rowSize, rowSize);
        int[] shape = (int[])source.shape.Clone();
        shape[0] = indices.Count;
        return new Tensor(result, shape);
    }
}
