using DeepImaging.Engine;

namespace DeepImaging;

// Cutting pieces out of a tensor: ranges (Slice), one entry (Select), chosen entries (IndexSelect), and the strided
// copies behind them and behind Permute and Flip.
public sealed partial class Tensor
{
    /// <summary>Elements <paramref name="start"/> (inclusive) to <paramref name="end"/> (exclusive) along <paramref name="dim"/>, with an optional step. Negative positions count from the end.</summary>
    public Tensor Slice(int dim, int start, int end, int step = 1)
    {
        int d = NormalizeDim(dim, "Slice");
        int n = shape[d];
        if (step < 1)
            throw new ArgumentException($"Slice: step must be >= 1, got {step}.", nameof(step));
        int s = Math.Clamp(start < 0 ? start + n : start, 0, n);
        int e = Math.Clamp(end < 0 ? end + n : end, 0, n);
        int length = e > s ? (e - s + step - 1) / step : 0;

        var outShape = (int[])shape.Clone();
        outShape[d] = length;
        var strides = Shapes.Strides(shape);
        var readStrides = (int[])strides.Clone();
        readStrides[d] *= step;
        var result = new float[Shapes.Count(outShape)];
        Gather(data, result, outShape, readStrides, s * strides[d]);

        return Record(result, outShape, "Slice", [this], g =>
        {
            var full = new float[data.Length];
            Scatter(g.data, full, outShape, readStrides, s * strides[d]);
            AccumulateGrad(new Tensor(full, shape));
        });
    }

    /// <summary>The slice at <paramref name="index"/> along <paramref name="dim"/>, with that dimension removed (e.g. one image of a batch).</summary>
    public Tensor Select(int dim, int index)
    {
        int d = NormalizeDim(dim, "Select");
        int i = index < 0 ? index + shape[d] : index;
        if (i < 0 || i >= shape[d])
            throw new ArgumentOutOfRangeException(nameof(index), $"Select: index {index} is out of range for dimension {d} of size {shape[d]} (shape {ShapeString}).");
        return Slice(d, i, i + 1).Squeeze(d);
    }

    /// <summary>
    /// The entries <paramref name="indices"/>[0], [1], ... of dimension <paramref name="dim"/>, in that order (an index may
    /// repeat), like PyTorch's <c>index_select</c>: <c>x.IndexSelect(0, rows)</c> picks samples out of a batch. The result
    /// is a copy; in the backward pass each entry's gradient is added back where the entry came from.
    /// </summary>
    public Tensor IndexSelect(int dim, IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        int d = NormalizeDim(dim, "IndexSelect");
        int n = shape[d], picked = indices.Count;
        var at = new int[picked]; // a copy: the backward pass must not see later changes to the caller's list
        for (int i = 0; i < picked; i++)
            at[i] = indices[i] >= 0 && indices[i] < n ? indices[i] : throw new ArgumentOutOfRangeException(nameof(indices),
                $"IndexSelect: index {indices[i]} (position {i}) is out of range for dimension {d} of size {n} (shape {ShapeString}); use 0..{n - 1}.");
        var outShape = (int[])shape.Clone();
        outShape[d] = picked;
        // Seen as [outer, n, inner], the result is [outer, picked, inner]: one block of inner values per pick.
        int outer = Shapes.Count(shape[..d]), inner = Shapes.Count(shape[(d + 1)..]);
        var result = new float[Shapes.Count(outShape, "IndexSelect")];
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < picked; i++)
                Array.Copy(data, (o * n + at[i]) * inner, result, (o * picked + i) * inner, inner);

        return Record(result, outShape, "IndexSelect", [this], g =>
        {
            var full = new float[data.Length];
            for (int o = 0; o < outer; o++)
                for (int i = 0; i < picked; i++)
                    full.AsSpan((o * n + at[i]) * inner, inner).Add(g.data.AsSpan((o * picked + i) * inner, inner));
            AccumulateGrad(new Tensor(full, shape));
        });
    }

    /// <summary>Copies a strided view of <paramref name="source"/> into <paramref name="target"/> in row-major order of <paramref name="outShape"/>.</summary>
    internal static void Gather(float[] source, float[] target, int[] outShape, int[] readStrides, int offset)
    {
        if (target.Length == 0) return;
        int rank = outShape.Length;
        if (rank == 0)
        {
            target[0] = source[offset];
            return;
        }
        var index = new int[rank];
        int inner = outShape[rank - 1], innerStride = readStrides[rank - 1];
        int src = offset;
        for (int o = 0; o < target.Length; o += inner)
        {
            for (int j = 0, s = src; j < inner; j++, s += innerStride) target[o + j] = source[s];
            // Advance the multi-index over the outer dimensions, like an odometer.
            for (int d = rank - 2; d >= 0; d--)
            {
                index[d]++;
                src += readStrides[d];
                if (index[d] < outShape[d]) break;
                src -= readStrides[d] * outShape[d];
                index[d] = 0;
            }
        }
    }

    /// <summary>The inverse of <see cref="Gather"/>: adds <paramref name="source"/> (row-major in <paramref name="shape"/>) into a strided view of <paramref name="target"/>.</summary>
    internal static void Scatter(float[] source, float[] target, int[] shape, int[] writeStrides, int offset)
    {
        var index = new int[shape.Length];
        for (int i = 0; i < source.Length; i++)
        {
            int t = offset, rest = i;
            for (int d = shape.Length - 1; d >= 0; d--)
            {
                index[d] = rest % shape[d];
                rest /= shape[d];
                t += index[d] * writeStrides[d];
            }
            target[t] += source[i];
        }
    }
}
