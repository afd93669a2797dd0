using System.Globalization;

namespace DeepImaging.Training;

/// <summary>What one epoch of <see cref="Trainer.Fit"/> measured: one row of the training history.</summary>
/// <param name="Epoch">The epoch number, from 1.</param>
/// <param name="TrainLoss">The mean loss over the training samples of this epoch, measured batch by batch while the weights were changing.</param>
/// <param name="ValidationLoss">The mean loss over the validation samples after the epoch, in evaluation mode; null without a validation split.</param>
/// <param name="TrainAccuracy">The fraction of training samples classified correctly during the epoch; NaN when the loss does not define classes (e.g. <c>MseLoss</c>).</param>
/// <param name="ValidationAccuracy">The fraction of validation samples classified correctly after the epoch; null without a validation split, NaN when the loss does not define classes.</param>
/// <param name="Elapsed">The time since <see cref="Trainer.Fit"/> started, at the end of this epoch.</param>
public sealed record EpochResult(int Epoch, double TrainLoss, double? ValidationLoss, double TrainAccuracy, double? ValidationAccuracy, TimeSpan Elapsed)
{
    /// <summary>One line, e.g. <c>epoch 3: train loss 0.2114 accuracy 0.937 | validation loss 0.2519 accuracy 0.912 | 0.4 s</c>.</summary>
    public override string ToString()
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"epoch {Epoch}: train loss {TrainLoss:F4}");
        if (!double.IsNaN(TrainAccuracy)) text += string.Create(CultureInfo.InvariantCulture, $" accuracy {TrainAccuracy:F3}");
        if (ValidationLoss is double validationLoss)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" | validation loss {validationLoss:F4}");
            if (ValidationAccuracy is double accuracy && !double.IsNaN(accuracy))
                text += string.Create(CultureInfo.InvariantCulture, $" accuracy {accuracy:F3}");
        }
        return text + string.Create(CultureInfo.InvariantCulture, $" | {Elapsed.TotalSeconds:F1} s");
    }
}
