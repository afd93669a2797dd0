namespace DeepImaging.NN;

/// <summary>1 / (1 + e^-x) as a layer, like PyTorch's <c>nn.Sigmoid</c>: turns a score into a probability. No parameters.</summary>
public sealed class Sigmoid : Module
{
    /// <summary>Forward and backward are <see cref="Functional.Sigmoid"/>: derivative y(1 - y).</summary>
    public override Tensor Forward(Tensor input) => Functional.Sigmoid(input);
}
