namespace DeepImaging;

public sealed partial class Tensor
{
    /// <summary>The same values seen with another shape (one dimension may be -1 to be inferred). Shares the values, like PyTorch's <c>view</c>.</summary>
    public Tensor Reshape(params int[] newShape)
    {
        var resolved = ResolveShape(newShape);
        return Record(data, resolved, "Reshape", [this], g => AccumulateGrad(g.Reshape(shape)));
    }

    /// <summary>Same as <see cref="Reshape"/>; the name PyTorch uses for a reshape that shares storage.</summary>
    public Tensor View(params int[] newShape) => Reshape(newShape);

    private int[] ResolveShape(int[] newShape)
    {
        ArgumentNullException.ThrowIfNull(newShape);
        var resolved = (int[])newShape.Clone();
        int inferred = -1;
        for (int d = 0; d < resolved.Length; d++)
        {
            if (resolved[d] == -1)
            {
                if (inferred >= 0)
                    throw new ArgumentException($"Reshape: shape {Shapes.Format(newShape)} has more than one -1; at most one dimension can be inferred.", nameof(newShape));
                inferred = d;
            }
            else if (resolved[d] < 0)
                throw new ArgumentException($"Reshape: shape {Shapes.Format(newShape)} has a negative dimension {resolved[d]}; use sizes >= 0 or -1 to infer one.", nameof(newShape));
        }
        long known = Shapes.Count(resolved.Where((_, d) => d != inferred).ToArray(), "Reshape");
        if (inferred >= 0)
        {
            if (known == 0 || data.Length % known != 0)
                throw new ArgumentException($"Reshape: cannot infer the -1 in {Shapes.Format(newShape)} for {data.Length} elements (shape {ShapeString}).", nameof(newShape));
            resolved[inferred] = (int)(data.Length / known);
        }
        else if (known != data.Length)
            throw new ArgumentException($"Reshape: shape {Shapes.Format(newShape)} holds {known} elements but the tensor of shape {ShapeString} has {data.Length}.", nameof(newShape));
        return resolved;
    }

    /// <summary>Merges dimensions <paramref name="startDim"/>..<paramref name="endDim"/> into one (all of them by default).</summary>
    public Tensor Flatten(int startDim = 0, int endDim = -1)
    {
        if (shape.Length == 0) return Reshape(1);
        int s = NormalizeDim(startDim, "Flatten"), e = NormalizeDim(endDim, "Flatten");
        if (s > e)
            throw new ArgumentException($"Flatten: startDim {startDim} comes after endDim {endDim} for shape {ShapeString}.");
        var merged = new List<int>();
        merged.AddRange(shape[..s]);
        merged.Add(Shapes.Count(shape[s..(e + 1)]));
        merged.AddRange(shape[(e + 1)..]);
        return Reshape([.. merged]);
    }

    /// <summary>Inserts a dimension of size 1 at <paramref name="dim"/>.</summary>
    public Tensor Unsqueeze(int dim)
    {
        int d = NormalizeDim(dim, "Unsqueeze", shape.Length + 1);
        var list = shape.ToList();
        list.Insert(d, 1);
        return Reshape([.. list]);
    }

    /// <summary>Removes dimension <paramref name="dim"/> if its size is 1, or every size-1 dimension when no dimension is given.</summary>
    public Tensor Squeeze(int? dim = null)
    {
        if (dim is int given)
        {
            int d = NormalizeDim(given, "Squeeze");
            return shape[d] == 1 ? Reshape([.. shape[..d], .. shape[(d + 1)..]]) : this;
        }
        return Reshape(shape.Where(s => s != 1).ToArray());
    }

    /// <summary>Swaps two dimensions (the result is a new contiguous tensor).</summary>
    public Tensor Transpose(int dim0, int dim1)
    {
        var order = Enumerable.Range(0, shape.Length).ToArray();
        int a = NormalizeDim(dim0, "Transpose"), b = NormalizeDim(dim1, "Transpose");
        (order[a], order[b]) = (order[b], order[a]);
        return Permute(order);
    }

    /// <summary>The transpose of a 2-D tensor.</summary>
    public Tensor T => shape.Length == 2
        ? Transpose(0, 1)
        : throw new InvalidOperationException($"T: the transpose property needs a 2-D tensor, got shape {ShapeString}; use Transpose(dim0, dim1) or Permute.");

    /// <summary>Reorders the dimensions: result dimension i is input dimension <paramref name="dims"/>[i].</summary>
    public Tensor Permute(params int[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        if (dims.Length != shape.Length)
            throw new ArgumentException($"Permute: got {dims.Length} dimensions {Shapes.Format(dims)} for a tensor of rank {shape.Length} (shape {ShapeString}); give each dimension once.", nameof(dims));
        var order = dims.Select(d => NormalizeDim(d, "Permute")).ToArray();
        if (order.Distinct().Count() != order.Length)
            throw new ArgumentException($"Permute: {Shapes.Format(dims)} repeats a dimension; give each of 0..{shape.Length - 1} once.", nameof(dims));

        var outShape = order.Select(d => shape[d]).ToArray();
        var inStrides = Shapes.Strides(shape);
        var readStrides = order.Select(d => inStrides[d]).ToArray();
        var result = new float[data.Length];
        Gather(data, result, outShape, readStrides, 0);

        var inverse = new int[order.Length];
        for (int i = 0; i < order.Length; i++) inverse[order[i]] = i;
        return Record(result, outShape, "Permute", [this], g => AccumulateGrad(g.Permute(inverse)));
    }

    /// <summary>Joins tensors along an existing dimension; all other dimensions must match.</summary>
    public static Tensor Cat(IReadOnlyList<Tensor> tensors, int dim = 0)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0)
            throw new ArgumentException("Cat: needs at least one tensor.", nameof(tensors));
        var first = tensors[0];
        int d = first.NormalizeDim(dim, "Cat");
        foreach (var t in tensors)
        {
            bool ok = t.shape.Length == first.shape.Length;
            for (int k = 0; ok && k < first.shape.Length; k++) ok = k == d || t.shape[k] == first.shape[k];
            if (!ok)
                throw new ArgumentException($"Cat: shape {t.ShapeString} does not match {first.ShapeString} outside dimension {d}.", nameof(tensors));
        }
        var outShape = (int[])first.shape.Clone();
        outShape[d] = Shapes.Dimension(tensors.Sum(t => (long)t.shape[d]), "Cat", $"dimension {d} of the result", "join fewer or smaller tensors");
        int outer = Shapes.Count(first.shape[..d]);
        int innerOut = Shapes.Count(outShape[d..]);
        var result = new float[Shapes.Count(outShape, "Cat")];
        int column = 0;
        foreach (var t in tensors)
        {
            int block = Shapes.Count(t.shape[d..]);
            for (int o = 0; o < outer; o++)
                Array.Copy(t.data, o * block, result, o * innerOut + column, block);
            column += block;
        }
        var parts = tensors.ToArray();
        return Record(result, outShape, "Cat", parts, g =>
        {
            int start = 0;
            foreach (var t in parts)
            {
                t.AccumulateGrad(g.Slice(d, start, start + t.shape[d]));
                start += t.shape[d];
            }
        });
    }

    /// <summary>Stacks tensors of equal shape along a new dimension (e.g. images into a batch).</summary>
    public static Tensor Stack(IReadOnlyList<Tensor> tensors, int dim = 0)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0)
            throw new ArgumentException("Stack: needs at least one tensor.", nameof(tensors));
        foreach (var t in tensors)
            if (!Shapes.SameShape(t.shape, tensors[0].shape))
                throw new ArgumentException($"Stack: all tensors must have the same shape; got {t.ShapeString} and {tensors[0].ShapeString}.", nameof(tensors));
        return Cat(tensors.Select(t => t.Unsqueeze(dim)).ToArray(), dim);
    }

    /// <summary>Reverses the order of elements along the given dimensions (e.g. <c>Flip(-2, -1)</c> turns a kernel by 180 degrees).</summary>
    public Tensor Flip(params int[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        var strides = Shapes.Strides(shape);
        int offset = 0;
        foreach (int dim in dims.Select(d => NormalizeDim(d, "Flip")).Distinct())
        {
            // Reading a dimension backwards: start at its last element and step with a negative stride.
            offset += (shape[dim] - 1) * strides[dim];
            strides[dim] = -strides[dim];
        }
        var result = new float[data.Length];
        Gather(data, result, shape, strides, offset);
        return Record(result, shape, "Flip", [this], g => AccumulateGrad(g.Flip(dims)));
    }
}
