using DeepImaging.Data;

namespace DeepImaging.Tests.Data;

public class DataSplitTests
{
    // Feature row i holds (i, 10 i) so every row can be traced back after the shuffle.
    private static (Tensor Features, Tensor Labels) Traceable(int n, Func<int, float> label)
    {
        var features = new float[n * 2];
        for (int i = 0; i < n; i++) (features[2 * i], features[2 * i + 1]) = (i, 10 * i);
        return (Tensor.From(features, n, 2), Tensor.From(Enumerable.Range(0, n).Select(label).ToArray(), n));
    }

    [Fact]
    public void TrainTest_puts_ceil_of_the_fraction_in_test_and_keeps_rows_with_their_labels()
    {
        var (x, y) = Traceable(569, i => i % 3);
        var split = DataSplit.TrainTest(x, y, 0.2, seed: 42);
        Assert.Equal([114, 2], split.TestFeatures.Shape);   // ceil(0.2 · 569) = 114, like scikit-learn
        Assert.Equal([455, 2], split.TrainFeatures.Shape);
        Assert.Equal([455], split.TrainLabels.Shape);
        Assert.Equal(Enumerable.Range(0, 569), split.TrainIndices.Concat(split.TestIndices).Order());
        for (int r = 0; r < split.TestIndices.Length; r++)
        {
            int original = split.TestIndices[r];
            Assert.Equal(original, split.TestFeatures[r, 0]);
            Assert.Equal(10f * original, split.TestFeatures[r, 1]);
            Assert.Equal(original % 3, split.TestLabels[r]);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_split_and_another_seed_another()
    {
        var (x, y) = Traceable(50, i => i % 2);
        var a = DataSplit.TrainTest(x, y, 0.3, 7);
        var b = DataSplit.TrainTest(x, y, 0.3, 7);
        var c = DataSplit.TrainTest(x, y, 0.3, 8);
        Assert.Equal(a.TestIndices, b.TestIndices);
        Assert.NotEqual(a.TestIndices, c.TestIndices);
        Assert.Equal(15, a.TestIndices.Length);
        Assert.Equal(2, DataSplit.TrainTest(x.Slice(0, 0, 10), y.Slice(0, 0, 10), 0.2, 1).TestIndices.Length); // 0.2 · 10 is 2, not 3
    }

    [Fact]
    public void A_stratified_split_keeps_each_class_share()
    {
        var data = Datasets.LoadBreastCancer(Repository.PathOf("datasets", "breast_cancer.csv"));
        var split = DataSplit.TrainTest(data.Features, data.Labels, 0.2, seed: 1, stratify: true);
        // 114 test cases: malignant 212 · 114 / 569 = 42.47, benign 71.53 -> 42 and 72 by largest remainder.
        Assert.Equal(42, split.TestLabels.ToArray().Count(l => l == 0));
        Assert.Equal(72, split.TestLabels.ToArray().Count(l => l == 1));
        Assert.Equal(170, split.TrainLabels.ToArray().Count(l => l == 0));
        Assert.Equal(Enumerable.Range(0, 569), split.TrainIndices.Concat(split.TestIndices).Order());
        // Image batches split along dimension 0 too.
        var images = Tensor.Zeros(569, 1, 2, 2);
        Assert.Equal([114, 1, 2, 2], DataSplit.TrainTest(images, data.Labels, 0.2, 1, stratify: true).TestFeatures.Shape);
    }

    [Fact]
    public void Impossible_splits_are_explained()
    {
        var (x, y) = Traceable(10, i => i % 2);
        Assert.Contains("same number of samples", Assert.Throws<ArgumentException>(() => DataSplit.TrainTest(x, y.Slice(0, 0, 9), 0.2, 0)).Message);
        Assert.Contains("strictly between 0 and 1", Assert.Throws<ArgumentOutOfRangeException>(() => DataSplit.TrainTest(x, y, 1.0, 0)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => DataSplit.TrainTest(x, y, double.NaN, 0));
        Assert.Contains("both parts need at least one", Assert.Throws<ArgumentException>(() => DataSplit.TrainTest(x.Slice(0, 0, 1), y.Slice(0, 0, 1), 0.5, 0)).Message);
        Assert.Contains("stratify needs one class label per sample", Assert.Throws<ArgumentException>(() => DataSplit.TrainTest(x, x, 0.2, 0, stratify: true)).Message);
    }

    [Fact]
    public void OneHot_puts_a_single_one_at_each_label()
    {
        var encoded = OneHot.Encode(Tensor.From([2f, 0, 1, 2], 4), 3);
        Assert.Equal([4, 3], encoded.Shape);
        Assert.Equal([0f, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1], encoded.ToArray());
        Assert.Equal([2f, 0, 1, 2], OneHot.Decode(encoded).ToArray());
    }

    [Theory]
    [InlineData(3f)]
    [InlineData(-1f)]
    [InlineData(1.5f)]
    [InlineData(float.NaN)]
    public void OneHot_rejects_a_label_outside_the_classes(float label)
    {
        var e = Assert.Throws<ArgumentException>(() => OneHot.Encode(Tensor.From([0f, label], 2), 3));
        Assert.Contains($"label {label} at index 1 is not a class index", e.Message);
        Assert.Contains("0..2", e.Message);
    }

    [Fact]
    public void OneHot_rejects_matrices_and_zero_classes()
    {
        Assert.Contains("expected labels of shape [N]", Assert.Throws<ArgumentException>(() => OneHot.Encode(Tensor.Zeros(2, 2), 3)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => OneHot.Encode(Tensor.Zeros(2), 0));
    }
}
