namespace DeepImaging.Engine;

/// <summary>
/// The layout of a convolution with stride 1 computed from shifted windows of the padded image (see
/// <see cref="Gemm.MultiplyShifted"/>): the image of one group is copied with its zero padding into a buffer of
/// [channels, padded height, padded width]; kernel offset (c, ki, kj) then reads the window that starts at
/// c·Hp·Wp + ki·dilation·Wp + kj·dilation, and output position (oh, ow) is column oh·Wp + ow of the product.
/// </summary>
internal sealed class ShiftedImage
{
    // Past this much extra work (the product runs over the padded width, not the output width) im2col is cheaper.
    private const double MaxExtraColumns = 1.5;

    private ShiftedImage(int paddedHeight, int paddedWidth, int columns, int imageLength, int productsLength)
    {
        PaddedHeight = paddedHeight;
        PaddedWidth = paddedWidth;
        Columns = columns;
        ImageLength = imageLength;
        BufferLength = imageLength + productsLength;
    }

    /// <summary>Rows of the padded image.</summary>
    public int PaddedHeight { get; }

    /// <summary>Columns of the padded image, and the distance between output rows in the product.</summary>
    public int PaddedWidth { get; }

    /// <summary>Columns of the product: (OH - 1)·Wp + OW.</summary>
    public int Columns { get; }

    /// <summary>Values of the padded image of one group.</summary>
    public int ImageLength { get; }

    /// <summary>Values of one job's buffer: the padded image, then the product.</summary>
    public int BufferLength { get; }

    /// <summary>The layout for this geometry, or null when it does not apply (stride other than 1) or does not pay.</summary>
    public static ShiftedImage? For(ConvGeometry g, int channels, int outChannels)
    {
        if (g.StrideHeight != 1 || g.StrideWidth != 1 || g.OutputPositions == 0) return null;
        long height = (long)g.Height + g.PadTop + g.PadBottom, width = (long)g.Width + g.PadLeft + g.PadRight;
        long columns = (g.OutHeight - 1) * width + g.OutWidth, image = channels * height * width;
        if (columns > MaxExtraColumns * g.OutputPositions || image + outChannels * columns > int.MaxValue) return null;
        return new ShiftedImage((int)height, (int)width, (int)columns, (int)image, outChannels * (int)columns);
    }

    /// <summary>Where the window of each kernel offset (c, ki, kj), in im2col row order, starts in the padded image.</summary>
    public int[] RowStarts(ConvGeometry g, int channels)
    {
        var starts = new int[g.PatchSize(channels)];
        int row = 0;
        for (int c = 0; c < channels; c++)
            for (int ki = 0; ki < g.KernelHeight; ki++)
                for (int kj = 0; kj < g.KernelWidth; kj++)
                    starts[row++] = (c * PaddedHeight + ki * g.DilationHeight) * PaddedWidth + kj * g.DilationWidth;
        return starts;
    }

    /// <summary>The padded image's part of a job's buffer.</summary>
    public Span<float> Image(Span<float> buffer) => buffer[..ImageLength];

    /// <summary>The product's part of a job's buffer.</summary>
    public Span<float> Products(Span<float> buffer) => buffer[ImageLength..BufferLength];

    /// <summary>Copies <paramref name="channels"/> planes of x starting at <paramref name="offset"/> into the padded image.</summary>
    public void Pad(ReadOnlySpan<float> x, int offset, ConvGeometry g, int channels, Span<float> image)
    {
        image.Clear();
        for (int c = 0; c < channels; c++)
            for (int h = 0; h < g.Height; h++)
                x.Slice(offset + (c * g.Height + h) * g.Width, g.Width)
                    .CopyTo(image.Slice((c * PaddedHeight + h + g.PadTop) * PaddedWidth + g.PadLeft));
    }

    /// <summary>
    /// out = W · im2col(x) + b (then ReLU, if asked) for every image and group, into <paramref name="output"/>
    /// [N, out channels, H', W']. Each row of the im2col matrix is the padded image shifted by one kernel offset, so
    /// the product reads those windows of the padded image directly (see <see cref="Gemm.MultiplyShifted"/>). It runs
    /// over the padded width; the columns past each output row are computed and dropped.
    /// </summary>
    public void Convolve(ConvLayout m, float[] x, float[] weight, float[]? bias, bool relu, float[] output)
    {
        var g = m.G;
        var rowStarts = RowStarts(g, m.GroupChannels);
        ConvolutionDriver.ForEachImageAndGroup(m, BufferLength, (n, group, buffer) =>
        {
            Span<float> image = Image(buffer), products = Products(buffer);
            Pad(x, m.InputOffset(n, group), g, m.GroupChannels, image);
            Gemm.MultiplyShifted(m.Weights(weight, group), image, rowStarts, products, m.OutPerGroup, m.Patch, Columns);
            var outputs = m.Outputs(output, n, group);
            for (int o = 0; o < m.OutPerGroup; o++)
            {
                float b = bias is null ? 0f : bias[group * m.OutPerGroup + o];
                for (int oh = 0; oh < g.OutHeight; oh++)
                    BiasAndRelu.Apply(products.Slice(o * Columns + oh * PaddedWidth, g.OutWidth),
                        outputs.Slice((o * g.OutHeight + oh) * g.OutWidth, g.OutWidth), bias is not null, b, relu);
            }
        });
    }
}
