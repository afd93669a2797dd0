namespace DeepImaging.Notebooks.Grading;

/// <summary>
/// The notebook the grader runs for a submission: the student's cells in their order, as written, with every test
/// cell taken from the instructor copy and put where it belongs. A test cell is found by its cell id, else by its
/// header's name, else by the fingerprint in its metadata; one that the student edited, moved, copied or deleted is
/// restored and flagged as tampered.
/// </summary>
internal sealed class SubmissionPlan
{
    private SubmissionPlan(List<PlannedCell> cells, Dictionary<string, string> tampered)
    {
        Cells = cells;
        Tampered = tampered;
    }

    /// <summary>The cells to run, in order (markdown cells are kept, not run).</summary>
    public List<PlannedCell> Cells { get; }

    /// <summary>The tampered tests, each with what happened to it ("edited", "moved", "deleted", "copied", or several).</summary>
    public Dictionary<string, string> Tampered { get; }

    /// <summary>Matches a submission to its instructor notebook.</summary>
    public static SubmissionPlan Make(AssignmentSource source, IpynbNotebook submission)
    {
        var cells = submission.Cells;
        var testAt = new Dictionary<int, AssignmentTest>();      // submission cell index -> the test it is
        var copies = new HashSet<int>();                          // further cells that are the same test
        var tampered = new Dictionary<string, List<string>>();
        void Flag(AssignmentTest test, string what)
        {
            if (!tampered.TryGetValue(test.Name, out var list))
                tampered[test.Name] = list = [];
            if (!list.Contains(what)) list.Add(what);
        }
        void Claim(int index, AssignmentTest test)
        {
            if (testAt.ContainsKey(index) || copies.Contains(index)) return;
            if (testAt.ContainsValue(test))
            {
                copies.Add(index);
                Flag(test, "copied");
            }
            else
            {
                testAt[index] = test;
            }
        }

        // By id, then by the header's name, then by the fingerprint that the student version's metadata carries.
        foreach (var test in source.Tests.Where(t => t.CellId is not null))
            for (var i = 0; i < cells.Count; i++)
                if (cells[i].Id == test.CellId) Claim(i, test);
        for (var i = 0; i < cells.Count; i++)
            if (AssignmentMarkers.TestHeader(cells[i].Source.Split('\n')[0]) is var (name, _) && source.Tests.FirstOrDefault(t => t.Name == name) is { } test)
                Claim(i, test);
        for (var i = 0; i < cells.Count; i++)
            if (cells[i].Metadata[StudentVersion.MetadataKey]?["fingerprint"]?.GetValue<string>() is { } fingerprint &&
                source.Tests.FirstOrDefault(t => t.Fingerprint == fingerprint) is { } test)
                Claim(i, test);

        // Where the instructor's other cells are in the submission (by id): a test belongs between its neighbours.
        var positionOf = new SortedDictionary<int, int>();  // instructor cell index -> submission cell index
        for (var k = 0; k < source.Notebook.Cells.Count; k++)
        {
            if (source.TestAt(k) is not null || source.Notebook.Cells[k].Id is not { } id) continue;
            var found = cells.FindIndex(c => c.Id == id);
            if (found >= 0 && !testAt.ContainsKey(found) && !copies.Contains(found))
                positionOf[k] = found;
        }

        var inPlace = new Dictionary<AssignmentTest, int>();
        var lastInPlace = -1;
        foreach (var test in source.Tests)
        {
            var at = testAt.FirstOrDefault(p => p.Value == test) is { Value: not null } pair ? pair.Key : -1;
            if (at < 0)
            {
                Flag(test, "deleted");
                continue;
            }
            if (!cells[at].IsCode || !test.IsUnchanged(cells[at].Source))
                Flag(test, "edited");
            var before = positionOf.Where(p => p.Key < test.CellIndex).Select(p => p.Value).DefaultIfEmpty(-1).Last();
            var after = positionOf.Where(p => p.Key > test.CellIndex).Select(p => p.Value).DefaultIfEmpty(int.MaxValue).First();
            if (before < at && at < after && at > lastInPlace)
            {
                inPlace[test] = at;
                lastInPlace = at;
            }
            else
            {
                Flag(test, "moved");
            }
        }

        // A restored test goes just before the next instructor cell (or test in place) that follows it, so that the
        // student's own cells between its neighbours run before it, as they would have.
        var restoredBefore = new Dictionary<int, List<AssignmentTest>>();  // submission index (or Count) -> tests
        foreach (var test in source.Tests.Where(t => !inPlace.ContainsKey(t)))
        {
            var target = cells.Count;
            for (var k = test.CellIndex + 1; k < source.Notebook.Cells.Count; k++)
            {
                if (source.TestAt(k) is { } next && inPlace.TryGetValue(next, out var nextAt)) { target = nextAt; break; }
                if (positionOf.TryGetValue(k, out var cellAt)) { target = cellAt; break; }
            }
            if (!restoredBefore.TryGetValue(target, out var list))
                restoredBefore[target] = list = [];
            list.Add(test);
        }

        var planned = new List<PlannedCell>();
        for (var i = 0; i <= cells.Count; i++)
        {
            planned.AddRange(restoredBefore.GetValueOrDefault(i, []).Select(TestCell));
            if (i == cells.Count || copies.Contains(i)) continue;
            if (testAt.TryGetValue(i, out var test))
            {
                if (inPlace.ContainsKey(test)) planned.Add(TestCell(test));
                continue;
            }
            planned.Add(new PlannedCell(cells[i].Clone(), null));
        }
        return new SubmissionPlan(planned, tampered.ToDictionary(t => t.Key, t => string.Join(", ", t.Value)));
    }

    private static PlannedCell TestCell(AssignmentTest test) =>
        new(IpynbCell.NewCode(test.CellId, test.Visible, new() { [StudentVersion.MetadataKey] = StudentVersion.TestMetadata(test) }), test);
}
