namespace DeepImaging.NN;

/// <summary>Mean squared error, mean((input - target)²), like PyTorch's <c>nn.MSELoss</c>: for regression.</summary>
public sealed class MseLoss : Loss
{
    /// <summary>Forward and backward are <see cref="Functional.MseLoss"/>.</summary>
    public override Tensor Forward(Tensor input, Tensor target) => Functional.MseLoss(input, target);
}
