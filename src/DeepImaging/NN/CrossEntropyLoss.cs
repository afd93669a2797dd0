namespace DeepImaging.NN;

/// <summary>
/// Cross-entropy from raw class scores, like PyTorch's <c>nn.CrossEntropyLoss</c>: for choosing one of C classes.
/// Input [N, C] scores (no softmax before it), target [N] class indices 0..C-1 stored as floats.
/// </summary>
public sealed class CrossEntropyLoss : Loss
{
    /// <summary>Forward and backward are <see cref="Functional.CrossEntropy"/>.</summary>
    public override Tensor Forward(Tensor input, Tensor target) => Functional.CrossEntropy(input, target);

    // Labels [N] go with scores [N, C] as they are.
    internal override Tensor ShapeTargets(Tensor targets, Tensor output) => targets;

    internal override string? TargetProblem(Tensor targets, Tensor output)
    {
        if (output.Rank != 2) return null; // Forward explains the shape it needs
        int classes = output.shape[1];
        int i = Array.FindIndex(targets.data, v => v != MathF.Floor(v) || v < 0 || v >= classes);
        return i < 0 ? null : $"target {Tensor.Num(targets.data[i])} at row {i} is not a class index for the model's {classes} outputs; CrossEntropyLoss needs whole numbers 0..{classes - 1}.";
    }

    // The predicted class is the one with the highest score: one judgement per sample.
    internal override (int Correct, int Judged) Judge(Tensor output, Tensor targets)
    {
        var predicted = output.ArgMax(-1).data;
        int correct = 0;
        for (int i = 0; i < targets.Count; i++)
            if (predicted[i] == targets.data[i]) correct++;
        return (correct, targets.Count);
    }
}
