namespace DeepImaging.Data;

/// <summary>
/// A labelled screening set made from a real fundus photograph: small patches cut at random places
/// inside the eye, half of them with a SYNTHETIC lesion painted in — a small dark round spot like a
/// microaneurysm (a Gaussian dip of random radius and contrast). The backgrounds are real; the lesions
/// are generated, reproducibly from the seed, because no labelled lesion masks ship with the data.
/// </summary>
public static class LesionPatches
{
    /// <summary>
    /// Cuts <paramref name="count"/> patches of <paramref name="size"/> x <paramref name="size"/> pixels from
    /// <paramref name="background"/> ([H, W] or [1, H, W], values 0..1) and paints a lesion into every second one.
    /// Returns images [count, 1, size, size] (each patch centred on its mean) and labels [count] (1 = lesion, 0 = healthy).
    /// </summary>
    public static (Tensor Images, Tensor Labels) Generate(Tensor background, int count, int size = 16, int seed = 0, float minContrast = 0.08f, float maxContrast = 0.2f)
    {
        var set = GenerateWithLesions(background, count, size, seed, minContrast, maxContrast);
        return (set.Images, set.Labels);
    }

    /// <summary>
    /// The same patches as <see cref="Generate"/> with the same arguments, together with where each lesion was painted
    /// (<see cref="LesionPatchSet.Lesions"/>) and the pixels it covers (<see cref="LesionPatchSet.Masks"/>): the truth
    /// that an attribution map can be scored against.
    /// </summary>
    public static LesionPatchSet GenerateWithLesions(Tensor background, int count, int size = 16, int seed = 0, float minContrast = 0.08f, float maxContrast = 0.2f)
    {
        ArgumentNullException.ThrowIfNull(background);
        var plane = background.Rank == 3 && background.Size(0) == 1 ? background.Squeeze(0) : background;
        if (plane.Rank != 2)
            throw new ArgumentException($"LesionPatches: the background must be a grey image [H, W] or [1, H, W]; got shape {background.ShapeString}.", nameof(background));
        int height = plane.Size(0), width = plane.Size(1);
        if (size < 5 || size > Math.Min(height, width))
            throw new ArgumentException($"LesionPatches: patch size {size} must be between 5 and the image's smaller side ({Math.Min(height, width)}).", nameof(size));
        if (count < 1)
            throw new ArgumentException($"LesionPatches: count must be >= 1, got {count}.", nameof(count));
        if (!(minContrast > 0 && minContrast <= maxContrast))
            throw new ArgumentException($"LesionPatches: contrasts must satisfy 0 < minContrast <= maxContrast; got {minContrast} and {maxContrast}.");

        var random = new Generator((ulong)seed);
        var pixels = plane.AsSpan().ToArray();
        var images = new float[Shapes.Count([count, 1, size, size], "LesionPatches")];
        var labels = new float[count];
        var masks = new float[images.Length];
        var lesions = new Lesion?[count];
        for (int n = 0; n < count; n++)
        {
            var patch = images.AsSpan(n * size * size, size * size);
            CutInsideTheEye(pixels, height, width, size, random, patch);
            if (n % 2 == 1)
            {
                labels[n] = 1;
                var lesion = PaintLesion(patch, size, random, minContrast, maxContrast);
                lesions[n] = lesion;
                for (int i = 0; i < size; i++)
                    for (int j = 0; j < size; j++)
                        if (lesion.Covers(i, j)) masks[(n * size + i) * size + j] = 1;
            }
            float mean = 0;
            foreach (float v in patch) mean += v;
            mean /= patch.Length;
            for (int i = 0; i < patch.Length; i++) patch[i] -= mean;
        }
        return new LesionPatchSet(Tensor.From(images, count, 1, size, size), Tensor.From(labels, count), Tensor.From(masks, count, size, size), lesions);
    }

    // The black surround of a fundus photograph carries no information: only keep patches that are bright enough.
    private static void CutInsideTheEye(float[] pixels, int height, int width, int size, Generator random, Span<float> patch)
    {
        for (int attempt = 0; ; attempt++)
        {
            int top = random.NextInt(height - size + 1), left = random.NextInt(width - size + 1);
            float darkest = float.MaxValue;
            for (int i = 0; i < size; i++)
                for (int j = 0; j < size; j++)
                {
                    float v = pixels[(top + i) * width + left + j];
                    patch[i * size + j] = v;
                    darkest = Math.Min(darkest, v);
                }
            if (darkest > 0.08f) return;
            if (attempt > 10_000)
                throw new ArgumentException("LesionPatches: the background is almost black everywhere; give the green channel of a fundus photograph.");
        }
    }

    private static Lesion PaintLesion(Span<float> patch, int size, Generator random, float minContrast, float maxContrast)
    {
        double radius = 0.8 + 1.2 * random.NextDouble();
        double contrast = minContrast + (maxContrast - minContrast) * random.NextDouble();
        double ci = 2 + random.NextDouble() * (size - 5), cj = 2 + random.NextDouble() * (size - 5);
        for (int i = 0; i < size; i++)
            for (int j = 0; j < size; j++)
            {
                double d2 = (i - ci) * (i - ci) + (j - cj) * (j - cj);
                patch[i * size + j] -= (float)(contrast * Math.Exp(-d2 / (2 * radius * radius)));
            }
        return new Lesion(ci, cj, radius, contrast);
    }
}
