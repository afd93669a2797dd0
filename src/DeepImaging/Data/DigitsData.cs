namespace DeepImaging.Data;

/// <summary>The handwritten digits data set as loaded by <see cref="Datasets.LoadDigits(string)"/>.</summary>
/// <param name="Images">One greyscale 8x8 image per sample, shape [1797, 1, 8, 8], values 0..1 (ink = 1).</param>
/// <param name="Labels">The digit shown, 0..9, shape [1797].</param>
public sealed record DigitsData(Tensor Images, Tensor Labels);
