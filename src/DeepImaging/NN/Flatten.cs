using System.Globalization;

namespace DeepImaging.NN;

/// <summary>
/// Merges dimensions into one, like PyTorch's <c>nn.Flatten</c>: by default everything but the batch dimension,
/// so [N, C, H, W] becomes [N, C·H·W] ready for a <see cref="Linear"/> layer. No parameters.
/// </summary>
public sealed class Flatten : Module
{
    /// <summary>Creates the layer merging dimensions <paramref name="startDim"/>..<paramref name="endDim"/> (PyTorch's defaults 1 and -1).</summary>
    public Flatten(int startDim = 1, int endDim = -1)
    {
        StartDim = startDim;
        EndDim = endDim;
    }

    /// <summary>The first merged dimension.</summary>
    public int StartDim { get; }

    /// <summary>The last merged dimension.</summary>
    public int EndDim { get; }

    /// <summary>Forward is a reshape (sharing the values); its backward reshapes the gradient back.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Reshape(OutputShape(input.shape));
    }

    /// <summary>The shape after merging: the one shape rule of this layer, for its forward pass and for a summary.</summary>
    internal int[] OutputShape(int[] inputShape)
    {
        int rank = inputShape.Length;
        int start = StartDim < 0 ? StartDim + rank : StartDim, end = EndDim < 0 ? EndDim + rank : EndDim;
        if (start < 0 || start >= rank || end < 0 || end >= rank || start > end)
            throw new ArgumentException($"{this}: cannot merge dimensions {StartDim}..{EndDim} of an input of shape {Shapes.Format(inputShape)}; it needs at least {Math.Max(StartDim, EndDim) + 1} dimensions.");
        var merged = Shapes.Product(inputShape[start..(end + 1)]); // exact: a product of large sizes passes even 64 bits
        if (merged > int.MaxValue)
            throw new ArgumentException($"{this}: merging {Shapes.Format(inputShape)} gives a dimension of {merged.ToString("N0", CultureInfo.InvariantCulture)}, more than a tensor can hold.");
        return [.. inputShape[..start], (int)merged, .. inputShape[(end + 1)..]];
    }

    /// <summary>Like PyTorch: <c>Flatten(start_dim=1, end_dim=-1)</c>.</summary>
    public override string ToString() => $"Flatten(start_dim={StartDim}, end_dim={EndDim})";
}
