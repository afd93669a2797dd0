using System.Globalization;
using IOPath = System.IO.Path;

namespace DeepImaging.Data;

/// <summary>
/// The course's real data sets (see datasets/README.md for provenance and licences). They travel with the library:
/// load them by name wherever a notebook is (<see cref="Path"/>, <see cref="LoadRetina"/>, ...); the loaders that take a
/// path read a user's own files in the same formats. Nothing is downloaded.
/// </summary>
public static partial class Datasets
{
    /// <summary>The folder name the data sets are shipped under, beside the assembly or at the package root.</summary>
    private const string FolderName = "datasets";

    private static readonly Lazy<string?> ShippedFolder = new(() => FindFolder(AssemblyFolder()));

    /// <summary>
    /// The full path of a shipped data file, found relative to this library wherever it was loaded from: a build's
    /// output folder (the files are copied there) or a restored NuGet package (they sit at its root).
    /// </summary>
    /// <param name="name">A file name from <see cref="Names"/>, for example <c>"retina.jpg"</c>.</param>
    /// <exception cref="ArgumentException">The name is empty or has a folder in it.</exception>
    /// <exception cref="FileNotFoundException">No shipped file has that name (the message lists those that exist), or the data sets are missing.</exception>
    public static string Path(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name != IOPath.GetFileName(name) || name is "." or "..")
            throw new ArgumentException($"Datasets.Path takes the name of a shipped file, such as \"retina.jpg\", not '{name}'.", nameof(name));
        string folder = ShippedFolder.Value ?? throw MissingFolder();
        string path = IOPath.Combine(folder, name);
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"Datasets.Path: no shipped data set is named '{name}'; the shipped files are {string.Join(", ", Names)}. " +
                "To read a file of your own, pass its path to the loader (ImageLoader.Load, DicomImage.Load, Datasets.LoadBreastCancer(path), ...).",
                path);
        return path;
    }

    /// <summary>The names of the shipped data files (data and their documentation), sorted.</summary>
    /// <exception cref="FileNotFoundException">The data sets are missing beside the library.</exception>
    public static IReadOnlyList<string> Names =>
        Directory.GetFiles(ShippedFolder.Value ?? throw MissingFolder()).Select(IOPath.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    /// <summary>The shipped Breast Cancer Wisconsin (Diagnostic) data (<c>breast_cancer.csv</c>, see <see cref="LoadBreastCancer(string)"/>).</summary>
    public static BreastCancerData LoadBreastCancer() => LoadBreastCancer(Path("breast_cancer.csv"));

    /// <summary>The shipped 1,797 handwritten digits (<c>digits.csv.gz</c>, see <see cref="LoadDigits(string)"/>).</summary>
    public static DigitsData LoadDigits() => LoadDigits(Path("digits.csv.gz"));

    /// <summary>The course notes' screening table of five people (<c>height_weight.csv</c>, see <see cref="LoadScreeningTable(string)"/>).</summary>
    public static ScreeningTable LoadScreeningTable() => LoadScreeningTable(Path("height_weight.csv"));

    /// <summary>The fundus photograph of a normal left eye (<c>retina.jpg</c>): [3, 1411, 1411] RGB, or [1, 1411, 1411] with <paramref name="greyscale"/>; values 0..1.</summary>
    public static Tensor LoadRetina(bool greyscale = false) => ImageLoader.Load(Path("retina.jpg"), greyscale);

    /// <summary>The grey crop of a diabetic-retinopathy fundus image with microaneurysms (<c>microaneurysms.png</c>): [1, 102, 102], values 0..1.</summary>
    public static Tensor LoadMicroaneurysms() => ImageLoader.Load(Path("microaneurysms.png"), greyscale: true);

    /// <summary>The Shepp–Logan head phantom (<c>phantom.png</c>): [1, 400, 400], values 0..1.</summary>
    public static Tensor LoadPhantom() => ImageLoader.Load(Path("phantom.png"), greyscale: true);

    /// <summary>One CT slice, 128 x 128, 16-bit DICOM with a rescale slope and intercept (<c>CT_small.dcm</c>).</summary>
    public static DicomImage LoadCtSlice() => DicomImage.Load(Path("CT_small.dcm"));

    /// <summary>
    /// The shipped data folder for an assembly in <paramref name="assemblyFolder"/>: <c>datasets/</c> beside it (a
    /// build's output) or at the root of the NuGet package it came from (<c>lib/&lt;framework&gt;/</c> is two levels
    /// down); null when neither exists.
    /// </summary>
    internal static string? FindFolder(string assemblyFolder)
    {
        string[] candidates =
        [
            IOPath.Combine(assemblyFolder, FolderName),
            IOPath.GetFullPath(IOPath.Combine(assemblyFolder, "..", "..", FolderName)),
        ];
        return candidates.FirstOrDefault(Directory.Exists);
    }

    private static string AssemblyFolder()
    {
        // Location is empty for an assembly loaded from bytes; the application's folder is the next best guess.
        string location = typeof(Datasets).Assembly.Location;
        return location.Length > 0 ? IOPath.GetDirectoryName(location)! : AppContext.BaseDirectory;
    }

    private static FileNotFoundException MissingFolder() => new(
        $"The course data sets were not found beside the DeepImaging library in {AssemblyFolder()} (expected a '{FolderName}' " +
        "folder there or at the root of its NuGet package). Reinstall the package (deepimaging install) or rebuild the repository.");

    /// <summary>The 30 feature names in file order, as scikit-learn names them (mean, standard error, worst of ten nucleus measurements).</summary>
    public static IReadOnlyList<string> BreastCancerFeatureNames { get; } =
        new[] { "mean", "error", "worst" }.SelectMany(kind => new[]
        {
            "radius", "texture", "perimeter", "area", "smoothness",
            "compactness", "concavity", "concave points", "symmetry", "fractal dimension",
        }.Select(m => kind == "error" ? $"{m} error" : $"{kind} {m}")).ToArray();

    /// <summary>
    /// Breast Cancer Wisconsin (Diagnostic) in scikit-learn's layout: a first line <c>569,30,malignant,benign</c>
    /// (samples, features, class names), then 30 features and the label (0 = malignant, 1 = benign) per line.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The first line, a cell, a label or the row count does not match that layout.</exception>
    public static BreastCancerData LoadBreastCancer(string path)
    {
        var (header, rows) = Csv.ReadCells(path, hasHeader: true, separator: ',');
        string name = IOPath.GetFileName(path);
        if (header!.Length != 4 || !int.TryParse(header[0], CultureInfo.InvariantCulture, out int samples)
            || !int.TryParse(header[1], CultureInfo.InvariantCulture, out int featureCount)
            || featureCount != BreastCancerFeatureNames.Count)
            throw new InvalidDataException(
                $"{name}, line 1: expected the scikit-learn header '569,30,malignant,benign' (samples, 30 features, two class names) but found '{string.Join(",", header)}'.");
        if (rows.Count != samples)
            throw new InvalidDataException($"{name}: the header announces {samples} samples but the file has {rows.Count} data rows.");
        string[] classNames = header[2..];
        var (features, labels) = FeaturesAndLabels(path, rows, featureCount, classNames.Length, v => v);
        return new BreastCancerData(features, labels, [.. BreastCancerFeatureNames], classNames);
    }

    /// <summary>
    /// The 1,797 handwritten digits (scikit-learn's digits.csv.gz: 64 pixel values 0..16 then the label 0..9 per line,
    /// no header) as images [N, 1, 8, 8] scaled to 0..1 (value / 16) and labels [N].
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">A row does not have 65 cells, a pixel is outside 0..16, or a label is outside 0..9.</exception>
    public static DigitsData LoadDigits(string path)
    {
        const int pixels = 64, maxValue = 16;
        var (_, rows) = Csv.ReadCells(path, hasHeader: false, separator: ',');
        var (images, labels) = FeaturesAndLabels(path, rows, pixels, 10, v => v / maxValue, maxValue);
        return new DigitsData(images.Reshape(rows.Count, 1, 8, 8), labels);
    }

    /// <summary>
    /// The course notes' screening table (columns person,height,weight,gender; gender M, F, or empty for an unknown person).
    /// Heights and weights are already min-max normalised in the notes.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The header, a number or a gender is not as described.</exception>
    public static ScreeningTable LoadScreeningTable(string path)
    {
        var (header, rows) = Csv.ReadCells(path, hasHeader: true, separator: ',');
        string name = IOPath.GetFileName(path);
        string[] expected = ["person", "height", "weight", "gender"];
        if (!header!.Select(h => h.ToLowerInvariant()).SequenceEqual(expected))
            throw new InvalidDataException($"{name}, line 1: expected the header '{string.Join(",", expected)}' but found '{string.Join(",", header!)}'.");
        if (rows.Count == 0)
            throw new InvalidDataException($"{name}: the table has no people.");
        var people = new string[rows.Count];
        var features = new float[rows.Count * 2];
        var genders = new string?[rows.Count];
        for (int r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            people[r] = row.Cells[0];
            features[2 * r] = Csv.ParseNumber(path, row, 1, "height");
            features[2 * r + 1] = Csv.ParseNumber(path, row, 2, "weight");
            string g = row.Cells[3].ToUpperInvariant();
            if (g is not ("M" or "F" or ""))
                throw new InvalidDataException($"{name}, line {row.Line}, column 4 ('gender'): '{row.Cells[3]}' is not M, F or empty (unknown).");
            genders[r] = g.Length == 0 ? null : g;
        }
        return new ScreeningTable(people, new Tensor(features, [rows.Count, 2]), ["height", "weight"], genders);
    }

    /// <summary>
    /// Splits rows of <paramref name="featureCount"/> numbers plus one integer label into a [N, featureCount] tensor
    /// (each value passed through <paramref name="scale"/>) and a [N] label tensor, checking every label is 0..classes-1.
    /// </summary>
    private static (Tensor Features, Tensor Labels) FeaturesAndLabels(
        string path, List<Csv.Row> rows, int featureCount, int classes, Func<float, float> scale, float? maxFeature = null)
    {
        string name = IOPath.GetFileName(path);
        if (rows.Count == 0)
            throw new InvalidDataException($"{name}: the file has no data rows.");
        if (rows[0].Cells.Length != featureCount + 1)
            throw new InvalidDataException(
                $"{name}, line {rows[0].Line}: {rows[0].Cells.Length} cells; expected {featureCount} features and a label ({featureCount + 1} cells).");
        var features = new float[rows.Count * featureCount];
        var labels = new float[rows.Count];
        for (int r = 0; r < rows.Count; r++)
        {
            for (int c = 0; c < featureCount; c++)
            {
                float v = Csv.ParseNumber(path, rows[r], c);
                if (maxFeature is float max && (v < 0 || v > max))
                    throw new InvalidDataException($"{name}, line {rows[r].Line}, column {c + 1}: value {v} is outside 0..{max}.");
                features[r * featureCount + c] = scale(v);
            }
            float label = Csv.ParseNumber(path, rows[r], featureCount, "label");
            if (label != MathF.Floor(label) || label < 0 || label >= classes)
                throw new InvalidDataException(
                    $"{name}, line {rows[r].Line}, column {featureCount + 1} (label): {label} is not a class index 0..{classes - 1}.");
            labels[r] = label;
        }
        return (new Tensor(features, [rows.Count, featureCount]), new Tensor(labels, [rows.Count]));
    }
}
