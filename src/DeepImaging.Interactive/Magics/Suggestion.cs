namespace DeepImaging.Interactive.Magics;

/// <summary>"Did you mean ...?" for a mistyped magic command or option: the known name closest to what was typed.</summary>
internal static class Suggestion
{
    /// <summary>
    /// The name in <paramref name="known"/> closest to <paramref name="typed"/> when it is plausibly a typo of it: at most two
    /// edits away and fewer edits than half its letters (#!cnov → #!conv, --kernal → --kernel), or the only name
    /// <paramref name="typed"/> abbreviates (--pad → --padding). Null when nothing is that close.
    /// </summary>
    /// <param name="typed">What was typed, e.g. <c>#!cnov</c> or <c>--kernal</c>.</param>
    /// <param name="known">The valid names, with the same prefix (<c>#!</c> or <c>--</c>).</param>
    public static string? Closest(string typed, IEnumerable<string> known)
    {
        string word = Core(typed).ToLowerInvariant();
        var candidates = known.Where(k => k != typed).Distinct().ToList();
        var nearest = candidates
            .Select(k => (Name: k, Distance: Distance(word, Core(k).ToLowerInvariant())))
            .Where(c => c.Distance <= 2 && 2 * c.Distance < Math.Max(word.Length, 2))
            .OrderBy(c => c.Distance)
            .FirstOrDefault();
        if (nearest.Name is not null) return nearest.Name;
        var abbreviated = word.Length >= 2 ? candidates.Where(k => Core(k).StartsWith(word, StringComparison.OrdinalIgnoreCase)).ToList() : [];
        return abbreviated.Count == 1 ? abbreviated[0] : null;
    }

    /// <summary>
    /// The optimal string alignment distance: how many insertions, deletions, substitutions and swaps of two neighbouring
    /// letters turn <paramref name="a"/> into <paramref name="b"/> ("cnov" → "conv" is one swap).
    /// </summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }

    // The name without its #! or -- (or -) prefix: only the letters after it can be mistyped.
    private static string Core(string name) => name.TrimStart('#', '!', '-');
}
