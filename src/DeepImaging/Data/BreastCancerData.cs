namespace DeepImaging.Data;

/// <summary>The Breast Cancer Wisconsin (Diagnostic) data set as loaded by <see cref="Datasets.LoadBreastCancer(string)"/>.</summary>
/// <param name="Features">The 30 measurements of each case, shape [569, 30], in their original units (scale them before training).</param>
/// <param name="Labels">One class index per case, shape [569]: 0 = malignant, 1 = benign.</param>
/// <param name="FeatureNames">The 30 column names ("mean radius", ..., "worst fractal dimension").</param>
/// <param name="ClassNames">The class names by index: ["malignant", "benign"].</param>
public sealed record BreastCancerData(Tensor Features, Tensor Labels, string[] FeatureNames, string[] ClassNames)
{
    /// <summary>Deconstructs into features, labels and feature names (for <c>var (x, y, names) = ...</c>).</summary>
    public void Deconstruct(out Tensor features, out Tensor labels, out string[] featureNames) =>
        (features, labels, featureNames) = (Features, Labels, FeatureNames);
}
