using System.Globalization;
using System.IO.Compression;

namespace DeepImaging.Data;

/// <summary>
/// Reads comma-separated (or other single-character-separated) text files of numbers into tensors.
/// Deliberately simple: no quoted fields, one record per line, blank lines ignored; files ending in
/// <c>.gz</c> are decompressed on the fly.
/// </summary>
public static class Csv
{
    /// <summary>
    /// Loads a file whose cells are all numbers into a <see cref="CsvTable"/> ([rows, columns] tensor plus column names).
    /// Without a header the columns are named "0", "1", ... like pandas.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">A cell is not a number, a row has the wrong number of cells, or there are no rows.</exception>
    public static CsvTable Load(string path, bool hasHeader = true, char separator = ',')
    {
        var (header, rows) = ReadCells(path, hasHeader, separator);
        if (rows.Count == 0)
            throw new InvalidDataException($"{Path.GetFileName(path)}: the file has no data rows.");
        int columns = rows[0].Cells.Length;
        if (header != null && header.Length != columns)
            throw new InvalidDataException(
                $"{Path.GetFileName(path)}: the header names {header.Length} columns but line {rows[0].Line} has {columns} cells; every row needs one cell per column.");
        var values = new float[rows.Count * columns];
        for (int r = 0; r < rows.Count; r++)
            for (int c = 0; c < columns; c++)
                values[r * columns + c] = ParseNumber(path, rows[r], c, header?[c]);
        var names = header ?? Enumerable.Range(0, columns).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        return new CsvTable(names, new Tensor(values, [rows.Count, columns]));
    }

    /// <summary>One record of a file: its 1-based line number (for error messages) and its cells.</summary>
    internal readonly record struct Row(int Line, string[] Cells);

    /// <summary>
    /// Splits a file into trimmed cells and checks that every data row has as many cells as the first one
    /// (the header is returned as it is: some formats put other things there). Shared by <see cref="Load"/> and the dataset loaders that have text columns.
    /// </summary>
    internal static (string[]? Header, List<Row> Rows) ReadCells(string path, bool hasHeader, char separator)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Csv: file not found: {path}", path);
        string name = Path.GetFileName(path);
        string[]? header = null;
        var rows = new List<Row>();
        int expected = -1, expectedFrom = 0;
        using var reader = OpenText(path);
        int lineNumber = 0;
        for (string? line = reader.ReadLine(); line != null; line = reader.ReadLine())
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var cells = line.Split(separator).Select(c => c.Trim()).ToArray();
            if (hasHeader && header == null)
            {
                header = cells;
                continue;
            }
            if (expected < 0)
            {
                expected = cells.Length;
                expectedFrom = lineNumber;
            }
            else if (cells.Length != expected)
                throw new InvalidDataException(
                    $"{name}, line {lineNumber}: {cells.Length} cells but line {expectedFrom} has {expected}; every row needs the same number of '{separator}'-separated cells.");
            rows.Add(new Row(lineNumber, cells));
        }
        if (hasHeader && header == null)
            throw new InvalidDataException($"{name}: the file is empty; expected a header line.");
        return (header, rows);
    }

    /// <summary>Parses cell <paramref name="column"/> of a row as an invariant-culture number, or explains which cell is wrong.</summary>
    internal static float ParseNumber(string path, Row row, int column, string? columnName = null)
    {
        string cell = row.Cells[column];
        if (float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) && float.IsFinite(value))
            return value;
        string named = columnName == null ? "" : $" ('{columnName}')";
        string what = cell.Length == 0 ? "is empty" : $"'{cell}' is not a finite number";
        throw new InvalidDataException(
            $"{Path.GetFileName(path)}, line {row.Line}, column {column + 1}{named}: {what}; expected a number such as 0.5 or -3e2.");
    }

    private static StreamReader OpenText(string path)
    {
        Stream stream = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            stream = new GZipStream(stream, CompressionMode.Decompress);
        return new StreamReader(stream);
    }
}
