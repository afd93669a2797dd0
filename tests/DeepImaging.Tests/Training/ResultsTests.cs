using System.Diagnostics;
using System.Globalization;
using DeepImaging.Data;
using DeepImaging.Metrics;
using DeepImaging.NN;
using DeepImaging.Training;
using Xunit.Abstractions;
using static DeepImaging.Functional;

namespace DeepImaging.Tests.Training;

/// <summary>The results the course promises, reached with fixed seeds (the measured values go to the test output).</summary>
public class ResultsTests(ITestOutputHelper output)
{
    private static string Format(double value) => value.ToString("F4", CultureInfo.InvariantCulture);

    [Fact]
    public void A_2_4_2_network_fits_P1_to_P4_of_the_notes_and_gives_a_probability_for_P5()
    {
        // The notes' table (height, weight min-max normalised); class 0 = F, class 1 = M.
        var people = Tensor.From(new float[,] { { 0.625f, 0.875f }, { 0f, 0f }, { 0.25f, 0.375f }, { 1f, 1f } });
        var gender = Tensor.From([1f, 0f, 1f, 1f], 4);
        var p5 = Tensor.From(new float[,] { { 0.4583f, 0.6667f } });
        var hidden = new Linear(2, 4, seed: 1);
        var model = new Sequential(hidden, new Sigmoid(), new Linear(4, 2, seed: 2));
        var clock = Stopwatch.StartNew();

        var history = new Trainer(model, new CrossEntropyLoss(), new Adam(model.Parameters(), lr: 0.05f))
        {
            Epochs = 200, BatchSize = 4, Seed = 7,
        }.Fit(people, gender);

        clock.Stop();
        Tensor fitted, probabilities;
        using (Tensor.NoGrad())
        {
            fitted = model.Forward(people).ArgMax(1);
            probabilities = Softmax(model.Forward(p5), dim: 1);
        }
        float pMale = probabilities[0, 1];
        output.WriteLine($"2-4-2: final training loss {Format(history.Last.TrainLoss)}, training accuracy {Format(history.Last.TrainAccuracy)}, {clock.Elapsed.TotalMilliseconds:F0} ms for 200 epochs");
        output.WriteLine($"P5 (0.4583, 0.6667): P(M) = {Format(pMale)}, P(F) = {Format(probabilities[0, 0])}");

        Assert.Equal(12, hidden.ParameterCount);                      // 2 x 4 + 4, as in the notes
        Assert.Equal(1.0, new ConfusionMatrix(gender, fitted).Accuracy); // every training person classified right
        Assert.Equal(1.0, history.Last.TrainAccuracy);
        Assert.InRange(pMale, 0f, 1f);
        Assert.Equal(1f, probabilities[0, 0] + probabilities[0, 1], 5);
    }

    [Fact]
    public void A_small_MLP_reaches_95_percent_on_Breast_Cancer_Wisconsin_with_its_sensitivity_and_specificity()
    {
        var (features, labels, _) = Datasets.LoadBreastCancer(Repository.PathOf("datasets", "breast_cancer.csv"));
        var split = DataSplit.TrainTest(features, labels, testFraction: 0.2, seed: 42);
        var scaler = new StandardScaler().Fit(split.TrainFeatures); // statistics of the training part only
        var trainX = scaler.Transform(split.TrainFeatures);
        var testX = scaler.Transform(split.TestFeatures);
        var model = new Sequential(new Linear(30, 16, seed: 1), new ReLU(), new Linear(16, 2, seed: 2));
        var clock = Stopwatch.StartNew();

        var history = new Trainer(model, new CrossEntropyLoss(), new Adam(model.Parameters(), lr: 0.01f))
        {
            Epochs = 30, BatchSize = 32, Seed = 3,
        }.Fit(trainX, split.TrainLabels);

        clock.Stop();
        Tensor logits;
        using (Tensor.NoGrad()) logits = model.Forward(testX);
        // Label 0 is malignant in this file: it is the positive class of the screening test.
        const int malignant = 0;
        var cm = new ConfusionMatrix(split.TestLabels, logits.ArgMax(1), positiveLabel: malignant);
        var pMalignant = Softmax(logits, dim: 1).Select(1, malignant);
        var roc = new RocCurve(split.TestLabels, pMalignant, positiveLabel: malignant);
        var screening = roc.OperatingPointForSensitivity(0.98);
        output.WriteLine($"Breast cancer, 30-16-2 MLP: {split.TrainLabels.Count} training / {split.TestLabels.Count} test cases, {history.Epochs.Count} epochs in {clock.Elapsed.TotalMilliseconds:F0} ms");
        output.WriteLine($"test accuracy {Format(cm.Accuracy)}; malignant = positive: sensitivity {Format(cm.Sensitivity)}, specificity {Format(cm.Specificity)}, precision {Format(cm.Precision)}, F1 {Format(cm.F1)}");
        output.WriteLine($"TP={cm.TruePositives} FN={cm.FalseNegatives} FP={cm.FalsePositives} TN={cm.TrueNegatives}; AUC {Format(roc.Auc)}");
        output.WriteLine($"threshold for >= 98% sensitivity: P(malignant) >= {Format(screening.Threshold)} gives sensitivity {Format(screening.Sensitivity)}, specificity {Format(screening.Specificity)}");
        output.WriteLine(cm.ToString());

        Assert.True(cm.Accuracy >= 0.95, $"test accuracy {cm.Accuracy}");
        Assert.True(cm.Sensitivity >= 0.90, $"sensitivity {cm.Sensitivity}");
        Assert.True(cm.Specificity >= 0.95, $"specificity {cm.Specificity}");
        Assert.True(roc.Auc >= 0.98, $"AUC {roc.Auc}");
        Assert.Equal(cm.TruePositives + cm.FalseNegatives, split.TestLabels.ToArray().Count(v => v == malignant));
    }
}
