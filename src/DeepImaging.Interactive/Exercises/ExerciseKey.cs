using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DeepImaging.Interactive.Exercises;

/// <summary>
/// The answer key of the course notebooks' practice exercises, embedded in this assembly as exercise-key.json.
/// It holds no plain answer: the right answer and each anticipated wrong one are stored as the SHA-256 of
/// <c>deepimaging-exercise|{id}|{canonical form}</c>, salted with the exercise id so that two exercises with the same
/// answer do not show the same hash. The canonical form is the answer rounded to the precision the exercise states.
/// This keeps the answers out of sight of someone reading the notebook or the package; it does not stop a student
/// from trying numbers one by one, which a practice check has no reason to prevent.
/// The plain answers live with the tests (tests/DeepImaging.Interactive.Tests/Exercises), which compute them with the
/// library, regenerate this key from them and check that the committed key is the one they generate.
/// </summary>
internal static class ExerciseKey
{
    /// <summary>The name of the embedded key (set as its LogicalName in the project file).</summary>
    public const string ResourceName = "DeepImaging.Interactive.Exercises.exercise-key.json";

    /// <summary>The note at the top of the key file, for whoever opens it.</summary>
    public const string GeneratedBy =
        "Generated from tests/DeepImaging.Interactive.Tests/Exercises/ExerciseAnswers.cs by ExerciseKeyTests " +
        "(DEEPIMAGING_WRITE_EXERCISE_KEY=1); do not edit by hand.";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // The hints hold ×, → and quotes: keep the file readable (it is never embedded in HTML).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly Lazy<IReadOnlyDictionary<string, ExerciseKeyEntry>> entries = new(() =>
    {
        using var stream = typeof(ExerciseKey).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The exercise key {ResourceName} is missing from {typeof(ExerciseKey).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd()).ToDictionary(e => e.Id);
    });

    /// <summary>Every exercise of the key, by id.</summary>
    public static IReadOnlyDictionary<string, ExerciseKeyEntry> Entries => entries.Value;

    /// <summary>The exercise with this id; an <see cref="ArgumentException"/> naming the known ids if there is none.</summary>
    public static ExerciseKeyEntry Find(string id) =>
        Entries.TryGetValue(id ?? "", out var entry)
            ? entry
            : throw new ArgumentException($"Exercise.Check: there is no exercise '{id}'; the exercises are {string.Join(", ", Entries.Keys)}.", nameof(id));

    /// <summary>
    /// The form of a number that is hashed: rounded to <paramref name="decimals"/> places (half away from zero) and
    /// written with exactly that many, so that 2.1, 2.1f, 2.1m and 2.104 all give "2.10" for two decimals.
    /// An exercise with 0 decimals asks for a whole number (a count): a fraction such as 12.5 keeps its decimals
    /// ("12.5") instead of being rounded into a whole number that could pass.
    /// </summary>
    public static string Canonical(double value, int decimals)
    {
        if (!double.IsFinite(value))
            throw new ArgumentException($"Exercise key: {value} has no canonical form; give a finite number.", nameof(value));
        if (decimals is < 0 or > 6)
            throw new ArgumentOutOfRangeException(nameof(decimals), decimals, "Exercise key: an exercise states 0 to 6 decimals.");
        if (decimals == 0 && !IsWhole(value))
            return value.ToString("0.######", CultureInfo.InvariantCulture);
        double rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        return (rounded == 0 ? 0 : rounded).ToString("F" + decimals, CultureInfo.InvariantCulture); // no "-0.00"
    }

    /// <summary>True when <paramref name="value"/> is a whole number, allowing for float rounding (409801f is).</summary>
    public static bool IsWhole(double value) => Math.Abs(value - Math.Round(value)) <= 1e-9 * Math.Max(1, Math.Abs(value));

    /// <summary>The salted SHA-256 of a canonical answer, in lower-case hexadecimal.</summary>
    public static string Hash(string id, string canonical) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"deepimaging-exercise|{id}|{canonical}")));

    /// <summary>The key file's text for these exercises (what the tests write and compare).</summary>
    public static string ToJson(IEnumerable<ExerciseKeyEntry> exercises) =>
        JsonSerializer.Serialize(new KeyFile(GeneratedBy, [.. exercises]), JsonOptions) + "\n";

    /// <summary>The exercises of a key file's text.</summary>
    public static IReadOnlyList<ExerciseKeyEntry> Parse(string json) =>
        JsonSerializer.Deserialize<KeyFile>(json, JsonOptions)?.Exercises
        ?? throw new InvalidDataException("Exercise key: the file holds no exercises.");

    private sealed record KeyFile(string GeneratedBy, IReadOnlyList<ExerciseKeyEntry> Exercises);
}
