using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace DeepImaging.Interactive.Magics;

/// <summary>
/// Shares C# values as JSON, the Polyglot way (<c>#!conv --input @myImage</c>, <c>#!share</c>, <c>@csharp:name</c>).
/// The kernel serialises the object with System.Text.Json, which loops on a <see cref="Tensor"/> (its transpose
/// <c>T</c> is a tensor with a transpose...) and refuses a <c>float[,]</c>, printing a 150-line stack trace. Here a
/// Tensor, <c>float[,]</c> or <c>double[,]</c> is shared as nested arrays of numbers, like PyTorch's <c>tolist()</c>,
/// and any other value that cannot become JSON fails in one line.
/// </summary>
internal static class ValueSharing
{
    /// <summary>The most numbers a shared tensor may hold (a 1000 x 1000 image): beyond that its JSON runs to megabytes.</summary>
    public const int MaxValues = 1_000_000;

    /// <summary>Answers the C# kernel's JSON value requests for tensors and grids, and turns a failing serialisation into one line.</summary>
    public static void AddTo(CSharpKernel csharp) =>
        csharp.AddMiddleware(async (command, context, next) =>
        {
            if (command is RequestValue { MimeType: JsonFormatter.MimeType } request
                && csharp.TryGetValue<object>(request.Name, out var value) && value is not null)
                Answer(request, value, context);
            else
                await next(command, context);
        });

    private static void Answer(RequestValue request, object value, KernelInvocationContext context)
    {
        string json;
        try
        {
            json = Json(request.Name, value);
        }
        catch (ArgumentException e)
        {
            context.Fail(request, message: e.Message);
            return;
        }
        // A grid is published without the object itself (null), so whoever asked reads the numbers, not the tensor's ToString().
        context.Publish(new ValueProduced(value is Tensor or float[,] or double[,] ? null : value, request.Name, new FormattedValue(JsonFormatter.MimeType, json), request));
    }

    /// <summary>The JSON a variable is shared as; an <see cref="ArgumentException"/> with a one-line reason when it cannot be.</summary>
    internal static string Json(string name, object value) =>
        AsGrid(value) is { } grid ? ToJson(CheckSize(name, grid)) : Serialize(name, value);

    /// <summary>Throws like <see cref="Json"/> when the variable cannot be shared, without writing a tensor's numbers out.</summary>
    internal static void CheckShareable(string name, object value)
    {
        if (AsGrid(value) is { } grid) CheckSize(name, grid);
        else Serialize(name, value);
    }

    private static Tensor CheckSize(string name, Tensor grid) =>
        grid.Count <= MaxValues
            ? grid
            : throw new ArgumentException($"{Problem(name, grid)}: it holds {Formatters.Html.Count(grid.Count)} numbers, more than the {Formatters.Html.Count(MaxValues)} shared as JSON; " +
                                          $"the DeepImaging magics also take the name without @, e.g. --input {name}.");

    private static string Serialize(string name, object value)
    {
        try
        {
            return value.ToDisplayString(JsonFormatter.MimeType);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ArgumentException($"{Problem(name, value)}: {FirstSentence(e.Message)}.", e);
        }
    }

    private static string Problem(string name, object value) => $"C# variable '{name}' (a {value.GetType().Name}) cannot be shared as JSON";

    private static Tensor? AsGrid(object value) => value switch
    {
        Tensor t => t,
        float[,] f => Tensor.From(f),
        double[,] d => Tensor.From(d),
        _ => null,
    };

    /// <summary>Nested arrays, one level per dimension; NaN and ±infinity as the strings "NaN", "Infinity", "-Infinity".</summary>
    internal static string ToJson(Tensor tensor)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            var values = tensor.AsSpan();
            var shape = tensor.Shape;
            int rank = shape.Length;
            if (values.IsEmpty)
            {
                writer.WriteStartArray();
                writer.WriteEndArray();
            }
            else
            {
                // Row-major order with a multi-index that counts like an odometer: each wrap-around closes an array and opens the next.
                var index = new int[rank];
                for (int d = 0; d < rank; d++) writer.WriteStartArray();
                for (int i = 0; i < values.Length; i++)
                {
                    float v = values[i];
                    if (float.IsFinite(v)) writer.WriteNumberValue(v);
                    else writer.WriteStringValue(v.ToString(CultureInfo.InvariantCulture));
                    int d = rank - 1;
                    while (d >= 0 && ++index[d] == shape[d])
                    {
                        index[d--] = 0;
                        writer.WriteEndArray();
                    }
                    for (int k = d + 1; d >= 0 && k < rank; k++) writer.WriteStartArray();
                }
            }
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    // The first sentence of an exception message: System.Text.Json adds long advice and a path after it.
    private static string FirstSentence(string message)
    {
        string line = message.Split('\n')[0].Trim();
        int end = line.IndexOf(". ", StringComparison.Ordinal);
        return (end > 0 ? line[..end] : line).TrimEnd('.');
    }
}
