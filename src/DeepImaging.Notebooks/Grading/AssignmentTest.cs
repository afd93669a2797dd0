using System.Security.Cryptography;
using System.Text;

namespace DeepImaging.Notebooks.Grading;

/// <summary>A graded test cell of an instructor notebook: <c>// TEST name (N points)</c> and its checks.</summary>
internal sealed class AssignmentTest
{
    /// <param name="name">The test's name, unique in its notebook.</param>
    /// <param name="points">Its points, all or nothing.</param>
    /// <param name="cellIndex">Its position among the instructor notebook's cells, from 0.</param>
    /// <param name="cellId">Its cell id, or null when the notebook has none.</param>
    /// <param name="source">The whole cell, hidden regions included.</param>
    /// <param name="visible">What students see: the cell without its hidden regions.</param>
    /// <param name="segments">The parts the grader runs, in order.</param>
    public AssignmentTest(string name, decimal points, int cellIndex, string? cellId, string source, string visible,
        IReadOnlyList<TestSegment> segments)
    {
        Name = name;
        Points = points;
        CellIndex = cellIndex;
        CellId = cellId;
        Source = source;
        Visible = visible;
        Segments = segments;
        Fingerprint = FingerprintOf(name, visible);
    }

    public string Name { get; }

    public decimal Points { get; }

    public int CellIndex { get; }

    public string? CellId { get; }

    public string Source { get; }

    public string Visible { get; }

    public IReadOnlyList<TestSegment> Segments { get; }

    /// <summary>True when the test has hidden checks.</summary>
    public bool HasHiddenChecks => Segments.Any(s => s.Hidden);

    /// <summary>
    /// "sha256:" and the hash of the name and the visible source: stored in the student version's cell metadata, it
    /// finds the test again if a student's editor changed the cell's id. It is made from visible text only.
    /// </summary>
    public string Fingerprint { get; }

    /// <summary>True when <paramref name="source"/> is this test as released or as written by the instructor.</summary>
    public bool IsUnchanged(string source)
    {
        var normalized = AssignmentMarkers.Normalized(source);
        return normalized == AssignmentMarkers.Normalized(Visible) || normalized == AssignmentMarkers.Normalized(Source);
    }

    private static string FingerprintOf(string name, string visible) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name + "\n" + AssignmentMarkers.Normalized(visible))));
}
