namespace DeepImaging.Notebooks;

/// <summary>
/// Orders notebook paths as a course is read: by the section numbers their names start with, so that
/// "04-convolution" (section 4) comes before "04-1-parameter-sharing" (section 4.1), which plain text order would
/// put after it. Names compare folder by folder; within a name, the leading numbers first, then the rest as text;
/// names without a number (e.g. an assignments folder) come after the numbered ones.
/// </summary>
public sealed class CourseOrder : IComparer<string>
{
    /// <summary>The one instance (it has no state).</summary>
    public static CourseOrder Instance { get; } = new();

    /// <inheritdoc/>
    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var xs = x.Split('/');
        var ys = y.Split('/');
        for (int i = 0; i < Math.Min(xs.Length, ys.Length); i++)
        {
            int c = CompareNames(xs[i], ys[i]);
            if (c != 0) return c;
        }
        return xs.Length.CompareTo(ys.Length);
    }

    private static int CompareNames(string x, string y)
    {
        var (xNumbers, xName) = SectionNumbers(x);
        var (yNumbers, yName) = SectionNumbers(y);
        if ((xNumbers.Count == 0) != (yNumbers.Count == 0))
            return xNumbers.Count == 0 ? 1 : -1; // numbered sections first, then unnumbered material such as assignments/
        for (int i = 0; i < Math.Min(xNumbers.Count, yNumbers.Count); i++)
        {
            int c = xNumbers[i].CompareTo(yNumbers[i]);
            if (c != 0) return c;
        }
        int byDepth = xNumbers.Count.CompareTo(yNumbers.Count); // section 4 before its subsection 4.1
        return byDepth != 0 ? byDepth : string.CompareOrdinal(xName, yName);
    }

    /// <summary>"04-1-parameter-sharing" gives ([4, 1], "parameter-sharing").</summary>
    private static (List<long> Numbers, string Name) SectionNumbers(string name)
    {
        var numbers = new List<long>();
        var parts = name.Split('-');
        int i = 0;
        for (; i < parts.Length && parts[i].Length is > 0 and < 10 && parts[i].All(char.IsAsciiDigit); i++)
            numbers.Add(long.Parse(parts[i], System.Globalization.CultureInfo.InvariantCulture));
        return (numbers, string.Join('-', parts[i..]));
    }
}
