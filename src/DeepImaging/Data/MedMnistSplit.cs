namespace DeepImaging.Data;

/// <summary>One part (training, validation or test) of a MedMNIST data set, as loaded by <see cref="MedMnist.Load"/>.</summary>
/// <param name="Images">The images, [N, C, H, W] (C = 1 for grey data sets, 3 for colour ones), values 0..1 (pixel / 255).</param>
/// <param name="Labels">
/// The labels: [N] class indices 0..classes − 1 for the usual single-label data sets, or [N, L] of 0 and 1 for a
/// multi-label one (ChestMNIST: 14 findings per image).
/// </param>
public sealed record MedMnistSplit(Tensor Images, Tensor Labels)
{
    /// <summary>The number of images.</summary>
    public int Count => Images.Size(0);
}
