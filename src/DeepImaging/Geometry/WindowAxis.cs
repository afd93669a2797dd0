namespace DeepImaging;

/// <summary>
/// One axis of a window sliding over a padded input, the one place where the output-size rule is computed
/// (<see cref="ConvArithmetic"/> for one dimension, <see cref="ConvGeometry"/> for an image). In 64 bits: with 32-bit
/// ints a dilation or padding near int.MaxValue wraps around and gives a wrong size.
/// </summary>
/// <param name="Input">The input size n.</param>
/// <param name="Kernel">The kernel size k.</param>
/// <param name="Stride">The stride s.</param>
/// <param name="Dilation">The dilation d.</param>
/// <param name="PadBefore">Padding before the input (top or left).</param>
/// <param name="PadAfter">Padding after the input (bottom or right); it differs from <paramref name="PadBefore"/> for 'same' with an even kernel.</param>
internal readonly record struct WindowAxis(int Input, int Kernel, int Stride, int Dilation, int PadBefore, int PadAfter)
{
    /// <summary>How many input positions the kernel spans: d(k-1) + 1.</summary>
    public long Span => ConvArithmetic.KernelSpan(Kernel, Dilation);

    /// <summary>The padded input size, n + before + after.</summary>
    public long Padded => (long)Input + PadBefore + PadAfter;

    /// <summary>Whether the kernel fits inside the padded input at least once.</summary>
    public bool Fits => Span <= Padded;

    /// <summary>The output size floor((n + before + after - d(k-1) - 1) / s) + 1; meaningful only when the kernel <see cref="Fits"/>.</summary>
    public long Output => (Padded - Span) / Stride + 1;
}
