using System.Globalization;
using StbImageSharp;

namespace DeepImaging.Data;

/// <summary>Reads PNG, JPEG, BMP, TGA or GIF images from disk into tensors (pure C#, through StbImageSharp).</summary>
public static class ImageLoader
{
    /// <summary>
    /// The largest image <see cref="Load"/> reads unless told otherwise: 64 megapixels (for example 8000 x 8000), about 770 MB
    /// as a colour tensor. A small damaged or hostile file can declare a huge size (a 389 KB PNG can hold 20000 x 20000 pixels,
    /// 4.8 GB as a tensor), so the size in the header is checked before anything is decoded.
    /// </summary>
    public const long DefaultMaxPixels = 64_000_000;

    /// <summary>
    /// Loads an image as a tensor [C, H, W] of values 0..1 (byte / 255): C = 1 for grey files, 3 (red, green, blue) for
    /// colour files; any alpha channel is dropped. With <paramref name="greyscale"/> colour is converted to one channel by
    /// ITU-R BT.601 luma, 0.299 R + 0.587 G + 0.114 B (see <see cref="ImageOps.Greyscale"/>).
    /// </summary>
    /// <param name="path">The image file.</param>
    /// <param name="greyscale">Convert colour to one grey channel.</param>
    /// <param name="maxPixels">The largest width x height accepted (default <see cref="DefaultMaxPixels"/>); raise it to read a larger image on purpose.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxPixels"/> is below 1.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is not an image StbImageSharp can decode (corrupt or another format), is a truncated PNG, JPEG or BMP,
    /// or is larger than <paramref name="maxPixels"/>; the message names the file and the reason.
    /// </exception>
    public static Tensor Load(string path, bool greyscale = false, long maxPixels = DefaultMaxPixels)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"ImageLoader: file not found: {path}", path);
        string name = Path.GetFileName(path);
        byte[] bytes = File.ReadAllBytes(path);
        ImageFileCheck.CheckComplete(bytes, name);
        CheckSize(bytes, name, maxPixels);
        ImageResult image;
        try
        {
            image = ImageResult.FromMemory(bytes, ColorComponents.Default);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // StbImageSharp sometimes fails with a blank message (a truncated or corrupt PNG stream).
            string reason = string.IsNullOrWhiteSpace(e.Message) ? "the decoder stopped without a reason: the compressed data is damaged" : e.Message.Trim();
            throw new InvalidDataException(
                $"{name}: cannot decode the image ({reason}); expected an intact PNG, JPEG, BMP, TGA or GIF file.", e);
        }
        int stored = (int)image.Comp;
        int channels = stored <= 2 ? 1 : 3; // grey(+alpha) -> 1, RGB(+alpha) -> 3
        int height = image.Height, width = image.Width;
        var values = new float[Shapes.Count([channels, height, width], $"ImageLoader ({name})")];
        int plane = height * width;
        // Interleaved bytes (R G B [A] R G B [A] ...) become planes (all R, then all G, then all B).
        for (int p = 0; p < plane; p++)
            for (int c = 0; c < channels; c++)
                values[c * plane + p] = image.Data[p * stored + c] / 255f;
        var tensor = new Tensor(values, [channels, height, width]);
        return greyscale && channels == 3 ? ImageOps.Greyscale(tensor) : tensor;
    }

    /// <summary>Reads the width and height from the header, without decoding, and refuses images above <paramref name="maxPixels"/>.</summary>
    private static void CheckSize(byte[] bytes, string name, long maxPixels)
    {
        if (maxPixels < 1)
            throw new ArgumentOutOfRangeException(nameof(maxPixels), $"ImageLoader.Load: maxPixels is {maxPixels}; it must be at least 1.");
        ImageInfo? info;
        try
        {
            info = ImageInfo.FromStream(new MemoryStream(bytes));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            info = null; // an unreadable header: the decoder reports it below
        }
        if (info is not { } header) return;
        long pixels = (long)header.Width * header.Height;
        if (pixels > maxPixels)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{name}: the image is {header.Width:N0} x {header.Height:N0} = {pixels:N0} pixels, more than the limit of {maxPixels:N0} " +
                $"(ImageLoader.DefaultMaxPixels is {DefaultMaxPixels:N0}); to read it anyway pass a larger maxPixels, e.g. ImageLoader.Load(path, maxPixels: {pixels}), " +
                $"knowing it takes {pixels * 3 * sizeof(float) / 1e9:F1} GB as a colour tensor."));
    }
}
