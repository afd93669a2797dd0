namespace DeepImaging.Training;

/// <summary>The loss of one mini-batch, reported to <see cref="Trainer.BatchProgress"/> right after the optimiser step.</summary>
/// <param name="Epoch">The epoch number, from 1.</param>
/// <param name="Batch">The batch number within the epoch, from 1.</param>
/// <param name="BatchCount">How many batches the epoch has.</param>
/// <param name="Loss">The batch's loss before the step.</param>
public sealed record BatchResult(int Epoch, int Batch, int BatchCount, double Loss);
