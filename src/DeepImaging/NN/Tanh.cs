namespace DeepImaging.NN;

/// <summary>The hyperbolic tangent as a layer, like PyTorch's <c>nn.Tanh</c>: squashes values into (-1, 1). No parameters.</summary>
public sealed class Tanh : Module
{
    /// <summary>Forward and backward are <see cref="Functional.Tanh"/>: derivative 1 - y².</summary>
    public override Tensor Forward(Tensor input) => Functional.Tanh(input);
}
