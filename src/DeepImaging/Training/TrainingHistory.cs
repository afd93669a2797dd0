using System.Text;

namespace DeepImaging.Training;

/// <summary>Everything <see cref="Trainer.Fit"/> measured: one <see cref="EpochResult"/> per epoch run, and how training ended.</summary>
public sealed class TrainingHistory
{
    internal TrainingHistory(IReadOnlyList<EpochResult> epochs, int bestEpoch, bool stoppedEarly)
    {
        Epochs = epochs;
        BestEpoch = bestEpoch;
        StoppedEarly = stoppedEarly;
    }

    /// <summary>The epochs that ran, in order (fewer than <see cref="Trainer.Epochs"/> after early stopping).</summary>
    public IReadOnlyList<EpochResult> Epochs { get; }

    /// <summary>
    /// The epoch (from 1) with the lowest validation loss, or the lowest training loss without a validation split.
    /// With early stopping the model ends with this epoch's weights.
    /// </summary>
    public int BestEpoch { get; }

    /// <summary>The result of <see cref="BestEpoch"/>.</summary>
    public EpochResult Best => Epochs[BestEpoch - 1];

    /// <summary>The result of the last epoch that ran.</summary>
    public EpochResult Last => Epochs[^1];

    /// <summary>True when early stopping ended training before the planned number of epochs.</summary>
    public bool StoppedEarly { get; }

    /// <summary>The training loss of each epoch, ready for a chart.</summary>
    public double[] TrainLosses => Epochs.Select(e => e.TrainLoss).ToArray();

    /// <summary>The validation loss of each epoch (empty without a validation split).</summary>
    public double[] ValidationLosses => Epochs.Where(e => e.ValidationLoss is not null).Select(e => e.ValidationLoss!.Value).ToArray();

    /// <summary>The whole time training took.</summary>
    public TimeSpan Elapsed => Last.Elapsed;

    /// <summary>One line per epoch, then how training ended.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var epoch in Epochs) text.AppendLine(epoch.ToString());
        text.Append($"best epoch {BestEpoch}{(StoppedEarly ? ", stopped early" : "")}");
        return text.ToString();
    }
}
