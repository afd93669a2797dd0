using static DeepImaging.Functional;

namespace DeepImaging.Notebooks;

/// <summary><c>deepimaging demo</c>: the core library reproducing the course notes' numbers.</summary>
public static class DemoCommand
{
    /// <summary>Prints the notes' convolution example and the output sizes of valid, same and full padding.</summary>
    /// <param name="output">Where to print.</param>
    public static int Run(TextWriter output)
    {
        var input = Tensor.Arange(9).Reshape(3, 3);
        var kernel = Tensor.Arange(4).Reshape(2, 2);
        output.WriteLine("Cross-correlation of the notes' 3x3 input with the 2x2 kernel:");
        output.WriteLine(Conv2d(input, kernel));
        output.WriteLine("True convolution (kernel flipped):");
        output.WriteLine(Convolve2d(input, kernel));
        output.WriteLine();
        output.WriteLine("Output size of a 3x3 kernel on a 256-wide input:");
        foreach (var padding in new[] { Padding.Valid, Padding.Same, Padding.Full })
            output.WriteLine($"  {padding,-5}: {ConvArithmetic.Explain(256, 3, 1, padding)}");
        return 0;
    }
}
