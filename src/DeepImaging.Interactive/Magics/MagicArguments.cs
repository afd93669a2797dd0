using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.CSharp;

namespace DeepImaging.Interactive.Magics;

/// <summary>Reads and validates the values given to magic commands; every error names the magic, the parameter and what is valid.</summary>
internal static partial class MagicArguments
{
    /// <summary>The value as the student typed it: <c>256</c>, <c>same</c> and <c>"0 1; 2 3"</c> (without quotes); null when absent.</summary>
    public static string? Text(JsonElement? value) => value switch
    {
        null => null,
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { } v => v.GetRawText(),
    };

    /// <summary>A whole number of at least <paramref name="minimum"/>, or <paramref name="fallback"/> when the parameter is absent.</summary>
    public static int Integer(string magic, string parameter, JsonElement? value, int? fallback, int minimum = 1)
    {
        string? text = Text(value);
        if (text is null)
            return fallback ?? throw new ArgumentException($"{magic}: {parameter} is required (a whole number >= {minimum}); see {magic} -h.");
        return Integer(magic, parameter, text, minimum);
    }

    /// <summary>Parses <paramref name="text"/> as a whole number of at least <paramref name="minimum"/>.</summary>
    public static int Integer(string magic, string parameter, string text, int minimum = 1)
    {
        if (!int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int number))
            throw new ArgumentException($"{magic}: {parameter} must be a whole number >= {minimum}, got '{text}'.");
        if (number < minimum)
            throw new ArgumentException($"{magic}: {parameter} must be >= {minimum}, got {number}.");
        return number;
    }

    /// <summary>
    /// The words of a directive line as the kernel splits them: separated by white space, except that a quoted value
    /// (<c>"0 1; 2 3"</c>, quotes kept) and a bracketed JSON value (<c>[[0, 1], [2, 3]]</c>) stay one word.
    /// </summary>
    public static List<string> Words(string line)
    {
        var words = new List<string>();
        int i = 0;
        while (i < line.Length)
        {
            if (char.IsWhiteSpace(line[i]))
            {
                i++;
                continue;
            }
            int start = i, depth = 0;
            if (line[i] == '"')
                i = AfterQuoted(line, i);
            else
                while (i < line.Length && (depth > 0 || !char.IsWhiteSpace(line[i])))
                {
                    if (line[i] == '"')
                    {
                        i = AfterQuoted(line, i);
                        continue;
                    }
                    if (line[i] is '[' or '{') depth++;
                    else if (line[i] is ']' or '}') depth--;
                    i++;
                }
            words.Add(line[start..i]);
        }
        return words;
    }

    /// <summary>The position after the closing quote of the string opened at <paramref name="open"/> (or the end of the line).</summary>
    private static int AfterQuoted(string line, int open)
    {
        int i = open + 1;
        while (i < line.Length && line[i] != '"') i += line[i] == '\\' ? 2 : 1;
        return Math.Min(i + 1, line.Length);
    }

    /// <summary>Layer sizes such as <c>2 4 1</c>: at least two whole numbers >= 1 (inputs, ..., outputs).</summary>
    public static int[] LayerSizes(string magic, IReadOnlyList<string> tokens)
    {
        if (tokens.Count < 2)
            throw new ArgumentException($"{magic}: give at least two layer sizes, inputs first and outputs last, e.g. {magic} 2 4 1; got {(tokens.Count == 0 ? "none" : $"'{string.Join(" ", tokens)}'")}.");
        return tokens.Select((t, i) => Integer(magic, $"layer size {i + 1}", t)).ToArray();
    }

    /// <summary>valid, same, full or a number of rows/columns (default valid).</summary>
    public static Padding Padding(string magic, JsonElement? value)
    {
        string? text = Text(value);
        if (text is null)
            return DeepImaging.Padding.Valid;
        try
        {
            return DeepImaging.Padding.Parse(text);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{magic}: --padding {e.Message}");
        }
    }

    /// <summary>
    /// A 2-D tensor from a literal such as <c>0 1 2; 3 4 5</c> (rows separated by ';', values by spaces or commas),
    /// from the name of a C# variable holding a <see cref="Tensor"/>, <c>float[,]</c> or <c>double[,]</c>, or from nested
    /// JSON arrays (<c>[[0, 1], [2, 3]]</c>, which is also how such a variable arrives when shared as <c>@name</c>).
    /// With <paramref name="channels"/>, a [C, H, W] tensor is accepted too: a variable or JSON value of that shape, or a
    /// literal with the channels separated by '|' (<c>0 1; 2 3 | 4 5; 6 7</c>).
    /// </summary>
    public static Tensor Matrix(string magic, string parameter, JsonElement? value, CSharpKernel kernel, bool channels = false)
    {
        if (value is { ValueKind: JsonValueKind.Array } array)
            return Grid(magic, parameter, "value", FromJson(magic, parameter, array), channels, "select one channel first");
        string text = Text(value)?.Trim()
            ?? throw new ArgumentException($"{magic}: {parameter} is required, e.g. {parameter} \"0 1; 2 3\" or the name of a C# variable holding a Tensor or float[,].");
        if (IsIdentifier(text))
            return Variable(magic, parameter, text, kernel, channels);
        var planes = channels ? text.Split('|') : [text];
        if (planes.Length == 1)
            return Literal(magic, parameter, text);
        var matrices = planes.Select((plane, c) => Literal(magic, $"{parameter} channel {c}", plane)).ToList();
        if (matrices.Any(m => !m.Shape.SequenceEqual(matrices[0].Shape)))
            throw new ArgumentException($"{magic}: {parameter} \"{text}\" has channels of shapes {string.Join(", ", matrices.Select(m => m.ShapeString))}; every channel needs the same rows and columns.");
        return Tensor.Stack(matrices);
    }

    private static Tensor Variable(string magic, string parameter, string name, CSharpKernel kernel, bool channels)
    {
        if (!kernel.TryGetValue<object>(name, out var value) || value is null)
            throw new ArgumentException($"{magic}: {parameter} '{name}' is neither numbers nor a C# variable defined in this notebook; write the values, e.g. \"0 1; 2 3\", or run the cell that defines {name} first.");
        var tensor = value switch
        {
            Tensor t => t,
            float[,] f => Tensor.From(f),
            double[,] d => Tensor.From(d),
            _ => throw new ArgumentException($"{magic}: {parameter} variable '{name}' is a {value.GetType().Name}; it must be a Tensor, float[,] or double[,]."),
        };
        return Grid(magic, parameter, $"variable '{name}'", tensor, channels, $"select one channel, e.g. {name}.Select(0, 0)");
    }

    /// <summary>The tensor as a 2-D grid: a single image with batch/channel dimensions of size 1 ([1, 1, H, W]) is still one.</summary>
    private static Tensor Grid(string magic, string parameter, string what, Tensor tensor, bool channels, string advice)
    {
        if (tensor.Rank > 2 && tensor.Shape[..^2].All(d => d == 1))
            tensor = tensor.Reshape(tensor.Shape[^2], tensor.Shape[^1]);
        // Likewise a single multi-channel image [1, C, H, W] is [C, H, W].
        if (channels && tensor.Rank == 4 && tensor.Shape[0] == 1)
            tensor = tensor.Reshape(tensor.Shape[1..]);
        if (tensor.Rank != 2 && !(channels && tensor.Rank == 3))
            throw new ArgumentException(channels
                ? $"{magic}: {parameter} {what} has shape {tensor.ShapeString}; it must be [H, W] or [C, H, W] ({advice})."
                : $"{magic}: {parameter} {what} has shape {tensor.ShapeString}; it must be 2-D [H, W] ({advice}).");
        return tensor;
    }

    /// <summary>
    /// A tensor from nested JSON arrays of numbers, e.g. <c>[[0, 1], [2, 3]]</c> (non-finite values as the strings "NaN",
    /// "Infinity" and "-Infinity", as <see cref="ValueSharing"/> writes them); every row must have the same length.
    /// </summary>
    private static Tensor FromJson(string magic, string parameter, JsonElement array)
    {
        var shape = new List<int>();
        for (var e = array; e.ValueKind == JsonValueKind.Array; e = e.GetArrayLength() > 0 ? e[0] : default)
            shape.Add(e.GetArrayLength());
        var values = new List<float>();
        void Collect(JsonElement e, int depth) // depth is bounded: the kernel parses JSON at most 64 levels deep
        {
            if (depth < shape.Count)
            {
                if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() != shape[depth])
                    throw new ArgumentException($"{magic}: {parameter} is not a rectangular grid of numbers: {Short(e)} should be a list of {shape[depth]} value(s), like its neighbours.");
                foreach (var item in e.EnumerateArray()) Collect(item, depth + 1);
            }
            else if (e.ValueKind == JsonValueKind.Number && e.TryGetSingle(out float number) && float.IsFinite(number))
                values.Add(number);
            else if (e.ValueKind == JsonValueKind.String && float.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out float named))
                values.Add(named);
            else
                throw new ArgumentException($"{magic}: {parameter}: {Short(e)} is not a number; write numbers such as 1, -0.5 or 2e-3.");
        }
        Collect(array, 0);
        return Tensor.From([.. values], [.. shape]);
    }

    private static string Short(JsonElement e)
    {
        string text = e.GetRawText();
        return text.Length <= 40 ? text : text[..37] + "...";
    }

    private static Tensor Literal(string magic, string parameter, string text)
    {
        var rows = text.Split([';', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(row => row.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .ToArray();
        if (rows.Length == 0)
            throw new ArgumentException($"{magic}: {parameter} is empty; write rows separated by ';', e.g. \"0 1; 2 3\".");
        var values = new float[rows.Length, rows[0].Length];
        for (int r = 0; r < rows.Length; r++)
        {
            if (rows[r].Length != rows[0].Length)
                throw new ArgumentException($"{magic}: {parameter} \"{text}\" has {rows[0].Length} values in row 1 but {rows[r].Length} in row {r + 1}; every row needs the same number of values.");
            for (int c = 0; c < rows[r].Length; c++)
            {
                if (!float.TryParse(rows[r][c], NumberStyles.Float, CultureInfo.InvariantCulture, out values[r, c]))
                    throw new ArgumentException($"{magic}: {parameter} \"{text}\": '{rows[r][c]}' (row {r + 1}, column {c + 1}) is not a number; write numbers such as 1, -0.5 or 2e-3.");
                // A numeral beyond float32 would silently become infinity (NaN and Infinity written as words are kept).
                if (float.IsInfinity(values[r, c]) && rows[r][c].Any(char.IsAsciiDigit))
                    throw new ArgumentException($"{magic}: {parameter} \"{text}\": '{rows[r][c]}' (row {r + 1}, column {c + 1}) is beyond the float32 range (about ±3.4e38); write a smaller number.");
            }
        }
        return Tensor.From(values);
    }

    /// <summary>Whether <paramref name="text"/> can be the name of a C# variable (letters, digits and '_', not starting with a digit).</summary>
    public static bool IsIdentifier(string text) => Identifier().IsMatch(text);

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
