namespace DeepImaging.NN;

/// <summary>
/// A loss function as an object, like PyTorch's loss modules: <c>loss.Forward(output, target)</c> gives a single
/// number (a 0-dimensional tensor) to call <see cref="Tensor.Backward(bool)"/> on. A loss that becomes NaN or infinite
/// throws an <see cref="InvalidOperationException"/> saying so.
/// </summary>
public abstract class Loss
{
    /// <summary>The mean loss of <paramref name="input"/> (the model output) against <paramref name="target"/>.</summary>
    public abstract Tensor Forward(Tensor input, Tensor target);

    /// <summary>The loss's PyTorch name, e.g. <c>MseLoss()</c>.</summary>
    public override string ToString() => $"{GetType().Name}()";
}
