using System.Globalization;
using System.Text.RegularExpressions;
using DeepImaging.Interactive.Exercises;

namespace DeepImaging.Interactive.Tests.Exercises;

/// <summary>Finds answers written in a text: every number in it, in the canonical form the key would hash.</summary>
internal static partial class AnswerText
{
    /// <summary>The canonical forms (at <paramref name="decimals"/>) of the numbers in <paramref name="text"/>;
    /// "409,801", "409801" and "409801.0" all give "409801", and "2.104" gives "2.10" at two decimals.</summary>
    public static HashSet<string> NumbersIn(string text, int decimals) =>
        [.. Number().Matches(text).Select(m => ExerciseKey.Canonical(double.Parse(m.Value.Replace(",", ""), CultureInfo.InvariantCulture), decimals))];

    // Digits with optional thousands separators and decimals, not glued to a letter (so "answer41" is no number).
    [GeneratedRegex(@"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w.])\d+(?:\.\d+)?(?![\w])")]
    private static partial Regex Number();
}
