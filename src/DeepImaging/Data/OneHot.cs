namespace DeepImaging.Data;

/// <summary>One-hot encoding of class labels: label k of C classes becomes a row of C zeros with a 1 at position k.</summary>
public static class OneHot
{
    /// <summary>Encodes labels [N] (class indices stored as floats) as a [N, classes] tensor of 0s and 1s, like PyTorch's <c>one_hot</c>.</summary>
    /// <exception cref="ArgumentException">The labels are not 1-D, or a label is not a whole number in 0..classes-1.</exception>
    public static Tensor Encode(Tensor labels, int classes)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (classes < 1)
            throw new ArgumentOutOfRangeException(nameof(classes), $"OneHot.Encode: classes is {classes}; there must be at least one class.");
        if (labels.Rank != 1)
            throw new ArgumentException($"OneHot.Encode: expected labels of shape [N] but got {labels.ShapeString}.", nameof(labels));
        var source = labels.AsSpan();
        var result = new float[Shapes.Count([source.Length, classes], "OneHot.Encode")];
        for (int i = 0; i < source.Length; i++)
        {
            float label = source[i];
            if (!(label >= 0 && label < classes && label == MathF.Floor(label)))
                throw new ArgumentException(
                    $"OneHot.Encode: label {label} at index {i} is not a class index; with {classes} classes labels must be whole numbers 0..{classes - 1}.", nameof(labels));
            result[i * classes + (int)label] = 1;
        }
        return new Tensor(result, [source.Length, classes]);
    }

    /// <summary>Turns one-hot rows (or any scores) [N, classes] back into class indices [N]: the position of each row's largest value.</summary>
    /// <exception cref="ArgumentException">The input is not 2-D.</exception>
    public static Tensor Decode(Tensor oneHot)
    {
        ArgumentNullException.ThrowIfNull(oneHot);
        if (oneHot.Rank != 2)
            throw new ArgumentException($"OneHot.Decode: expected a tensor [N, classes] but got {oneHot.ShapeString}.", nameof(oneHot));
        using (Tensor.NoGrad())
            return oneHot.ArgMax(1);
    }
}
