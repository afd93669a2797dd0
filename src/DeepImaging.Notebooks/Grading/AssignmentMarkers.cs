using System.Text.RegularExpressions;

namespace DeepImaging.Notebooks.Grading;

/// <summary>
/// The marked lines of an instructor notebook (notebooks/assignments/README.md): solution regions, hidden-test regions
/// and test headers, each a line of its own (leading and trailing spaces allowed).
/// </summary>
internal static partial class AssignmentMarkers
{
    public const string BeginSolution = "// BEGIN SOLUTION";
    public const string EndSolution = "// END SOLUTION";
    public const string BeginHidden = "// BEGIN HIDDEN TESTS";
    public const string EndHidden = "// END HIDDEN TESTS";

    /// <summary>What replaces a solution region in the student version, at the region's indentation.</summary>
    public const string Placeholder = $"throw new {nameof(NotImplementedException)}();";

    /// <summary>
    /// The regions between <paramref name="begin"/> and <paramref name="end"/> lines, as line ranges that include the
    /// markers. Unpaired or nested markers are added to <paramref name="problems"/> (prefixed by <paramref name="where"/>).
    /// </summary>
    public static List<(int Begin, int End)> Regions(string[] lines, string begin, string end, string where, List<string> problems)
    {
        var regions = new List<(int, int)>();
        int? open = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line == begin)
            {
                if (open is not null)
                    problems.Add($"{where}, line {i + 1}: '{begin}' inside the region opened on line {open + 1}; close it first with '{end}'");
                open = i;
            }
            else if (line == end)
            {
                if (open is null)
                    problems.Add($"{where}, line {i + 1}: '{end}' closes no region; open it with '{begin}'");
                else
                    regions.Add((open.Value, i));
                open = null;
            }
        }
        if (open is not null)
            problems.Add($"{where}, line {open + 1}: '{begin}' is never closed; add '{end}' after the region");
        return regions;
    }

    /// <summary>
    /// A line that looks like a marker but is not one exactly ("// begin solution", "//BEGIN SOLUTION:"): it would be
    /// taken for code, and a solution or hidden test would reach students. Null when the line is fine.
    /// </summary>
    public static string? NearMiss(string line)
    {
        var trimmed = line.Trim();
        if (trimmed is BeginSolution or EndSolution or BeginHidden or EndHidden || !LooksLikeMarker().IsMatch(trimmed))
            return null;
        return $"'{trimmed}' looks like a marker but is not one; write exactly '{BeginSolution}', '{EndSolution}', " +
               $"'{BeginHidden}' or '{EndHidden}' on a line of its own";
    }

    /// <summary>The lines without the given regions (markers included).</summary>
    public static string[] Without(string[] lines, IEnumerable<(int Begin, int End)> regions)
    {
        var dropped = regions.SelectMany(r => Enumerable.Range(r.Begin, r.End - r.Begin + 1)).ToHashSet();
        return lines.Where((_, i) => !dropped.Contains(i)).ToArray();
    }

    /// <summary>The lines with each region replaced by <see cref="Placeholder"/> at the indentation of its first line.</summary>
    public static string[] Replaced(string[] lines, IEnumerable<(int Begin, int End)> regions)
    {
        var starts = regions.ToDictionary(r => r.Begin, r => r.End);
        var result = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (starts.TryGetValue(i, out var end))
            {
                var indentation = lines[i][..(lines[i].Length - lines[i].TrimStart().Length)];
                result.Add(indentation + Placeholder);
                i = end;
            }
            else
            {
                result.Add(lines[i]);
            }
        }
        return [.. result];
    }

    /// <summary>A cell's source made comparable: '\n' line ends, no trailing spaces, no trailing blank lines.</summary>
    public static string Normalized(string source) =>
        string.Join("\n", source.ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd())).TrimEnd('\n');

    /// <summary>Parses a test header line: "// TEST name (N points)" or "(1 point)". Null when it is not one.</summary>
    public static (string Name, decimal Points)? TestHeader(string firstLine)
    {
        var match = Header().Match(firstLine.Trim());
        if (!match.Success || !decimal.TryParse(match.Groups["points"].Value, System.Globalization.NumberStyles.AllowDecimalPoint,
                System.Globalization.CultureInfo.InvariantCulture, out var points))
            return null;
        return (match.Groups["name"].Value, points);
    }

    /// <summary>True when the first line starts like a test header (so it must be a correct one).</summary>
    public static bool StartsLikeTest(string firstLine) => firstLine.TrimStart().StartsWith("// TEST", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^//\s*(BEGIN|END)\b.*\b(SOLUTION|HIDDEN)", RegexOptions.IgnoreCase)]
    private static partial Regex LooksLikeMarker();

    [GeneratedRegex(@"^// TEST (?<name>[A-Za-z0-9][A-Za-z0-9_.-]*) \((?<points>\d+(\.\d+)?) points?\)$")]
    private static partial Regex Header();
}
