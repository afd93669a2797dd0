namespace DeepImaging.Benchmarks;

/// <summary>A Conv2d problem: input [N, C, H, W], weight [O, C, kH, kW], padding and stride (no groups, no dilation).</summary>
public sealed record ConvShape(int[] Input, int[] Weight, int Padding, int Stride = 1)
{
    /// <summary>Output height and width, from the usual formula floor((H + 2p - k) / s) + 1.</summary>
    public (int Height, int Width) Output =>
        ((Input[2] + 2 * Padding - Weight[2]) / Stride + 1, (Input[3] + 2 * Padding - Weight[3]) / Stride + 1);

    /// <summary>Operations of one forward pass: every output value is a dot product of length C·kH·kW (2 flops per term).</summary>
    public double ForwardFlops => 2.0 * Input[0] * Weight[0] * Output.Height * Output.Width * Weight[1] * Weight[2] * Weight[3];
}
