namespace DeepImaging.Data;

/// <summary>Seeded splitting of a data set into training and test parts.</summary>
public static class DataSplit
{
    /// <summary>
    /// Shuffles the samples (entries of dimension 0 of <paramref name="features"/> and <paramref name="labels"/>) with a
    /// <see cref="Generator"/> seeded by <paramref name="seed"/> and puts ceil(testFraction · N) of them in the test part,
    /// like scikit-learn's train_test_split. With <paramref name="stratify"/> each class keeps (as nearly as counts allow)
    /// its share in both parts, which matters for screening data where one class is rare.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The sample counts differ, the fraction is not strictly between 0 and 1, a part would be empty,
    /// or stratification is asked for with labels that are not one class index per sample.
    /// </exception>
    public static TrainTestSplit TrainTest(Tensor features, Tensor labels, double testFraction, int seed, bool stratify = false)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (features.Rank == 0 || labels.Rank == 0 || features.Size(0) != labels.Size(0))
            throw new ArgumentException(
                $"DataSplit.TrainTest: features {features.ShapeString} and labels {labels.ShapeString} must have the same number of samples in dimension 0.");
        if (!(testFraction > 0 && testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), $"DataSplit.TrainTest: testFraction is {testFraction}; use a value strictly between 0 and 1, such as 0.2.");
        int n = features.Size(0);
        int testCount = (int)Math.Ceiling(testFraction * n - 1e-9); // the epsilon keeps 0.2 · 10 at 2, not 3
        if (testCount < 1 || testCount >= n)
            throw new ArgumentException(
                $"DataSplit.TrainTest: {n} samples with testFraction {testFraction} give {testCount} test and {n - testCount} training samples; both parts need at least one.");

        var generator = new Generator(unchecked((ulong)seed));
        int[] order = stratify ? StratifiedOrder(labels, testCount, generator) : generator.Permutation(n);
        int[] test = order[..testCount], train = order[testCount..];
        return new TrainTestSplit(features.IndexSelect(0, train), labels.IndexSelect(0, train), features.IndexSelect(0, test), labels.IndexSelect(0, test))
        {
            TrainIndices = train,
            TestIndices = test,
        };
    }

    /// <summary>
    /// An order of the samples whose first <paramref name="testCount"/> entries are the test part: each class contributes
    /// its share of the test part (largest remainders decide the rounding), chosen at random within the class.
    /// </summary>
    private static int[] StratifiedOrder(Tensor labels, int testCount, Generator generator)
    {
        if (labels.Rank != 1)
            throw new ArgumentException($"DataSplit.TrainTest: stratify needs one class label per sample (shape [N]) but the labels have shape {labels.ShapeString}.", nameof(labels));
        int n = labels.Count;
        var classes = labels.AsSpan().ToArray().Select((label, i) => (label, i))
            .GroupBy(p => p.label).OrderBy(g => g.Key)
            .Select(g => g.Select(p => p.i).ToArray()).ToArray();
        // Share of the test part per class: floor first, then hand out the rest by largest remainder.
        double[] exact = classes.Select(c => (double)c.Length * testCount / n).ToArray();
        int[] take = exact.Select(e => (int)Math.Floor(e)).ToArray();
        foreach (int c in Enumerable.Range(0, classes.Length).OrderByDescending(c => exact[c] - take[c]).ThenBy(c => c)
                     .Take(testCount - take.Sum()))
            take[c]++;
        var test = new List<int>();
        var train = new List<int>();
        for (int c = 0; c < classes.Length; c++)
        {
            var members = generator.Permutation(classes[c].Length).Select(p => classes[c][p]).ToArray();
            test.AddRange(members[..take[c]]);
            train.AddRange(members[take[c]..]);
        }
        // Shuffle each part so the classes are interleaved rather than in blocks.
        return [.. Shuffle(test, generator), .. Shuffle(train, generator)];
    }

    private static IEnumerable<int> Shuffle(List<int> items, Generator generator) =>
        generator.Permutation(items.Count).Select(p => items[p]);
}
