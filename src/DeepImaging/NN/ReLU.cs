namespace DeepImaging.NN;

/// <summary>The rectified linear unit max(0, x) as a layer, like PyTorch's <c>nn.ReLU</c>. No parameters.</summary>
public sealed class ReLU : Module
{
    /// <summary>Forward and backward are <see cref="Functional.Relu"/>: the gradient passes where x &gt; 0 and is 0 elsewhere.</summary>
    public override Tensor Forward(Tensor input) => Functional.Relu(input);
}
