namespace DeepImaging.Data;

/// <summary>The result of <see cref="DataSplit.TrainTest"/>: training and test samples, plus which original rows went where.</summary>
/// <param name="TrainFeatures">Features of the training samples.</param>
/// <param name="TrainLabels">Labels of the training samples.</param>
/// <param name="TestFeatures">Features of the test samples.</param>
/// <param name="TestLabels">Labels of the test samples.</param>
public sealed record TrainTestSplit(Tensor TrainFeatures, Tensor TrainLabels, Tensor TestFeatures, Tensor TestLabels)
{
    /// <summary>The original sample index of each training row, in order.</summary>
    public required int[] TrainIndices { get; init; }

    /// <summary>The original sample index of each test row, in order.</summary>
    public required int[] TestIndices { get; init; }
}
