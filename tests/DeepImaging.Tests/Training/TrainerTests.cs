using DeepImaging.Metrics;
using DeepImaging.NN;
using DeepImaging.Training;

namespace DeepImaging.Tests.Training;

public class TrainerTests
{
    // Two noisy blobs in 2-D: class 1 around (1, 1), class 0 around (-1, -1).
    private static (Tensor Inputs, Tensor Labels) Blobs(int n, int seed)
    {
        var random = new Generator((ulong)seed);
        var x = new float[n * 2];
        var y = new float[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = i % 2;
            float centre = y[i] == 1 ? 1 : -1;
            x[2 * i] = centre + 0.8f * (float)random.NextNormal();
            x[2 * i + 1] = centre + 0.8f * (float)random.NextNormal();
        }
        return (Tensor.From(x, n, 2), Tensor.From(y, n));
    }

    private static Sequential Mlp(int outputs) => new(new Linear(2, 8, seed: 1), new ReLU(), new Linear(8, outputs, seed: 2));

    private static TrainingHistory FitBlobs(int seed, IProgress<EpochResult>? progress = null, IProgress<BatchResult>? batches = null)
    {
        var (x, y) = Blobs(100, seed: 5);
        var model = Mlp(2);
        var trainer = new Trainer(model, new CrossEntropyLoss(), new Sgd(model.Parameters(), lr: 0.1f, momentum: 0.9f))
        {
            Epochs = 8, BatchSize = 16, Seed = seed, ValidationFraction = 0.25, Progress = progress, BatchProgress = batches,
        };
        return trainer.Fit(x, y);
    }

    [Fact]
    public void The_same_seed_gives_a_bit_identical_history_and_another_seed_a_different_one()
    {
        var first = FitBlobs(seed: 3);
        var second = FitBlobs(seed: 3);
        var other = FitBlobs(seed: 4);

        Assert.Equal(first.TrainLosses, second.TrainLosses);       // exact equality of doubles: bit-identical
        Assert.Equal(first.ValidationLosses, second.ValidationLosses);
        Assert.Equal(first.Epochs.Select(e => e.TrainAccuracy), second.Epochs.Select(e => e.TrainAccuracy));
        Assert.NotEqual(first.TrainLosses, other.TrainLosses);     // another split and shuffle
    }

    [Fact]
    public void History_has_one_result_per_epoch_and_progress_hears_each_epoch_and_batch_once()
    {
        var epochs = new List<EpochResult>();
        var batches = new List<BatchResult>();

        var history = FitBlobs(seed: 3, new ProgressCallback<EpochResult>(epochs.Add), new ProgressCallback<BatchResult>(batches.Add));

        Assert.Equal(8, history.Epochs.Count);
        Assert.Equal(Enumerable.Range(1, 8), history.Epochs.Select(e => e.Epoch));
        Assert.Equal(history.Epochs, epochs);
        // 100 samples, 25 held out: 75 training samples in batches of 16 -> 5 batches per epoch (16 x 4 + 11).
        Assert.Equal(8 * 5, batches.Count);
        Assert.Equal(5, batches[0].BatchCount);
        Assert.Equal((8, 5), (batches[^1].Epoch, batches[^1].Batch));
        Assert.All(history.Epochs, e => Assert.NotNull(e.ValidationLoss));
        Assert.True(history.Last.TrainLoss < history.Epochs[0].TrainLoss);
        Assert.True(history.Last.ValidationAccuracy > 0.8);
        Assert.False(history.StoppedEarly);
        Assert.True(history.Elapsed > TimeSpan.Zero);
    }

    [Fact]
    public void Validation_is_measured_in_eval_mode_with_the_argmax_accuracy_on_the_held_out_samples()
    {
        var (x, y) = Blobs(60, seed: 8);
        // With Dropout, a validation pass in training mode would drop random units and give another loss.
        var model = new Sequential(new Linear(2, 8, seed: 1), new ReLU(), new Dropout(0.5f, seed: 4), new Linear(8, 2, seed: 2));
        var history = new Trainer(model, new CrossEntropyLoss(), new Adam(model.Parameters(), lr: 0.01f))
        {
            Epochs = 3, BatchSize = 8, Seed = 21, ValidationFraction = 0.3,
        }.Fit(x, y);

        // The documented split: the first round(60 x 0.3) = 18 indices of a permutation seeded with Seed.
        var held = new Generator(21).Permutation(60)[..18];
        var heldX = Tensor.Stack(held.Select(i => x.Select(0, i)).ToList(), 0);
        var heldY = Tensor.From(held.Select(i => y[i]).ToArray(), 18);
        Tensor logits;
        using (Tensor.NoGrad()) logits = model.Forward(heldX);
        var expected = new ConfusionMatrix(heldY, logits.ArgMax(1)).Accuracy;

        Assert.False(model.IsTraining); // Fit leaves the model ready to predict
        Assert.Equal(expected, history.Last.ValidationAccuracy);
        Assert.Equal((double)new CrossEntropyLoss().Forward(logits, heldY).Item(), history.Last.ValidationLoss!.Value, 5);
    }

    [Fact]
    public void Binary_cross_entropy_counts_a_positive_logit_as_class_1_and_accepts_labels_of_shape_N()
    {
        var (x, y) = Blobs(80, seed: 9);
        var model = Mlp(1);
        var history = new Trainer(model, new BceWithLogitsLoss(), new Adam(model.Parameters(), lr: 0.02f))
        {
            Epochs = 5, BatchSize = 10, Seed = 1, ValidationFraction = 0.25,
        }.Fit(x, y); // labels [80] against outputs [batch, 1]

        var held = new Generator(1).Permutation(80)[..20];
        var heldX = Tensor.Stack(held.Select(i => x.Select(0, i)).ToList(), 0);
        Tensor logits;
        using (Tensor.NoGrad()) logits = model.Forward(heldX);
        var predicted = logits.ToArray().Select(v => v > 0 ? 1 : 0).ToArray();
        var expected = new ConfusionMatrix(held.Select(i => (int)y[i]).ToArray(), predicted, labels: [0, 1]).Accuracy;

        Assert.Equal(expected, history.Last.ValidationAccuracy);
        Assert.True(history.Last.ValidationAccuracy >= 0.85, $"validation accuracy {history.Last.ValidationAccuracy}");
    }

    [Fact]
    public void A_regression_loss_has_no_accuracy_and_learns_a_line()
    {
        // y = 2x + 1 on x = 0, 0.1, ..., 1.9: a Linear(1, 1) must find weight 2 and bias 1.
        var x = Tensor.From(Enumerable.Range(0, 20).Select(i => i / 10f).ToArray(), 20, 1);
        var y = x * 2f + 1f;
        var line = new Linear(1, 1, seed: 3);

        var history = new Trainer(line, new MseLoss(), new Sgd(line.Parameters(), lr: 0.1f)) { Epochs = 300, BatchSize = 20 }.Fit(x, y);

        Assert.True(double.IsNaN(history.Last.TrainAccuracy));
        Assert.Null(history.Last.ValidationLoss);
        Assert.Equal(2f, line.Weight.Item(), 2);
        Assert.Equal(1f, line.Bias!.Item(), 2);
        Assert.Equal(300, history.BestEpoch); // still improving: the lowest training loss is the last
    }

    [Fact]
    public void Early_stopping_stops_after_patience_epochs_without_improvement_and_restores_the_best_weights()
    {
        // A model that can only output its bias b (all inputs are 0). The 2 held-out samples have target 1, the
        // 8 training samples target 3. One full batch of SGD on the mean squared error, lr 0.1:
        // b <- b - 0.1 x 2(b - 3) = b + 0.2(3 - b). From b = -2:
        //   epoch 1: -1      validation loss (b - 1)^2 = 4
        //   epoch 2: -0.2                               1.44
        //   epoch 3:  0.44                              0.3136
        //   epoch 4:  0.952                             0.002304   <- best
        //   epoch 5:  1.3616                            0.1308
        //   epoch 6:  1.68928                           0.4751     <- second epoch without improvement: stop
        const int seed = 6;
        var held = new Generator(seed).Permutation(10)[..2];
        var targets = Tensor.Full(3f, 10, 1);
        foreach (int i in held) targets[i, 0] = 1f;
        var model = new Linear(1, 1, seed: 0);
        model.Bias![0] = -2f;

        var history = new Trainer(model, new MseLoss(), new Sgd(model.Parameters(), lr: 0.1f))
        {
            Epochs = 50, BatchSize = 10, Seed = seed, ValidationFraction = 0.2, EarlyStoppingPatience = 2,
        }.Fit(Tensor.Zeros(10, 1), targets);

        Assert.True(history.StoppedEarly);
        Assert.Equal(6, history.Epochs.Count);
        Assert.Equal(4, history.BestEpoch);
        Assert.Equal(0.002304, history.Best.ValidationLoss!.Value, 5);
        Assert.Equal(0.952f, model.Bias[0], 5); // the weights of epoch 4, not of epoch 6
    }

    [Fact]
    public void A_model_that_rejects_the_data_is_reported_with_the_batch_shape_and_the_layer()
    {
        var model = new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 2));
        var trainer = new Trainer(model, new CrossEntropyLoss(), new Sgd(model.Parameters(), lr: 0.1f)) { BatchSize = 8 };

        var error = Assert.Throws<ArgumentException>(() => trainer.Fit(Tensor.Zeros(20, 5), Tensor.Zeros(20)));

        Assert.StartsWith("Trainer: the model rejected a batch of shape [8, 5]: ", error.Message);
        Assert.Contains("Linear", error.Message);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public void Bad_data_gets_a_message_that_says_what_is_wrong()
    {
        var model = Mlp(2);
        var trainer = new Trainer(model, new CrossEntropyLoss(), new Sgd(model.Parameters(), lr: 0.1f));

        var counts = Assert.Throws<ArgumentException>(() => trainer.Fit(Tensor.Zeros(10, 2), Tensor.Zeros(9)));
        Assert.Contains("inputs have 10 samples", counts.Message);
        Assert.Contains("targets have 9", counts.Message);

        var empty = Assert.Throws<ArgumentException>(() => trainer.Fit(Tensor.Zeros(0, 2), Tensor.Zeros(0)));
        Assert.Contains("empty", empty.Message);

        var inputs = Tensor.Zeros(20, 5);
        inputs[12, 3] = float.NaN;
        var wide = new Linear(5, 2);
        var nan = Assert.Throws<ArgumentException>(() => new Trainer(wide, new CrossEntropyLoss(), new Sgd(wide.Parameters(), lr: 0.1f)).Fit(inputs, Tensor.Zeros(20)));
        Assert.StartsWith("Trainer: inputs contain NaN at row 12, column 3", nan.Message);

        var images = Tensor.Zeros(4, 1, 3, 3);
        images[2, 0, 1, 2] = float.PositiveInfinity;
        var infinity = Assert.Throws<ArgumentException>(() => trainer.Fit(images, Tensor.Zeros(4)));
        Assert.Contains("at sample 2, position [0, 1, 2]", infinity.Message);

        var vector = Assert.Throws<ArgumentException>(() => trainer.Fit(Tensor.Zeros(10), Tensor.Zeros(10)));
        Assert.Contains("Reshape(-1, 1)", vector.Message);

        var noValidation = new Trainer(model, new CrossEntropyLoss(), new Sgd(model.Parameters(), lr: 0.1f)) { EarlyStoppingPatience = 3 };
        Assert.Throws<InvalidOperationException>(() => noValidation.Fit(Tensor.Zeros(10, 2), Tensor.Zeros(10)));

        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(model, new CrossEntropyLoss(), new Sgd(model.Parameters(), lr: 0.1f)) { BatchSize = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(model, new CrossEntropyLoss(), new Sgd(model.Parameters(), lr: 0.1f)) { ValidationFraction = 1 });
    }

    [Fact]
    public void A_diverging_loss_stops_training_and_names_the_epoch_batch_and_learning_rate()
    {
        var x = Tensor.From(Enumerable.Range(0, 40).Select(i => i * 10f).ToArray(), 40, 1);
        var y = x * 3f;
        var line = new Linear(1, 1, seed: 3);
        var trainer = new Trainer(line, new MseLoss(), new Sgd(line.Parameters(), lr: 10f)) { Epochs = 100, BatchSize = 8 };

        var error = Assert.Throws<InvalidOperationException>(() => trainer.Fit(x, y));

        Assert.Matches(@"^Trainer: the loss stopped being a finite number at epoch \d+, batch \d of 5", error.Message);
        Assert.Contains("Lower the learning rate (now 10)", error.Message);
    }

    [Fact]
    public void An_optimiser_built_on_another_model_is_rejected()
    {
        var model = Mlp(2);
        var other = Mlp(2); // same architecture and seeds, but other tensors

        var error = Assert.Throws<ArgumentException>(() => new Trainer(model, new CrossEntropyLoss(), new Sgd(other.Parameters(), lr: 0.1f)));

        Assert.Contains("updates none of the parameters of this Sequential (42 parameters)", error.Message); // 2x8+8 + 8x2+2
    }

    [Fact]
    public void A_label_the_model_cannot_output_is_reported_by_its_row_in_the_data()
    {
        var model = Mlp(2);
        var trainer = new Trainer(model, new CrossEntropyLoss(), new Sgd(model.Parameters(), lr: 0.1f)) { BatchSize = 4 };

        var error = Assert.Throws<ArgumentException>(() => trainer.Fit(Tensor.Zeros(6, 2), Tensor.From([0f, 1f, 0f, 1f, 2f, 1f], 6)));
        Assert.Equal("Trainer: target 2 at row 4 is not a class index for the model's 2 outputs; CrossEntropyLoss needs whole numbers 0..1. (Parameter 'targets')", error.Message);

        var bce = Mlp(1);
        var bceTrainer = new Trainer(bce, new BceWithLogitsLoss(), new Sgd(bce.Parameters(), lr: 0.1f));
        var probability = Assert.Throws<ArgumentException>(() => bceTrainer.Fit(Tensor.Zeros(3, 2), Tensor.From([0f, 1f, -1f], 3)));
        Assert.Contains("target -1 at row 2 is outside [0, 1]", probability.Message);
    }

    [Fact]
    public void Targets_of_a_shape_the_loss_rejects_are_reported_with_both_shapes()
    {
        var line = new Linear(2, 1);
        var trainer = new Trainer(line, new MseLoss(), new Sgd(line.Parameters(), lr: 0.1f)) { BatchSize = 4 };

        var error = Assert.Throws<ArgumentException>(() => trainer.Fit(Tensor.Zeros(4, 2), Tensor.Zeros(4, 3)));

        Assert.StartsWith("Trainer: MseLoss rejected the model's output of shape [4, 1] with targets of shape [4, 3]: MseLoss:", error.Message);
    }
}
