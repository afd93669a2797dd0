namespace DeepImaging.NN;

/// <summary>
/// Cross-entropy from raw class scores, like PyTorch's <c>nn.CrossEntropyLoss</c>: for choosing one of C classes.
/// Input [N, C] scores (no softmax before it), target [N] class indices 0..C-1 stored as floats.
/// </summary>
public sealed class CrossEntropyLoss : Loss
{
    /// <summary>Forward and backward are <see cref="Functional.CrossEntropy"/>.</summary>
    public override Tensor Forward(Tensor input, Tensor target) => Functional.CrossEntropy(input, target);
}
