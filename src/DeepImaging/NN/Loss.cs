namespace DeepImaging.NN;

/// <summary>
/// A loss function as an object, like PyTorch's loss modules: <c>loss.Forward(output, target)</c> gives a single
/// number (a 0-dimensional tensor) to call <see cref="Tensor.Backward(bool)"/> on. A loss that becomes NaN or infinite
/// throws an <see cref="InvalidOperationException"/> saying so. A loss also knows what its targets look like and what
/// counts as a right prediction, so that the <see cref="Training.Trainer"/> needs no case for each loss.
/// </summary>
public abstract class Loss
{
    /// <summary>The mean loss of <paramref name="input"/> (the model output) against <paramref name="target"/>.</summary>
    public abstract Tensor Forward(Tensor input, Tensor target);

    /// <summary>The loss's PyTorch name, e.g. <c>MseLoss()</c>.</summary>
    public override string ToString() => $"{GetType().Name}()";

    /// <summary>
    /// A batch of targets in the shape this loss compares with <paramref name="output"/>. Targets with as many values as
    /// the output but another shape (labels [N] for an output [N, 1]) take the output's shape: broadcast, they would
    /// compare every output with every target ([N, N]).
    /// </summary>
    internal virtual Tensor ShapeTargets(Tensor targets, Tensor output) =>
        targets.Count == output.Count && !Shapes.SameShape(targets.shape, output.shape) ? targets.Reshape(output.shape) : targets;

    /// <summary>
    /// What is wrong with the first target this loss cannot use, given a model <paramref name="output"/> (which shows, say,
    /// the number of classes), or null when every target is usable. <paramref name="targets"/> are all targets, so a bad
    /// one is named by its row in the data.
    /// </summary>
    internal virtual string? TargetProblem(Tensor targets, Tensor output) => null;

    /// <summary>
    /// How many predictions in <paramref name="output"/> are right, out of how many this loss judges. A regression loss
    /// judges none (0 of 0), so its accuracy is NaN.
    /// </summary>
    internal virtual (int Correct, int Judged) Judge(Tensor output, Tensor targets) => (0, 0);
}
