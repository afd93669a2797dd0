using StbImageSharp;

namespace DeepImaging.Data;

/// <summary>Reads PNG, JPEG, BMP, TGA or GIF images from disk into tensors (pure C#, through StbImageSharp).</summary>
public static class ImageLoader
{
    /// <summary>
    /// Loads an image as a tensor [C, H, W] of values 0..1 (byte / 255): C = 1 for grey files, 3 (red, green, blue) for
    /// colour files; any alpha channel is dropped. With <paramref name="greyscale"/> colour is converted to one channel by
    /// ITU-R BT.601 luma, 0.299 R + 0.587 G + 0.114 B (see <see cref="ImageOps.Greyscale"/>).
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not an image StbImageSharp can decode (corrupt, truncated or another format).</exception>
    public static Tensor Load(string path, bool greyscale = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"ImageLoader: file not found: {path}", path);
        byte[] bytes = File.ReadAllBytes(path);
        ImageResult image;
        try
        {
            image = ImageResult.FromMemory(bytes, ColorComponents.Default);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException(
                $"{Path.GetFileName(path)}: cannot decode the image ({e.Message}); expected an intact PNG, JPEG, BMP, TGA or GIF file.", e);
        }
        int stored = (int)image.Comp;
        int channels = stored <= 2 ? 1 : 3; // grey(+alpha) -> 1, RGB(+alpha) -> 3
        int height = image.Height, width = image.Width, plane = height * width;
        var values = new float[channels * plane];
        // Interleaved bytes (R G B [A] R G B [A] ...) become planes (all R, then all G, then all B).
        for (int p = 0; p < plane; p++)
            for (int c = 0; c < channels; c++)
                values[c * plane + p] = image.Data[p * stored + c] / 255f;
        var tensor = new Tensor(values, [channels, height, width]);
        return greyscale && channels == 3 ? ImageOps.Greyscale(tensor) : tensor;
    }
}
