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

    /// <summary>The words after the directive name on its line, e.g. ["2", "4", "1"] for <c>#!params 2 4 1</c>.</summary>
    public static string[] Tokens(string directiveLine) =>
        directiveLine.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1..];

    /// <summary>Layer sizes such as <c>2 4 1</c>: at least two whole numbers >= 1 (inputs, ..., outputs).</summary>
    public static int[] LayerSizes(string magic, string[] tokens)
    {
        if (tokens.Length < 2)
            throw new ArgumentException($"{magic}: give at least two layer sizes, inputs first and outputs last, e.g. {magic} 2 4 1; got {(tokens.Length == 0 ? "none" : $"'{string.Join(" ", tokens)}'")}.");
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
    /// A 2-D tensor from a literal such as <c>0 1 2; 3 4 5</c> (rows separated by ';', values by spaces or commas)
    /// or from the name of a C# variable holding a <see cref="Tensor"/>, <c>float[,]</c> or <c>double[,]</c>.
    /// With <paramref name="channels"/>, a [C, H, W] tensor is accepted too: a variable of that shape, or a literal
    /// with the channels separated by '|' (<c>0 1; 2 3 | 4 5; 6 7</c>).
    /// </summary>
    public static Tensor Matrix(string magic, string parameter, JsonElement? value, CSharpKernel kernel, bool channels = false)
    {
        string text = Text(value)?.Trim()
            ?? throw new ArgumentException($"{magic}: {parameter} is required, e.g. {parameter} \"0 1; 2 3\" or the name of a C# variable holding a Tensor or float[,].");
        if (Identifier().IsMatch(text))
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
        // A single image with batch/channel dimensions of size 1 ([1, 1, H, W]) is still a 2-D grid.
        if (tensor.Rank > 2 && tensor.Shape[..^2].All(d => d == 1))
            tensor = tensor.Reshape(tensor.Shape[^2], tensor.Shape[^1]);
        // Likewise a single multi-channel image [1, C, H, W] is [C, H, W].
        if (channels && tensor.Rank == 4 && tensor.Shape[0] == 1)
            tensor = tensor.Reshape(tensor.Shape[1..]);
        if (tensor.Rank != 2 && !(channels && tensor.Rank == 3))
            throw new ArgumentException(channels
                ? $"{magic}: {parameter} variable '{name}' has shape {tensor.ShapeString}; it must be [H, W] or [C, H, W] (select one image, e.g. {name}.Select(0, 0))."
                : $"{magic}: {parameter} variable '{name}' has shape {tensor.ShapeString}; it must be 2-D [H, W] (select one channel, e.g. {name}.Select(0, 0)).");
        return tensor;
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
            }
        }
        return Tensor.From(values);
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
