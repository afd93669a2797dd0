using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DeepImaging.Engine;

/// <summary>
/// The layout that turns a convolution into a product whose rows of B are windows of one array (see
/// <see cref="Gemm.MultiplyShifted"/>), without an im2col matrix. The padded image of one group is split by stride
/// phase: with stride (sh, sw), phase (a, b) holds the padded pixels at rows a, a + sh, a + 2sh, ... and columns b,
/// b + sw, ...: [channel][phase a][phase b][Hq][Wq] with Hq = ceil(Hp / sh), Wq = ceil(Wp / sw), so that the windows of
/// one channel lie close together, as the product reads them. Kernel offset
/// (c, ki, kj) reads padded pixel (sh·oh + r, sw·ow + t) with r = ki·dilation, t = kj·dilation for output (oh, ow): in
/// phase (r mod sh, t mod sw) that is row oh + r / sh, column ow + t / sw. So with output position (oh, ow) at column
/// oh·Wq + ow of the product, the row of B for (c, ki, kj) is the window that starts at
/// plane(c, r mod sh, t mod sw) + (r / sh)·Wq + t / sw. The product runs over the full phase width Wq; the
/// columns past each output row are computed and dropped. With stride 1 there is one phase, the padded image itself.
/// </summary>
internal sealed class ShiftedImage
{
    // Past this much extra work (the product runs over the phase width, not the output width) im2col is cheaper.
    private const double MaxExtraColumns = 1.5;

    private readonly ConvGeometry g;
    private readonly int channels, phaseHeight, phaseWidth;

    private ShiftedImage(ConvGeometry g, int channels, int phaseHeight, int phaseWidth, int columns, int imageLength, int productsLength)
    {
        this.g = g;
        this.channels = channels;
        this.phaseHeight = phaseHeight;
        this.phaseWidth = phaseWidth;
        Columns = columns;
        ImageLength = imageLength;
        BufferLength = imageLength + productsLength;
    }

    /// <summary>The distance between output rows in the product (the phase width Wq).</summary>
    public int RowPitch => phaseWidth;

    /// <summary>Columns of the product: (OH - 1)·Wq + OW.</summary>
    public int Columns { get; }

    /// <summary>Values of the split, padded image of one group, and the zeros after it.</summary>
    public int ImageLength { get; }

    /// <summary>Values of one job's buffer: the image, then the product.</summary>
    public int BufferLength { get; }

    /// <summary>The layout for this geometry and <paramref name="channels"/> channels per group, or null when it does not pay.</summary>
    public static ShiftedImage? For(ConvGeometry g, int channels, int outChannels)
    {
        if (g.OutputPositions == 0) return null;
        long paddedHeight = (long)g.Height + g.PadTop + g.PadBottom, paddedWidth = (long)g.Width + g.PadLeft + g.PadRight;
        long phaseHeight = (paddedHeight + g.StrideHeight - 1) / g.StrideHeight, phaseWidth = (paddedWidth + g.StrideWidth - 1) / g.StrideWidth;
        long columns = (g.OutHeight - 1) * phaseWidth + g.OutWidth;
        long image = (long)g.StrideHeight * g.StrideWidth * channels * phaseHeight * phaseWidth;
        // The image is followed by zeros, which the weight gradient's windows read past the last column (see WindowDots).
        long products = outChannels * WindowDots.Pitch(columns);
        if (columns > MaxExtraColumns * g.OutputPositions || image + WindowDots.Lanes + products > int.MaxValue) return null;
        return new ShiftedImage(g, channels, (int)phaseHeight, (int)phaseWidth, (int)columns, (int)image + WindowDots.Lanes, (int)products);
    }

    /// <summary>Where the window of each kernel offset (c, ki, kj), in im2col row order, starts in the image.</summary>
    public int[] RowStarts()
    {
        var starts = new int[g.PatchSize(channels)];
        int row = 0;
        for (int c = 0; c < channels; c++)
            for (int ki = 0; ki < g.KernelHeight; ki++)
                for (int kj = 0; kj < g.KernelWidth; kj++)
                {
                    int r = ki * g.DilationHeight, t = kj * g.DilationWidth;
                    starts[row++] = Plane(c, r % g.StrideHeight, t % g.StrideWidth) + r / g.StrideHeight * phaseWidth + t / g.StrideWidth;
                }
        return starts;
    }

    /// <summary>The image's part of a job's buffer.</summary>
    public Span<float> Image(Span<float> buffer) => buffer[..ImageLength];

    /// <summary>The product's part of a job's buffer.</summary>
    public Span<float> Products(Span<float> buffer) => buffer[ImageLength..BufferLength];

    /// <summary>Copies the channels of one group of x, starting at <paramref name="offset"/>, into the image: padded, split by phase.</summary>
    public void Fill(float[] x, int offset, Span<float> image)
    {
        image.Clear();
        Transfer(x, offset, image, intoImage: true);
    }

    // Between the rows of a flat group of channels and the padded, phase-split image, either way: into the image (Fill),
    // or back out of it, where the padding is dropped (the input gradient).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Transfer(Span<float> flat, int offset, Span<float> image, bool intoImage)
    {
        int sh = g.StrideHeight, sw = g.StrideWidth;
        // Phase b holds the padded columns b, b + sw, b + 2sw, ...: image column w = b - PadLeft + j·sw for the phase
        // columns j from first[b] (the first inside the image) on, count[b] of them. Worked out once, not per row.
        Span<int> first = sw <= 64 ? stackalloc int[sw] : new int[sw], count = sw <= 64 ? stackalloc int[sw] : new int[sw];
        for (int b = 0; b < sw; b++)
        {
            int shift = b - g.PadLeft;
            first[b] = shift >= 0 ? 0 : (-shift + sw - 1) / sw;
            count[b] = Math.Max(0, Math.Min(phaseWidth, (g.Width - shift + sw - 1) / sw) - first[b]);
        }
        // The geometry's values as locals, worked out once: this loop runs once per input row.
        int height = g.Height, width = g.Width, padLeft = g.PadLeft, planeSize = phaseHeight * phaseWidth;
        if ((long)offset + (long)channels * height * width > flat.Length || image.Length < ImageLength)
            throw new ArgumentException($"ShiftedImage: {channels} channels of {height} x {width} from {offset} need {flat.Length} >= {(long)offset + (long)channels * height * width} values and an image of {ImageLength}; got {image.Length}.");
        int evenPhase = padLeft % 2, evenShift = padLeft / 2, oddShift = (padLeft + 1) / 2;
        if (sh == 1 && sw == 1)
        {
            // One phase, the padded image itself: each channel's rows are a block of rows, phaseWidth apart.
            for (int c = 0; c < channels; c++)
            {
                var rows = flat[(offset + c * height * width)..];
                var inImage = image[(c * planeSize + g.PadTop * phaseWidth + padLeft)..];
                if (intoImage) SpanMath.CopyRows(rows, width, inImage, phaseWidth, width, height);
                else SpanMath.CopyRows(inImage, phaseWidth, rows, width, width, height);
            }
            return;
        }
        for (int c = 0; c < channels; c++)
            // Padded row ph = h + PadTop lies in row phase a = ph mod sh, at row ph / sh of it: both followed step by step.
            for (int h = 0, a = g.PadTop % sh, q = g.PadTop / sh; h < height; h++, (a, q) = a + 1 == sh ? (0, q + 1) : (a + 1, q))
            {
                var row = flat.Slice(offset + (c * height + h) * width, width);
                int rowStart = (c * sh + a) * sw * planeSize + q * phaseWidth; // this row in phase (a, 0) of channel c
                if (sw == 1)
                {
                    var inImage = image.Slice(rowStart + padLeft, width);
                    if (intoImage) row.CopyTo(inImage);
                    else inImage.CopyTo(row);
                    continue;
                }
                if (sw == 2 && intoImage)
                {
                    // Even image columns land in phase PadLeft mod 2, odd ones in the other: one pass splits them. The
                    // places were checked above (the layout has room for every row), so the split runs unchecked: it
                    // is called once per row, and a row is often only 32 values.
                    ref float start = ref MemoryMarshal.GetReference(image);
                    SpanMath.SplitEvenOddUnchecked(ref MemoryMarshal.GetReference(row), width,
                        ref Unsafe.Add(ref start, rowStart + evenPhase * planeSize + evenShift), ref Unsafe.Add(ref start, rowStart + (1 - evenPhase) * planeSize + oddShift));
                    continue;
                }
                for (int b = 0; b < sw; b++)
                {
                    if (count[b] == 0) continue;
                    var inImage = image.Slice(rowStart + b * planeSize + first[b], count[b]);
                    var pixels = row[(b - padLeft + first[b] * sw)..];
                    if (intoImage) Gather(pixels, sw, inImage);
                    else Scatter(inImage, pixels, sw);
                }
            }
    }

    // to[j] = from[j · step] for every j of to.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Gather(ReadOnlySpan<float> from, int step, Span<float> to)
    {
        if ((long)(to.Length - 1) * step >= from.Length) throw new ArgumentOutOfRangeException(nameof(from));
        ref float source = ref MemoryMarshal.GetReference(from);
        ref float target = ref MemoryMarshal.GetReference(to);
        for (int j = 0; j < to.Length; j++) Unsafe.Add(ref target, j) = Unsafe.Add(ref source, j * step);
    }

    // to[j · step] = from[j] for every j of from.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scatter(ReadOnlySpan<float> from, Span<float> to, int step)
    {
        if ((long)(from.Length - 1) * step >= to.Length) throw new ArgumentOutOfRangeException(nameof(to));
        ref float source = ref MemoryMarshal.GetReference(from);
        ref float target = ref MemoryMarshal.GetReference(to);
        for (int j = 0; j < from.Length; j++) Unsafe.Add(ref target, j * step) = Unsafe.Add(ref source, j);
    }

    // dOut of one image and group spread out to rows of `pitch` columns, output row oh at column oh·Wq, zeros elsewhere.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Spread(ReadOnlySpan<float> outputs, int outChannels, Span<float> spread, int pitch)
    {
        spread.Clear();
        for (int o = 0; o < outChannels; o++)
            SpanMath.CopyRows(outputs[(o * g.OutHeight * g.OutWidth)..], g.OutWidth, spread[(o * pitch)..], RowPitch, g.OutWidth, g.OutHeight);
    }

    /// <summary>
    /// out = W · im2col(x) + b (then ReLU, if asked) for every image and group, into <paramref name="output"/>
    /// [N, out channels, H', W']: the product reads the rows of the im2col matrix as windows of the image.
    /// </summary>
    public void Convolve(ConvLayout m, float[] x, float[] weight, float[]? bias, bool relu, float[] output)
    {
        var starts = RowStarts();
        var (packed, packedLength) = PackWeights(m, weight, transposed: false);
        ConvolutionDriver.ForEachImageAndGroup(m, BufferLength, (n, group, buffer) =>
        {
            Span<float> image = Image(buffer), products = Products(buffer);
            Fill(x, m.InputOffset(n, group), image);
            Gemm.MultiplyShifted(packed.AsSpan(group * packedLength, packedLength), image, starts, products, m.OutPerGroup, m.Patch, Columns);
            var outputs = m.Outputs(output, n, group);
            for (int o = 0; o < m.OutPerGroup; o++)
                BiasAndRelu.ApplyToRows(products.Slice(o * Columns, Columns), RowPitch, outputs.Slice(o * m.Positions, m.Positions),
                    g.OutWidth, g.OutHeight, bias is not null, bias is null ? 0f : bias[group * m.OutPerGroup + o], relu);
        });
    }

    /// <summary>
    /// dW = Σ over the images of dOut · columnsᵀ, columnsᵀ read as windows of the image as in <see cref="Convolve"/>:
    /// each weight is the dot product of one output channel of dOut with one window (<see cref="WindowDots"/>). dOut is
    /// spread out to the product's columns, with zeros in the columns past each output row and past the last one.
    /// </summary>
    public float[] WeightGradient(ConvLayout m, float[] dOut, float[] x)
    {
        var starts = RowStarts();
        int pitch = (int)WindowDots.Pitch(Columns);
        return ConvolutionDriver.SumOverImages(m, m.WeightsPerGroup, BufferLength, (n, group, buffer, dW, accumulate) =>
        {
            Span<float> image = Image(buffer), spread = Products(buffer)[..(m.OutPerGroup * pitch)];
            Fill(x, m.InputOffset(n, group), image);
            Spread(m.Outputs(dOut, n, group), m.OutPerGroup, spread, pitch);
            WindowDots.Multiply(spread, m.OutPerGroup, pitch, image, starts, dW, accumulate); // dW += dOut · columnsᵀ
        });
    }

    /// <summary>
    /// dx = col2im(Wᵀ · dOut) through the windows: dColumns = Wᵀ · dOut over the product's columns, then each row of
    /// dColumns is added back onto the window of the padded image it was read from, and the padding is dropped. The
    /// rows are added in im2col's row order, as col2im adds them (the columns past each output row add 0), so dx is the
    /// same bit for bit, with a few long additions instead of one short one per output row.
    /// </summary>
    public float[] InputGradient(ConvLayout m, float[] dOut, float[] weight)
    {
        var starts = RowStarts();
        var dx = GradientBuffers.Rent(g.Batch * g.Channels * g.Height * g.Width); // every value is written below
        int spreadLength = m.OutPerGroup * Columns, columnsLength = m.Patch * Columns;
        // Wᵀ packed once for all the images, and the rows of the spread dOut read in place.
        var (packed, packedLength) = PackWeights(m, weight, transposed: true);
        var spreadRows = Enumerable.Range(0, m.OutPerGroup).Select(o => o * Columns).ToArray();
        ConvolutionDriver.ForEachImageAndGroup(m, ImageLength + spreadLength + columnsLength, (n, group, buffer) =>
        {
            Span<float> image = buffer[..ImageLength], spread = buffer.Slice(ImageLength, spreadLength), dColumns = buffer.Slice(ImageLength + spreadLength, columnsLength);
            Spread(m.Outputs(dOut, n, group), m.OutPerGroup, spread, Columns);
            Gemm.MultiplyShifted(packed.AsSpan(group * packedLength, packedLength), spread, spreadRows, dColumns,
                m.Patch, m.OutPerGroup, Columns);                                                            // dColumns = Wᵀ · dOut
            image.Clear();
            for (int r = 0; r < starts.Length; r++) image.Slice(starts[r], Columns).Add(dColumns.Slice(r * Columns, Columns)); // col2im
            Transfer(dx, m.InputOffset(n, group), image, intoImage: false);
        });
        return dx;
    }

    // Each group's W (or Wᵀ) packed once for all the images of a call (see Gemm.PackLeft), one group after another in
    // this thread's buffer, which the other threads read while it waits; and the length of one group's.
    private static (ArraySegment<float> Packed, int GroupLength) PackWeights(ConvLayout m, float[] weight, bool transposed)
    {
        var (rows, depth) = transposed ? (m.Patch, m.OutPerGroup) : (m.OutPerGroup, m.Patch);
        int length = Gemm.PackedLeftLength(rows, depth);
        var packed = Scratch.PackedWeights(m.Groups * length);
        for (int group = 0; group < m.Groups; group++)
            Gemm.PackLeft(m.Weights(weight, group), rows, depth, packed.AsSpan(group * length, length), transposed);
        return (packed, length);
    }

    // Where phase (a, b) of channel c starts in the image.
    private int Plane(int c, int a, int b) => ((c * g.StrideHeight + a) * g.StrideWidth + b) * phaseHeight * phaseWidth;
}
