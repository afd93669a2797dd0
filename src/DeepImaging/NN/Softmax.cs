namespace DeepImaging.NN;

/// <summary>e^x / Σ e^x along a dimension as a layer, like PyTorch's <c>nn.Softmax</c>: scores become probabilities
/// that sum to 1. To train a classifier, give the raw scores (logits) to <see cref="CrossEntropyLoss"/> instead,
/// which applies a stable log-softmax itself. No parameters.</summary>
public sealed class Softmax : Module
{
    /// <summary>Creates the layer normalising along <paramref name="dim"/> (default: the last dimension).</summary>
    public Softmax(int dim = -1) => Dim = dim;

    /// <summary>The dimension whose values sum to 1.</summary>
    public int Dim { get; }

    /// <summary>Forward and backward are <see cref="Functional.Softmax"/>: dx = y (g - Σ g·y).</summary>
    public override Tensor Forward(Tensor input) => Functional.Softmax(input, Dim);

    /// <summary>Like PyTorch: <c>Softmax(dim=-1)</c>.</summary>
    public override string ToString() => $"Softmax(dim={Dim})";
}
