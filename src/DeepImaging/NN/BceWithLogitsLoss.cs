namespace DeepImaging.NN;

/// <summary>
/// Binary cross-entropy on raw scores, like PyTorch's <c>nn.BCEWithLogitsLoss</c>: for yes/no outputs (e.g. benign or
/// malignant). Give it the scores before any sigmoid; it applies the sigmoid itself in a numerically stable way.
/// </summary>
public sealed class BceWithLogitsLoss : Loss
{
    /// <summary>Forward and backward are <see cref="Functional.BinaryCrossEntropyWithLogits"/>.</summary>
    public override Tensor Forward(Tensor input, Tensor target) => Functional.BinaryCrossEntropyWithLogits(input, target);
}
