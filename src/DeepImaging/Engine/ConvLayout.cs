namespace DeepImaging.Engine;

/// <summary>
/// Where the matrices of one image and channel group lie in the flat arrays of a convolution, and their sizes: per
/// image and group, W is [out/groups, patch], columns = im2col(x) is [patch, positions] and out is [out/groups, positions].
/// </summary>
internal readonly record struct ConvLayout(ConvGeometry G, int Groups, int OutChannels)
{
    /// <summary>Input channels per group.</summary>
    public int GroupChannels => G.Channels / Groups;

    /// <summary>Output channels per group: the rows of W and of out.</summary>
    public int OutPerGroup => OutChannels / Groups;

    /// <summary>Rows of the im2col matrix: one per input channel and kernel element.</summary>
    public int Patch => G.PatchSize(GroupChannels);

    /// <summary>Columns of the im2col matrix: one per output position.</summary>
    public int Positions => G.OutputPositions;

    /// <summary>Values of W per group.</summary>
    public int WeightsPerGroup => OutPerGroup * Patch;

    /// <summary>Values of out per image and group.</summary>
    public int OutputsPerGroup => OutPerGroup * Positions;

    /// <summary>Where image <paramref name="n"/>'s channels of <paramref name="group"/> start in the input.</summary>
    public int InputOffset(int n, int group) => (n * G.Channels + group * GroupChannels) * G.Height * G.Width;

    /// <summary>W of <paramref name="group"/>.</summary>
    public Span<float> Weights(float[] weight, int group) => weight.AsSpan(group * WeightsPerGroup, WeightsPerGroup);

    /// <summary>out (or dOut) of image <paramref name="n"/> and <paramref name="group"/>.</summary>
    public Span<float> Outputs(float[] output, int n, int group) =>
        output.AsSpan((n * OutChannels + group * OutPerGroup) * Positions, OutputsPerGroup);
}
