using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeepImaging.Notebooks;

/// <summary>
/// Writes long strings (a chart's HTML carries plotly.js, 3.6 million characters) in segments. Written whole, a string
/// that needs escaping (quotes, backslashes, new lines) takes a work buffer of six times its length, 64 MB for
/// plotly.js, and a growing output buffer of three times its length: about 80 MB in the kernel process for one chart.
/// In segments each buffer holds one segment. The JSON is the same either way.
/// </summary>
internal sealed class SegmentedStringConverter : JsonConverter<string>
{
    /// <summary>Characters per segment: a work buffer of six times this stays small.</summary>
    public const int SegmentChars = 16 * 1024;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString();

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        if (value.Length <= SegmentChars)
        {
            writer.WriteStringValue(value);
            return;
        }
        // A surrogate pair split between two segments is joined again by the writer.
        var text = value.AsSpan();
        for (int start = 0; start < text.Length; start += SegmentChars)
        {
            int length = Math.Min(SegmentChars, text.Length - start);
            writer.WriteStringValueSegment(text.Slice(start, length), isFinalSegment: start + length == text.Length);
        }
    }

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString()!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value);
}
