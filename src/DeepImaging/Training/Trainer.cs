using System.Diagnostics;
using System.Globalization;
using DeepImaging.NN;

namespace DeepImaging.Training;

/// <summary>
/// The training loop, so that fitting a model needs no notebook code: each epoch shuffles the training
/// samples (seeded), walks through them in mini-batches (forward, loss, backward, optimiser step),
/// then measures the held-out validation samples in evaluation mode without gradients.
/// The same seed, model initialisation and data give bit-identical losses and accuracies (only the wall-clock Elapsed differs).
/// </summary>
/// <example>
/// <code>
/// var model = new Sequential(new Linear(30, 16, seed: 1), new ReLU(), new Linear(16, 2, seed: 2));
/// var trainer = new Trainer(model, new CrossEntropyLoss(), new Adam(model.Parameters(), lr: 1e-2f))
/// {
///     Epochs = 50, BatchSize = 32, Seed = 42, ValidationFraction = 0.2, EarlyStoppingPatience = 5,
/// };
/// TrainingHistory history = trainer.Fit(features, labels);
/// </code>
/// </example>
public sealed class Trainer
{
    private readonly Module model;
    private readonly Loss loss;
    private readonly Optimizer optimizer;
    private readonly int epochs = 10, batchSize = 32;
    private readonly double validationFraction;
    private readonly int? earlyStoppingPatience;

    /// <summary>Creates a trainer for <paramref name="model"/>, minimising <paramref name="loss"/> with <paramref name="optimizer"/> (built on the model's parameters).</summary>
    public Trainer(Module model, Loss loss, Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(optimizer);
        // A classic slip: an optimiser built on another model (or on an earlier instance) would silently train nothing.
        var optimised = optimizer.Parameters.ToHashSet(ReferenceEqualityComparer.Instance);
        if (!model.Parameters().Any(optimised.Contains))
            throw new ArgumentException($"Trainer: the {optimizer.GetType().Name} updates none of the parameters of this {model.GetType().Name} ({model.ParameterCount} parameters); build it from this model's Parameters().", nameof(optimizer));
        this.model = model;
        this.loss = loss;
        this.optimizer = optimizer;
    }

    /// <summary>How many passes over the training samples to make (at most, with early stopping); 10 by default.</summary>
    public int Epochs
    {
        get => epochs;
        init => epochs = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Epochs), $"Trainer: Epochs must be at least 1, got {value}.");
    }

    /// <summary>How many samples each optimiser step sees; 32 by default. The last batch of an epoch may be smaller.</summary>
    public int BatchSize
    {
        get => batchSize;
        init => batchSize = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(BatchSize), $"Trainer: BatchSize must be at least 1, got {value}.");
    }

    /// <summary>Seeds the validation split and the shuffling; 0 by default.</summary>
    public int Seed { get; init; }

    /// <summary>Whether to shuffle the training samples every epoch (true by default; false walks them in order).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>
    /// The fraction of samples held out to measure the model on data it does not learn from; 0 (none) by default,
    /// below 1. The held-out samples are the first round(N x fraction) indices of
    /// <c>new Generator(unchecked((ulong)Seed)).Permutation(N)</c>, so the split can be reproduced outside the trainer.
    /// </summary>
    public double ValidationFraction
    {
        get => validationFraction;
        init => validationFraction = value is >= 0 and < 1 ? value : throw new ArgumentOutOfRangeException(nameof(ValidationFraction), string.Create(CultureInfo.InvariantCulture, $"Trainer: ValidationFraction must be in [0, 1), got {value}."));
    }

    /// <summary>
    /// Early stopping: stop when the validation loss has not improved for this many epochs, and put the weights of
    /// the best epoch back into the model. Null (the default) trains all <see cref="Epochs"/>. Needs a validation split.
    /// </summary>
    public int? EarlyStoppingPatience
    {
        get => earlyStoppingPatience;
        init => earlyStoppingPatience = value is null or >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(EarlyStoppingPatience), $"Trainer: EarlyStoppingPatience must be at least 1 (or null for off), got {value}.");
    }

    /// <summary>
    /// Told the result of every epoch as soon as it is measured (a notebook draws a progress bar or a live loss curve
    /// with it). Use <see cref="ProgressCallback{T}"/> to hear it at once on the training thread: System.Progress
    /// posts reports to the thread pool when there is no synchronisation context, so they can arrive late and out of order.
    /// </summary>
    public IProgress<EpochResult>? Progress { get; init; }

    /// <summary>Told the loss of every mini-batch (for long epochs).</summary>
    public IProgress<BatchResult>? BatchProgress { get; init; }

    /// <summary>
    /// Trains the model. <paramref name="inputs"/> has the samples along its first dimension ([N, features] or
    /// [N, C, H, W]); <paramref name="targets"/> has one entry per sample: class indices [N] for
    /// <see cref="CrossEntropyLoss"/>, 0/1 values for <see cref="BceWithLogitsLoss"/>, values for <see cref="MseLoss"/>.
    /// When a batch of targets has as many values as the model's output but another shape (labels [N] for an
    /// output [N, 1]) it is reshaped to the output's shape rather than broadcast.
    /// Accuracy comes from the loss: the arg-max class for cross-entropy, logit &gt; 0 for binary cross-entropy,
    /// none (NaN) for a regression loss. Leaves the model in evaluation mode, ready to predict.
    /// </summary>
    /// <returns>One result per epoch, the best epoch, and whether training stopped early.</returns>
    public TrainingHistory Fit(Tensor inputs, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        TrainingData.Check(inputs, targets);
        var clock = Stopwatch.StartNew();
        var generator = new Generator(unchecked((ulong)Seed));
        int samples = inputs.shape[0];

        // The seeded split: a random permutation, whose first part is held out.
        var order = generator.Permutation(samples);
        int validationCount = (int)Math.Round(samples * ValidationFraction);
        if (ValidationFraction > 0 && (validationCount == 0 || validationCount == samples))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Trainer: a validation fraction of {ValidationFraction} of {samples} samples leaves {validationCount} for validation and {samples - validationCount} for training; each part needs at least one sample."));
        if (EarlyStoppingPatience is not null && validationCount == 0)
            throw new InvalidOperationException("Trainer: early stopping watches the validation loss, but there is no validation split; set ValidationFraction (e.g. 0.2) or turn EarlyStoppingPatience off.");
        var validationIndices = order[..validationCount];
        var trainIndices = order[validationCount..];
        Array.Sort(trainIndices); // without shuffling, walk the training samples in their original order

        var history = new List<EpochResult>();
        IReadOnlyDictionary<string, Tensor>? bestWeights = null;
        int bestEpoch = 0, epochsWithoutImprovement = 0;
        double bestLoss = double.PositiveInfinity;
        bool stoppedEarly = false;
        for (int epoch = 1; epoch <= Epochs; epoch++)
        {
            var (trainLoss, trainAccuracy) = TrainOneEpoch(inputs, targets, trainIndices, generator, epoch);
            double? validationLoss = null, validationAccuracy = null;
            if (validationCount > 0)
                (validationLoss, validationAccuracy) = Evaluate(inputs, targets, validationIndices, epoch);
            var result = new EpochResult(epoch, trainLoss, validationLoss, trainAccuracy, validationAccuracy, clock.Elapsed);
            history.Add(result);
            Progress?.Report(result);

            double watched = validationLoss ?? trainLoss;
            if (watched < bestLoss)
            {
                (bestLoss, bestEpoch, epochsWithoutImprovement) = (watched, epoch, 0);
                if (EarlyStoppingPatience is not null) bestWeights = model.StateDict();
            }
            else if (EarlyStoppingPatience is int patience && ++epochsWithoutImprovement >= patience)
            {
                stoppedEarly = epoch < Epochs;
                break;
            }
        }
        if (bestWeights is not null) model.LoadStateDict(bestWeights);
        model.Eval();
        return new TrainingHistory(history, bestEpoch, stoppedEarly);
    }

    private (double Loss, double Accuracy) TrainOneEpoch(Tensor inputs, Tensor targets, int[] trainIndices, Generator generator, int epoch)
    {
        model.Train();
        var order = trainIndices;
        if (Shuffle)
        {
            var permutation = generator.Permutation(trainIndices.Length);
            order = permutation.Select(i => trainIndices[i]).ToArray();
        }
        int batchCount = (order.Length + BatchSize - 1) / BatchSize;
        double lossSum = 0;
        int correct = 0, judged = 0;
        for (int b = 0; b < batchCount; b++)
        {
            var batch = order[(b * BatchSize)..Math.Min(order.Length, (b + 1) * BatchSize)];
            var x = inputs.IndexSelect(0, batch);
            optimizer.ZeroGrad();
            bool firstBatch = epoch == 1 && b == 0;
            var output = Forward(x, firstBatch);
            if (firstBatch && loss.TargetProblem(targets, output) is { } problem)
                throw new ArgumentException($"Trainer: {problem}", nameof(targets));
            var y = loss.ShapeTargets(targets.IndexSelect(0, batch), output);
            var batchLoss = ComputeLoss(output, y, epoch, b + 1, batchCount);
            double value = batchLoss.Item();
            batchLoss.Backward();
            optimizer.Step();
            lossSum += value * batch.Length; // the loss is a batch mean: weight it by the batch size
            var (right, seen) = loss.Judge(output, y);
            (correct, judged) = (correct + right, judged + seen);
            BatchProgress?.Report(new BatchResult(epoch, b + 1, batchCount, value));
        }
        return (lossSum / order.Length, Accuracy(correct, judged));
    }

    // Evaluation mode (Dropout off) and no gradients; in batches so that memory stays bounded.
    private (double Loss, double Accuracy) Evaluate(Tensor inputs, Tensor targets, int[] indices, int epoch)
    {
        model.Eval();
        double lossSum = 0;
        int correct = 0, judged = 0;
        using (Tensor.NoGrad())
        {
            for (int start = 0; start < indices.Length; start += BatchSize)
            {
                var batch = indices[start..Math.Min(indices.Length, start + BatchSize)];
                var output = model.Forward(inputs.IndexSelect(0, batch));
                var y = loss.ShapeTargets(targets.IndexSelect(0, batch), output);
                lossSum += ComputeLoss(output, y, epoch).Item() * batch.Length;
                var (right, seen) = loss.Judge(output, y);
                (correct, judged) = (correct + right, judged + seen);
            }
        }
        model.Train();
        return (lossSum / indices.Length, Accuracy(correct, judged));
    }

    // The first forward pass meets the data first: a shape the model cannot take is reported with the batch's shape.
    private Tensor Forward(Tensor batch, bool firstBatch)
    {
        if (!firstBatch) return model.Forward(batch);
        try
        {
            return model.Forward(batch);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Trainer: the model rejected a batch of shape {batch.ShapeString}: {e.Message}", e);
        }
    }

    // The data were checked for NaN and infinity, so a loss that stops being a number means the training diverged.
    // Where it happened is written only then: a training batch (from 1), or the validation samples (batch 0).
    private Tensor ComputeLoss(Tensor output, Tensor targets, int epoch, int batch = 0, int batchCount = 0)
    {
        Tensor result;
        try
        {
            result = loss.Forward(output, targets);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Trainer: {loss.GetType().Name} rejected the model's output of shape {output.ShapeString} with targets of shape {targets.ShapeString}: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            throw Diverged(epoch, batch, batchCount, e);
        }
        return float.IsFinite(result.Item()) ? result : throw Diverged(epoch, batch, batchCount, null);
    }

    private InvalidOperationException Diverged(int epoch, int batch, int batchCount, Exception? inner) => new(
        "Trainer: the loss stopped being a finite number " +
        (batch > 0 ? $"at epoch {epoch}, batch {batch} of {batchCount}" : $"on the validation samples after epoch {epoch}") +
        string.Create(CultureInfo.InvariantCulture, $": the weights have diverged. Lower the learning rate (now {optimizer.LearningRate}), e.g. to {optimizer.LearningRate / 10}, or standardise the inputs.") +
        (inner is null ? "" : $" ({inner.Message})"), inner);

    private static double Accuracy(int correct, int judged) => judged > 0 ? (double)correct / judged : double.NaN;
}
