using System.IO.Compression;

namespace DeepImaging.Data;

/// <summary>
/// Reads MedMNIST's .npz files (Yang et al. 2023, https://medmnist.com): PneumoniaMNIST, BreastMNIST, RetinaMNIST,
/// DermaMNIST, BloodMNIST, PathMNIST, ChestMNIST, OrganA/C/SMNIST, OCTMNIST, TissueMNIST. An .npz file is a zip of numpy
/// .npy arrays; MedMNIST's hold train_images, train_labels, val_images, val_labels, test_images and test_labels, with
/// uint8 images (N, H, W) for grey data sets and (N, H, W, 3) for colour ones, and labels (N, 1), or (N, 14) for
/// the multi-label ChestMNIST. The files are not shipped with the course (their licences vary, mostly CC BY 4.0):
/// download e.g. pneumoniamnist.npz from https://zenodo.org/records/10519652 or with the medmnist Python package.
/// </summary>
public static class MedMnist
{
    private static readonly string[] Splits = ["train", "val", "test"];

    /// <summary>
    /// Loads the three parts of a MedMNIST .npz file: images become [N, C, H, W] float tensors in 0..1 (pixel / 255),
    /// labels [N] class indices (or [N, L] of 0/1 for a multi-label data set). The 3-D data sets (OrganMNIST3D and the
    /// other volumes) are refused: their images are not 2-D.
    /// </summary>
    /// <param name="path">The .npz file, e.g. "pneumoniamnist.npz".</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is not a zip, an array is missing, cannot be read (see <see cref="Npy"/>) or has the wrong type or shape,
    /// the parts disagree on the image size, or a label is not a class index.
    /// </exception>
    public static MedMnistData Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string file = Path.GetFileName(path);
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"MedMnist.Load: {path} does not exist. MedMNIST files are downloaded separately, e.g. pneumoniamnist.npz from https://zenodo.org/records/10519652.", path);
        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{file}: not an .npz file (an .npz is a zip of .npy arrays, as numpy.savez writes): {e.Message}", e);
        }
        using (zip)
        {
            var entries = zip.Entries.Where(e => e.FullName.EndsWith(".npy", StringComparison.Ordinal))
                .ToDictionary(e => e.FullName[..^4], StringComparer.Ordinal);
            var missing = Splits.SelectMany(s => new[] { $"{s}_images", $"{s}_labels" }).Where(k => !entries.ContainsKey(k)).ToList();
            if (missing.Count > 0)
                throw new InvalidDataException(
                    $"{file}: missing {string.Join(", ", missing)}; a MedMNIST file holds train_images, train_labels, val_images, val_labels, test_images and test_labels " +
                    $"(this one holds {(entries.Count == 0 ? "no arrays" : string.Join(", ", entries.Keys.Order()))}).");

            NpyArray Read(string key)
            {
                var entry = entries[key];
                using var stream = entry.Open();
                return Npy.Read(stream, $"{file}: {entry.FullName}", entry.Length);
            }

            var parts = Splits.Select(s => Split(file, s, Read($"{s}_images"), Read($"{s}_labels"))).ToArray();
            var first = parts[0];
            foreach (var (part, name) in parts.Zip(Splits).Skip(1))
            {
                if (!part.Images.Shape[1..].SequenceEqual(first.Images.Shape[1..]) || part.Labels.Rank != first.Labels.Rank
                    || (part.Labels.Rank == 2 && part.Labels.Size(1) != first.Labels.Size(1)))
                    throw new InvalidDataException(
                        $"{file}: {name} has images {part.Images.ShapeString} and labels {part.Labels.ShapeString} but train has {first.Images.ShapeString} and {first.Labels.ShapeString}; all parts need the same image and label sizes.");
            }
            int classes = first.Labels.Rank == 2
                ? first.Labels.Size(1)
                : (int)parts.SelectMany(p => p.Labels.ToArray()).DefaultIfEmpty(0).Max() + 1;
            return new MedMnistData(Path.GetFileNameWithoutExtension(path), parts[0], parts[1], parts[2], classes);
        }
    }

    /// <summary>Checks one part's arrays and converts them: images (N, H, W[, C]) uint8 to [N, C, H, W] / 255, labels (N[, L]).</summary>
    private static MedMnistSplit Split(string file, string split, NpyArray images, NpyArray labels)
    {
        string imagesName = $"{file}: {split}_images.npy", labelsName = $"{file}: {split}_labels.npy";
        if (images.Descr[1..] != "u1")
            throw new InvalidDataException($"{imagesName}: images must be uint8 (0..255) as in MedMNIST, but the array's dtype is '{images.Descr}'.");
        var s = images.Shape;
        bool grey = s.Length == 3, colour = s.Length == 4 && s[3] is 1 or 3;
        if (s.Length == 4 && !colour)
            throw new InvalidDataException(
                $"{imagesName}: shape ({string.Join(", ", s)}) is a stack of 3-D volumes (N, D, H, W), as in OrganMNIST3D and the other 3-D data sets; this loader reads the 2-D data sets, (N, H, W) or (N, H, W, 3).");
        if (!grey && !colour)
            throw new InvalidDataException($"{imagesName}: shape ({string.Join(", ", s)}) is not a stack of images; expected (N, H, W) or (N, H, W, 3).");
        int n = s[0], h = s[1], w = s[2], c = grey ? 1 : s[3];
        var pixels = new float[images.Values.Length];
        // Channels move from last (numpy's N, H, W, C) to second (PyTorch's N, C, H, W).
        for (int i = 0; i < n; i++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                    for (int ch = 0; ch < c; ch++)
                        pixels[((i * c + ch) * h + y) * w + x] = images.Values[((i * h + y) * w + x) * c + ch] / 255f;

        var l = labels.Shape;
        if (l.Length is not (1 or 2) || l[0] != n || (l.Length == 2 && l[1] < 1))
            throw new InvalidDataException(
                $"{labelsName}: shape ({string.Join(", ", l)}) does not give labels for the {n} images; expected ({n}, 1), ({n},) or ({n}, L) for L labels per image.");
        bool multiLabel = l.Length == 2 && l[1] > 1;
        for (int i = 0; i < labels.Values.Length; i++)
        {
            float v = labels.Values[i];
            if (v < 0 || v != MathF.Floor(v) || (multiLabel && v > 1))
                throw new InvalidDataException(
                    $"{labelsName}: label {v} (value {i}) is not {(multiLabel ? "0 or 1, as a multi-label file holds" : "a class index 0, 1, 2, ...")}.");
        }
        var labelTensor = multiLabel ? Tensor.From(labels.Values, n, l[1]) : Tensor.From(labels.Values, n);
        return new MedMnistSplit(Tensor.From(pixels, n, c, h, w), labelTensor);
    }
}
