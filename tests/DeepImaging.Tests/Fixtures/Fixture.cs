using System.Globalization;
using System.Text.Json;

namespace DeepImaging.Tests;

/// <summary>Reads the reference files that make_fixtures.py wrote with PyTorch.</summary>
internal static class Fixture
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static JsonElement[] Cases(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(PathOf(file)));
        return doc.RootElement.GetProperty("cases").EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    public static int[] Ints(this JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(v => v.GetInt32()).ToArray();

    /// <summary>Numbers, or the strings "NaN", "Infinity" and "-Infinity" that JSON needs for non-finite values (make_nan_fixtures.py writes them).</summary>
    public static float[] Floats(this JsonElement e, string name) => e.GetProperty(name).EnumerateArray()
        .Select(v => v.ValueKind == JsonValueKind.String ? float.Parse(v.GetString()!, CultureInfo.InvariantCulture) : v.GetSingle()).ToArray();

    public static Tensor Tensor(this JsonElement e, string name, string shapeName) => DeepImaging.Tensor.From(e.Floats(name), e.Ints(shapeName));

    public static bool IsNull(this JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null;
}
