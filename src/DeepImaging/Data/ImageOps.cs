namespace DeepImaging.Data;

/// <summary>
/// Image preparation on tensors whose last two dimensions are height and width ([H, W], [C, H, W] or [N, C, H, W]):
/// cropping, resizing, channel picking and patch extraction. Results are new tensors without gradient history.
/// </summary>
public static class ImageOps
{
    /// <summary>Cuts out the window of <paramref name="height"/> x <paramref name="width"/> pixels whose top-left corner is (<paramref name="top"/>, <paramref name="left"/>).</summary>
    /// <exception cref="ArgumentException">The window is empty or reaches outside the image.</exception>
    public static Tensor Crop(Tensor image, int top, int left, int height, int width)
    {
        var (planes, h, w) = Planes(image, "ImageOps.Crop");
        if (height < 1 || width < 1 || top < 0 || left < 0 || top + height > h || left + width > w)
            throw new ArgumentException(
                $"ImageOps.Crop: the window rows {top}..{top + height - 1}, columns {left}..{left + width - 1} does not fit inside the {h} x {w} image {image.ShapeString}; " +
                "top and left must be >= 0, height and width >= 1, top + height <= H and left + width <= W.");
        var source = image.AsSpan();
        var result = new float[planes * height * width];
        for (int p = 0; p < planes; p++)
            for (int y = 0; y < height; y++)
                source.Slice(p * h * w + (top + y) * w + left, width).CopyTo(result.AsSpan(p * height * width + y * width, width));
        return new Tensor(result, OutputShape(image, height, width));
    }

    /// <summary>
    /// Resizes to <paramref name="height"/> x <paramref name="width"/> by bilinear interpolation with half-pixel centres
    /// (PyTorch's <c>interpolate(mode="bilinear", align_corners=False)</c>, without antialiasing).
    /// </summary>
    /// <exception cref="ArgumentException">A target size is below 1.</exception>
    public static Tensor Resize(Tensor image, int height, int width)
    {
        var (planes, h, w) = Planes(image, "ImageOps.Resize");
        if (height < 1 || width < 1)
            throw new ArgumentException($"ImageOps.Resize: the target size {height} x {width} must be at least 1 x 1.");
        var outShape = OutputShape(image, height, width);
        var result = new float[Shapes.Count(outShape, "ImageOps.Resize")]; // checked first: a huge target must not wrap around
        var (y0, y1, wy) = Taps(h, height);
        var (x0, x1, wx) = Taps(w, width);
        var source = image.AsSpan();
        for (int p = 0; p < planes; p++)
        {
            int b = p * h * w, o = p * height * width;
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                {
                    float top = source[b + y0[y] * w + x0[x]] * (1 - wx[x]) + source[b + y0[y] * w + x1[x]] * wx[x];
                    float bottom = source[b + y1[y] * w + x0[x]] * (1 - wx[x]) + source[b + y1[y] * w + x1[x]] * wx[x];
                    result[o + y * width + x] = top * (1 - wy[y]) + bottom * wy[y];
                }
        }
        return new Tensor(result, outShape);
    }

    /// <summary>
    /// For each output index along one axis: the two source indices to blend and the weight of the second.
    /// Output pixel i has its centre at source coordinate (i + 0.5) · in / out - 0.5, clamped at 0 like PyTorch.
    /// </summary>
    private static (int[] Lower, int[] Upper, float[] Weight) Taps(int inSize, int outSize)
    {
        var lower = new int[outSize];
        var upper = new int[outSize];
        var weight = new float[outSize];
        float scale = (float)inSize / outSize;
        for (int i = 0; i < outSize; i++)
        {
            float source = Math.Max((i + 0.5f) * scale - 0.5f, 0f);
            lower[i] = Math.Min((int)source, inSize - 1);
            upper[i] = Math.Min(lower[i] + 1, inSize - 1);
            weight[i] = source - lower[i];
        }
        return (lower, upper, weight);
    }

    /// <summary>
    /// Cuts a [C, H, W] image into square patches of <paramref name="size"/> pixels taken every <paramref name="stride"/>
    /// pixels, row by row: the result is [P, C, size, size] with P = rows x columns of positions, where
    /// rows = floor((H - size) / stride) + 1 (the convolution output-size formula). Pixels left over at the right or bottom are not used.
    /// </summary>
    /// <exception cref="ArgumentException">The image is not [C, H, W], the patch is bigger than the image, or size or stride is below 1.</exception>
    public static Tensor ExtractPatches(Tensor image, int size, int stride)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Rank != 3)
            throw new ArgumentException($"ImageOps.ExtractPatches: expected an image [C, H, W] but got {image.ShapeString}.", nameof(image));
        int c = image.Size(0), h = image.Size(1), w = image.Size(2);
        if (size < 1 || stride < 1 || size > h || size > w)
            throw new ArgumentException(
                $"ImageOps.ExtractPatches: patch size {size} with stride {stride} does not work on the {h} x {w} image {image.ShapeString}; need 1 <= size <= min(H, W) and stride >= 1.");
        int rows = (h - size) / stride + 1, columns = (w - size) / stride + 1;
        int patches = Shapes.Dimension((long)rows * columns, "ImageOps.ExtractPatches", $"the number of patches ({rows} x {columns})", "use a larger stride");
        int[] outShape = [patches, c, size, size];
        var source = image.AsSpan();
        var result = new float[Shapes.Count(outShape, "ImageOps.ExtractPatches")];
        int o = 0;
        for (int py = 0; py < rows; py++)
            for (int px = 0; px < columns; px++)
                for (int ch = 0; ch < c; ch++)
                    for (int y = 0; y < size; y++, o += size)
                        source.Slice(ch * h * w + (py * stride + y) * w + px * stride, size).CopyTo(result.AsSpan(o, size));
        return new Tensor(result, outShape);
    }

    /// <summary>
    /// Colour [3, H, W] (or [N, 3, H, W]) to grey [1, H, W] by ITU-R BT.601 luma, 0.299 R + 0.587 G + 0.114 B
    /// (the weights PIL's <c>convert("L")</c> uses). A one-channel image is returned unchanged.
    /// </summary>
    /// <exception cref="ArgumentException">The image does not have 1 or 3 channels in dimension -3.</exception>
    public static Tensor Greyscale(Tensor image)
    {
        int channels = ChannelCount(image, "ImageOps.Greyscale");
        if (channels == 1) return image;
        var (planes, h, w) = Planes(image, "ImageOps.Greyscale");
        var source = image.AsSpan();
        int plane = h * w, images = planes / 3;
        var result = new float[images * plane];
        for (int n = 0; n < images; n++)
            for (int p = 0; p < plane; p++)
            {
                int b = n * 3 * plane + p;
                result[n * plane + p] = 0.299f * source[b] + 0.587f * source[b + plane] + 0.114f * source[b + 2 * plane];
            }
        var shape = image.Shape;
        shape[^3] = 1;
        return new Tensor(result, shape);
    }

    /// <summary>
    /// The green channel of a colour [3, H, W] (or [N, 3, H, W]) image as [1, H, W]: in fundus photographs it shows
    /// vessels and microaneurysms with the most contrast.
    /// </summary>
    /// <exception cref="ArgumentException">The image does not have 3 channels in dimension -3.</exception>
    public static Tensor Green(Tensor image)
    {
        if (ChannelCount(image, "ImageOps.Green") != 3)
            throw new ArgumentException($"ImageOps.Green: expected a colour image with 3 channels [3, H, W] but got {image.ShapeString}.", nameof(image));
        var (planes, h, w) = Planes(image, "ImageOps.Green");
        var source = image.AsSpan();
        int plane = h * w;
        var result = new float[planes / 3 * plane];
        for (int n = 0; n < planes / 3; n++)
            source.Slice((3 * n + 1) * plane, plane).CopyTo(result.AsSpan(n * plane, plane));
        var shape = image.Shape;
        shape[^3] = 1;
        return new Tensor(result, shape);
    }

    private static int ChannelCount(Tensor image, string operation)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Rank < 3 || (image.Size(-3) != 1 && image.Size(-3) != 3))
            throw new ArgumentException($"{operation}: expected an image [C, H, W] or [N, C, H, W] with C = 1 or 3 but got {image.ShapeString}.", nameof(image));
        return image.Size(-3);
    }

    /// <summary>Views the image as a stack of H x W planes: (number of planes, H, W).</summary>
    private static (int Planes, int Height, int Width) Planes(Tensor image, string operation)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Rank < 2 || image.Rank > 4)
            throw new ArgumentException($"{operation}: expected an image [H, W], [C, H, W] or [N, C, H, W] but got {image.ShapeString}.", nameof(image));
        int h = image.Size(-2), w = image.Size(-1);
        if (h == 0 || w == 0)
            throw new ArgumentException($"{operation}: the image {image.ShapeString} has no pixels.", nameof(image));
        return (image.Count / (h * w), h, w);
    }

    private static int[] OutputShape(Tensor image, int height, int width)
    {
        var shape = image.Shape;
        (shape[^2], shape[^1]) = (height, width);
        return shape;
    }
}
