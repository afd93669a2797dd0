namespace DeepImaging;

public sealed partial class Tensor
{
    /// <summary>The sum of all elements, as a 0-dimensional tensor.</summary>
    public Tensor Sum()
    {
        double sum = 0;
        foreach (float v in data) sum += v;
        return Record([(float)sum], [], "Sum", [this], g => AccumulateGrad(Full(shape, g.data[0])));
    }

    /// <summary>Sums along <paramref name="dim"/>; the dimension is kept with size 1 when <paramref name="keepDim"/> is true.</summary>
    public Tensor Sum(int dim, bool keepDim = false)
    {
        var (outer, n, inner, d) = Split(dim, "Sum");
        var result = new float[outer * inner];
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                double sum = 0;
                for (int k = 0; k < n; k++) sum += data[(o * n + k) * inner + i];
                result[o * inner + i] = (float)sum;
            }
        var keptShape = KeptShape(d);
        return Record(result, keepDim ? keptShape : ReducedShape(d), "Sum", [this],
            g => AccumulateGrad(g.Reshape(keptShape).ExpandTo(shape)));
    }

    /// <summary>The mean of all elements.</summary>
    public Tensor Mean()
    {
        if (data.Length == 0)
            throw new InvalidOperationException("Mean: the tensor is empty; the mean of no values is undefined.");
        return Sum() / data.Length;
    }

    /// <summary>The mean along <paramref name="dim"/>.</summary>
    public Tensor Mean(int dim, bool keepDim = false) => Sum(dim, keepDim) / shape[NormalizeDim(dim, "Mean")];

    /// <summary>The largest element, as a 0-dimensional tensor (its gradient goes to the first largest element).</summary>
    public Tensor Max() => Extreme(larger: true, "Max");

    /// <summary>The smallest element, as a 0-dimensional tensor.</summary>
    public Tensor Min() => Extreme(larger: false, "Min");

    private Tensor Extreme(bool larger, string operation)
    {
        if (data.Length == 0)
            throw new InvalidOperationException($"{operation}: the tensor is empty.");
        int best = ExtremeIndex(data, 0, data.Length, 1, larger);
        return Record([data[best]], [], operation, [this], g =>
        {
            var grad = new float[data.Length];
            grad[best] = g.data[0];
            AccumulateGrad(new Tensor(grad, shape));
        });
    }

    /// <summary>The largest values along <paramref name="dim"/>.</summary>
    public Tensor Max(int dim, bool keepDim = false) => Extreme(dim, keepDim, larger: true, "Max");

    /// <summary>The smallest values along <paramref name="dim"/>.</summary>
    public Tensor Min(int dim, bool keepDim = false) => Extreme(dim, keepDim, larger: false, "Min");

    private Tensor Extreme(int dim, bool keepDim, bool larger, string operation)
    {
        var (outer, n, inner, d) = Split(dim, operation);
        if (n == 0)
            throw new InvalidOperationException($"{operation}: dimension {dim} of shape {ShapeString} is empty.");
        var positions = new int[outer * inner];
        var result = new float[outer * inner];
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                int at = ExtremeIndex(data, o * n * inner + i, n, inner, larger);
                positions[o * inner + i] = at;
                result[o * inner + i] = data[at];
            }
        return Record(result, keepDim ? KeptShape(d) : ReducedShape(d), operation, [this], g =>
        {
            var grad = new float[data.Length];
            for (int j = 0; j < positions.Length; j++) grad[positions[j]] += g.data[j];
            AccumulateGrad(new Tensor(grad, shape));
        });
    }

    /// <summary>The flat (row-major) index of the largest element; the first one on ties.</summary>
    public int ArgMax()
    {
        if (data.Length == 0)
            throw new InvalidOperationException("ArgMax: the tensor is empty.");
        return ExtremeIndex(data, 0, data.Length, 1, larger: true);
    }

    /// <summary>The index of the largest value along <paramref name="dim"/> (as float values, e.g. the predicted class per row).</summary>
    public Tensor ArgMax(int dim, bool keepDim = false)
    {
        var (outer, n, inner, d) = Split(dim, "ArgMax");
        if (n == 0)
            throw new InvalidOperationException($"ArgMax: dimension {dim} of shape {ShapeString} is empty.");
        var result = new float[outer * inner];
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                int start = o * n * inner + i;
                result[o * inner + i] = (ExtremeIndex(data, start, n, inner, larger: true) - start) / inner;
            }
        return new Tensor(result, keepDim ? KeptShape(d) : ReducedShape(d));
    }

    // NaN wins, as in PyTorch, so a broken value is never hidden by a maximum.
    private static int ExtremeIndex(float[] values, int start, int count, int stride, bool larger)
    {
        int best = start;
        for (int k = 1, at = start + stride; k < count; k++, at += stride)
        {
            float v = values[at], b = values[best];
            if (float.IsNaN(b)) break;
            if (float.IsNaN(v) || (larger ? v > b : v < b)) best = at;
        }
        return best;
    }

    /// <summary>Views the tensor as [outer, n, inner] around dimension <paramref name="dim"/>.</summary>
    internal (int Outer, int N, int Inner, int Dim) Split(int dim, string operation)
    {
        int d = NormalizeDim(dim, operation);
        return (Shapes.Count(shape[..d]), shape[d], Shapes.Count(shape[(d + 1)..]), d);
    }

    private int[] KeptShape(int d)
    {
        var kept = (int[])shape.Clone();
        kept[d] = 1;
        return kept;
    }

    private int[] ReducedShape(int d) => [.. shape[..d], .. shape[(d + 1)..]];

    /// <summary>Copies this tensor broadcast to a larger <paramref name="target"/> shape (no graph: used inside backward passes).</summary>
    internal Tensor ExpandTo(int[] target)
    {
        if (Shapes.SameShape(shape, target)) return this;
        Shapes.Broadcast(shape, target, "Expand");
        var result = new float[Shapes.Count(target)];
        Gather(data, result, target, Shapes.BroadcastStrides(shape, target), 0);
        return new Tensor(result, (int[])target.Clone());
    }
}
