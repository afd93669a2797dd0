using System.Globalization;

namespace DeepImaging.Data;

/// <summary>Loaders for the course's real data sets in <c>datasets/</c> (see datasets/README.md for provenance). Nothing is downloaded.</summary>
public static partial class Datasets
{
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
        string name = Path.GetFileName(path);
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
        string name = Path.GetFileName(path);
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
        string name = Path.GetFileName(path);
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
