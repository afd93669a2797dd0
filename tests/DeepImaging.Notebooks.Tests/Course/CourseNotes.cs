namespace DeepImaging.Notebooks.Tests.Course;

/// <summary>The course notes' worked numbers, as the notebooks print them (checked in the runner and in the real kernel).</summary>
internal static class CourseNotes
{
    /// <summary>The four steps of the notes' 2 x 2 kernel over the 3 x 3 input 0..8: outputs 19, 25, 37, 43.</summary>
    public static readonly string[] ConvolutionSteps =
        ["0x0 + 1x1 + 3x2 + 4x3 = 19", "1x0 + 2x1 + 4x2 + 5x3 = 25", "3x0 + 4x1 + 6x2 + 7x3 = 37", "4x0 + 5x1 + 7x2 + 8x3 = 43"];

    /// <summary>A 2 -> 4 dense layer's parameters (notebook 02).</summary>
    public const string DenseLayerParameters = "2 x 4 + 4 = 12";

    /// <summary>The fully connected network on a 256 x 256 x 3 image (notebook 03).</summary>
    public const string FullyConnectedParameters = "196,610,001";
}
