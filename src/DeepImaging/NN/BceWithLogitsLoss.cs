namespace DeepImaging.NN;

/// <summary>
/// Binary cross-entropy on raw scores, like PyTorch's <c>nn.BCEWithLogitsLoss</c>: for yes/no outputs (e.g. benign or
/// malignant). Give it the scores before any sigmoid; it applies the sigmoid itself in a numerically stable way.
/// </summary>
public sealed class BceWithLogitsLoss : Loss
{
    /// <summary>Forward and backward are <see cref="Functional.BinaryCrossEntropyWithLogits"/>.</summary>
    public override Tensor Forward(Tensor input, Tensor target) => Functional.BinaryCrossEntropyWithLogits(input, target);

    internal override string? TargetProblem(Tensor targets, Tensor output)
    {
        int i = Array.FindIndex(targets.data, v => v is < 0 or > 1);
        return i < 0 ? null : $"target {Tensor.Num(targets.data[i])} at row {i} is outside [0, 1]; BceWithLogitsLoss needs probabilities, usually the labels 0 and 1.";
    }

    // A logit above 0 (probability above 1/2) predicts yes, a target of 1/2 or more means yes: one judgement per
    // output value, so several yes/no outputs per sample also work.
    internal override (int Correct, int Judged) Judge(Tensor output, Tensor targets)
    {
        int correct = 0;
        for (int i = 0; i < output.Count; i++)
            if ((output.data[i] > 0) == (targets.data[i] >= 0.5f)) correct++;
        return (correct, output.Count);
    }
}
