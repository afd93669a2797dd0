using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace DeepImaging.Data;

/// <summary>
/// Saves and loads named float32 tensors in the safetensors format (https://huggingface.co/docs/safetensors), which
/// PyTorch and many other tools read: 8 bytes little-endian header length N, N bytes of JSON header
/// (<c>{"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, "__metadata__": {...}}</c>,
/// padded with spaces to a multiple of 8), then the raw little-endian data of every tensor, back to back.
/// </summary>
public static class SafeTensors
{
    private const string MetadataKey = "__metadata__";
    private const long MaxHeaderBytes = 100_000_000; // the reference implementation's limit

    /// <summary>Saves a model's parameters under their PyTorch state_dict names (e.g. "0.weight"), so PyTorch can load them.</summary>
    public static void Save(string path, IStateDict model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Save(path, model.StateDict(), new Dictionary<string, string> { ["format"] = "pt" });
    }

    /// <summary>Loads the parameters saved by <see cref="Save(string, IStateDict)"/> (or by PyTorch) into <paramref name="model"/>; names and shapes must match.</summary>
    public static void LoadInto(string path, IStateDict model)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.LoadStateDict(Load(path));
    }

    /// <summary>
    /// Writes <paramref name="tensors"/> (for example a model's <c>StateDict()</c>) to <paramref name="path"/>, in name order,
    /// with optional string <paramref name="metadata"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A name is empty or is the reserved "__metadata__".</exception>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(tensors);
        var names = tensors.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();
        using var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            if (metadata != null)
            {
                writer.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal)) writer.WriteString(key, value);
                writer.WriteEndObject();
            }
            long offset = 0;
            foreach (var name in names)
            {
                if (string.IsNullOrEmpty(name) || name == MetadataKey)
                    throw new ArgumentException($"SafeTensors.Save: '{name}' cannot be a tensor name; names must be non-empty and not \"{MetadataKey}\".", nameof(tensors));
                var tensor = tensors[name];
                writer.WriteStartObject(name);
                writer.WriteString("dtype", "F32");
                writer.WriteStartArray("shape");
                foreach (int s in tensor.shape) writer.WriteNumberValue(s);
                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                writer.WriteNumberValue(offset += 4L * tensor.Count);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        // Pad with spaces so the data starts 8-byte aligned, as the reference writer does.
        int headerLength = (int)((json.Length + 7) / 8 * 8);
        using var file = File.Create(path);
        Span<byte> lengthBytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(lengthBytes, (ulong)headerLength);
        file.Write(lengthBytes);
        file.Write(json.GetBuffer(), 0, (int)json.Length);
        for (long i = json.Length; i < headerLength; i++) file.WriteByte((byte)' ');
        foreach (var name in names)
        {
            var data = tensors[name].AsSpan();
            var buffer = new byte[4 * data.Length];
            for (int i = 0; i < data.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(4 * i), data[i]);
            file.Write(buffer);
        }
    }

    /// <summary>Reads every tensor of a safetensors file, by name. Only dtype F32 is supported.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not valid safetensors (the message names the file and the problem) or holds a dtype other than F32.</exception>
    public static Dictionary<string, Tensor> Load(string path)
    {
        var (entries, _, data) = ReadFile(path);
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            var values = new float[e.End - e.Begin >> 2];
            var bytes = data.AsSpan(checked((int)e.Begin), checked((int)(e.End - e.Begin)));
            for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(4 * i)..]);
            result[e.Name] = new Tensor(values, e.Shape);
        }
        return result;
    }

    /// <summary>The string metadata ("__metadata__") of a safetensors file; empty when it has none.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not valid safetensors.</exception>
    public static Dictionary<string, string> LoadMetadata(string path) => ReadFile(path).Metadata;

    private sealed record Entry(string Name, int[] Shape, long Begin, long End);

    private static (List<Entry> Entries, Dictionary<string, string> Metadata, byte[] Data) ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"SafeTensors: file not found: {path}", path);
        string name = Path.GetFileName(path);
        byte[] bytes = File.ReadAllBytes(path);
        InvalidDataException Bad(string reason) => new($"{name}: not a valid safetensors file: {reason}.");

        if (bytes.Length < 8) throw Bad($"it has {bytes.Length} bytes, fewer than the 8-byte header length");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > MaxHeaderBytes || headerLength > (ulong)(bytes.Length - 8))
            throw Bad($"the header length is {headerLength} bytes but the file has only {bytes.Length - 8} bytes after the length field");
        var headerBytes = bytes.AsSpan(8, (int)headerLength);
        if (headerBytes.Length == 0 || headerBytes[0] != (byte)'{')
            throw Bad("the header does not start with '{'");

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(Encoding.UTF8.GetString(headerBytes).TrimEnd(' '));
        }
        catch (JsonException e)
        {
            throw Bad($"the header is not valid JSON ({e.Message})");
        }
        var data = bytes[(8 + (int)headerLength)..];
        var entries = new List<Entry>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw Bad("the header is not a JSON object");
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!seen.Add(property.Name)) throw Bad($"the name '{property.Name}' appears twice in the header");
                if (property.Name == MetadataKey)
                {
                    if (property.Value.ValueKind != JsonValueKind.Object) throw Bad("__metadata__ is not an object of strings");
                    foreach (var m in property.Value.EnumerateObject())
                        metadata[m.Name] = m.Value.ValueKind == JsonValueKind.String ? m.Value.GetString()! : throw Bad($"metadata '{m.Name}' is not a string");
                    continue;
                }
                entries.Add(ReadEntry(property, Bad));
            }
        }
        // The tensors must tile the data buffer exactly: no gaps, no overlaps, nothing left over.
        long expected = 0;
        foreach (var e in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            if (e.Begin != expected)
                throw Bad($"tensor '{e.Name}' starts at data offset {e.Begin} but the previous data ends at {expected} (gap or overlap)");
            expected = e.End;
        }
        if (expected != data.Length)
            throw Bad($"the tensors cover {expected} data bytes but the file has {data.Length} after the header (truncated or extra bytes)");
        return (entries, metadata, data);
    }

    private static Entry ReadEntry(JsonProperty property, Func<string, InvalidDataException> bad)
    {
        string name = property.Name;
        var v = property.Value;
        if (v.ValueKind != JsonValueKind.Object
            || !v.TryGetProperty("dtype", out var dtype) || dtype.ValueKind != JsonValueKind.String
            || !v.TryGetProperty("shape", out var shapeJson) || shapeJson.ValueKind != JsonValueKind.Array
            || !v.TryGetProperty("data_offsets", out var offsetsJson) || offsetsJson.ValueKind != JsonValueKind.Array)
            throw bad($"tensor '{name}' needs \"dtype\" (string), \"shape\" (array) and \"data_offsets\" (array)");
        if (dtype.GetString() != "F32")
            throw bad($"tensor '{name}' has dtype {dtype.GetString()}; only F32 (float32) is supported, so convert with .float() in PyTorch before saving");
        var shape = shapeJson.EnumerateArray().Select(d => d.ValueKind == JsonValueKind.Number && d.TryGetInt32(out int s) && s >= 0 ? s : -1).ToArray();
        if (shape.Contains(-1)) throw bad($"tensor '{name}' has shape {shapeJson}, which is not a list of non-negative integers");
        var offsets = offsetsJson.EnumerateArray().Select(o => o.ValueKind == JsonValueKind.Number && o.TryGetInt64(out long x) && x >= 0 ? x : -1).ToArray();
        if (offsets.Length != 2 || offsets.Contains(-1) || offsets[1] < offsets[0])
            throw bad($"tensor '{name}' has data_offsets {offsetsJson}; expected [begin, end] with 0 <= begin <= end");
        // Counted with overflow checks: [65536, 65536, 65536, 65536] has 2^64 elements, which wraps to 0 in 64-bit arithmetic.
        if (!Shapes.Fits(shape, out int count))
            throw bad($"tensor '{name}' has shape {Shapes.Format(shape)}, {Shapes.Product(shape):N0} elements, more than one tensor can hold ({Shapes.MaxElements:N0})");
        if (offsets[1] - offsets[0] != 4L * count)
            throw bad($"tensor '{name}' of shape [{string.Join(", ", shape)}] needs {4L * count} bytes of F32 data but its data_offsets span {offsets[1] - offsets[0]}");
        return new Entry(name, shape, offsets[0], offsets[1]);
    }
}
