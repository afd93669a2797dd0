namespace DeepImaging.Notebooks.Grading;

/// <summary>
/// An instructor notebook read in the assignment format of notebooks/assignments/README.md: its tests, its solution
/// regions, the names students are asked to write, the data files its cells read, and every way it breaks the format.
/// </summary>
internal sealed class AssignmentSource
{
    private readonly Dictionary<int, string> releasedSources = [];

    private AssignmentSource(IpynbNotebook notebook) => Notebook = notebook;

    /// <summary>The instructor notebook.</summary>
    public IpynbNotebook Notebook { get; }

    /// <summary>The folder the notebook is in: relative data paths in its cells start there.</summary>
    public string Folder => Path.GetDirectoryName(Notebook.Path)!;

    /// <summary>The graded tests, in notebook order.</summary>
    public List<AssignmentTest> Tests { get; } = [];

    /// <summary>The points of all tests.</summary>
    public decimal MaxPoints => Tests.Sum(t => t.Points);

    /// <summary>How the notebook breaks the format, one line each; empty when it follows it.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>
    /// The names the cells with solution regions declare at their top level as students get them (the functions
    /// students write): the only names a test may use without <c>global::</c>.
    /// </summary>
    public HashSet<string> StudentNames { get; } = new(StringComparer.Ordinal);

    /// <summary>Files and folders the cells name by a relative path (e.g. "../../datasets/retina.png"), as written.</summary>
    public List<string> DataPaths { get; } = [];

    /// <summary>The test in the cell at <paramref name="cellIndex"/>, or null.</summary>
    public AssignmentTest? TestAt(int cellIndex) => Tests.FirstOrDefault(t => t.CellIndex == cellIndex);

    /// <summary>The source students get for the cell at <paramref name="cellIndex"/>: solutions replaced, hidden tests removed.</summary>
    public string ReleasedSource(int cellIndex) =>
        releasedSources.TryGetValue(cellIndex, out var released) ? released : Notebook.Cells[cellIndex].Source;

    /// <summary>Reads and checks an instructor notebook; format problems are listed in <see cref="Problems"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not an nbformat 4 notebook.</exception>
    public static AssignmentSource Load(string path)
    {
        var source = new AssignmentSource(IpynbNotebook.Load(path));
        source.ReadCells();
        source.CheckTestNames();
        source.FindDataPaths();
        return source;
    }

    private void ReadCells()
    {
        var ids = new Dictionary<string, int>();
        for (var i = 0; i < Notebook.Cells.Count; i++)
        {
            var cell = Notebook.Cells[i];
            var where = $"cell {i + 1}";
            if (cell.Id is { } id && !ids.TryAdd(id, i))
                Problems.Add($"{where} has the id '{id}' of cell {ids[id] + 1}; give every cell its own id");
            var lines = cell.Source.Split('\n');
            Problems.AddRange(lines.Select(AssignmentMarkers.NearMiss).OfType<string>().Select(p => $"{where}: {p}"));
            var solutions = AssignmentMarkers.Regions(lines, AssignmentMarkers.BeginSolution, AssignmentMarkers.EndSolution, where, Problems);
            var hidden = AssignmentMarkers.Regions(lines, AssignmentMarkers.BeginHidden, AssignmentMarkers.EndHidden, where, Problems);
            var isTest = cell.IsCode && AssignmentMarkers.StartsLikeTest(lines[0]);
            if (solutions.Count > 0 && (!cell.IsCode || isTest))
                Problems.Add($"{where}: a solution region belongs in a code cell that is not a test");
            if (hidden.Count > 0 && !isTest)
                Problems.Add($"{where}: hidden tests belong in a test cell (one whose first line is '// TEST <name> (<points> points)')");
            if (isTest)
                ReadTest(i, cell, lines, hidden, where);
            else if (solutions.Count > 0 && cell.IsCode)
            {
                var released = string.Join("\n", AssignmentMarkers.Replaced(lines, solutions));
                releasedSources[i] = released;
                StudentNames.UnionWith(CodeNames.TopLevelDeclarations(released));
            }
        }
        if (Tests.Count == 0)
            Problems.Add("the notebook has no test cell; a test cell's first line is '// TEST <name> (<points> points)'");
    }

    private void ReadTest(int index, IpynbCell cell, string[] lines, List<(int Begin, int End)> hidden, string where)
    {
        if (AssignmentMarkers.TestHeader(lines[0]) is not var (name, points))
        {
            Problems.Add($"{where}: '{lines[0].Trim()}' is not a test header; write '// TEST <name> (<points> points)', " +
                         "e.g. '// TEST dense-small (2 points)' or '// TEST edge-case (1 point)'");
            return;
        }
        if (points <= 0)
            Problems.Add($"{where}: test {name} is worth {points} points; give it more than 0");
        if (Tests.FirstOrDefault(t => t.Name == name) is { } twin)
            Problems.Add($"{where}: the test name '{name}' is taken by cell {twin.CellIndex + 1}; test names must be unique");

        var visible = string.Join("\n", AssignmentMarkers.Without(lines, hidden));
        var segments = Segments(lines, hidden);
        foreach (var (segment, part) in segments.Select((s, k) => (s, k + 1)))
            foreach (var error in CodeNames.SyntaxErrors(segment.Code))
                Problems.Add($"{where}, test {name}, {(segment.Hidden ? "hidden" : "visible")} part {part}: {error}; " +
                             "a hidden region must hold whole statements at the top level of the cell (not inside a block), " +
                             "because the grader runs it apart from the visible lines");
        releasedSources[index] = visible;
        Tests.Add(new AssignmentTest(name, points, index, cell.Id, cell.Source, visible, segments));
    }

    // Visible parts keep the line numbers students see (blank lines stand for the visible lines before them), so that
    // a compile error's position points into the cell they have. Parts with nothing to run are left out.
    private static List<TestSegment> Segments(string[] lines, List<(int Begin, int End)> hidden)
    {
        var segments = new List<TestSegment>();
        var visibleLinesBefore = 0;
        var start = 0;
        foreach (var (begin, end) in hidden.Append((lines.Length, lines.Length)))
        {
            var visible = lines[start..begin];
            var code = string.Concat(Enumerable.Repeat("\n", visibleLinesBefore)) + string.Join("\n", visible);
            if (!CodeNames.IsEmpty(code))
                segments.Add(new TestSegment(code, Hidden: false));
            visibleLinesBefore += visible.Length;
            if (begin < lines.Length && !CodeNames.IsEmpty(string.Join("\n", lines[(begin + 1)..end])))
                segments.Add(new TestSegment(string.Join("\n", lines[(begin + 1)..end]), Hidden: true));
            start = end + 1;
        }
        return segments;
    }

    // A test looks its unqualified names up among earlier cells first, where a student's own Assert, Math or Tensor
    // would be found before the library's. So a test may use unqualified only what it declares itself and the names
    // students are asked to write; everything else is written in full from global::.
    private void CheckTestNames()
    {
        foreach (var test in Tests)
        {
            var declared = CodeNames.Declarations(test.Source);
            foreach (var (name, line) in CodeNames.SimpleNameUses(test.Source))
            {
                if (name == "_" || declared.Contains(name) || StudentNames.Contains(name))
                    continue;
                Problems.Add(name == "var"
                    ? $"cell {test.CellIndex + 1}, test {test.Name}, line {line}: 'var' would mean a student's own class named var; " +
                      "declare the variable with its type"
                    : $"cell {test.CellIndex + 1}, test {test.Name}, line {line}: '{name}' is neither declared by the test nor " +
                      "one of the names students write, so a student's own '{name}' would be used instead; write it in full " +
                      $"from global:: (e.g. global::System.Math, global::DeepImaging.Tensor)");
            }
        }
    }

    // String literals that name an existing file or folder relative to the notebook (not the notebook's folder or one
    // above it): the grader copies them beside the scratch copy where the submission runs.
    private void FindDataPaths()
    {
        var folder = Path.GetFullPath(Folder);
        var literals = Notebook.Cells.Where(c => c.IsCode).SelectMany(c => CodeNames.StringLiterals(c.Source));
        foreach (var literal in literals.Distinct(StringComparer.Ordinal))
        {
            if (literal.Length is 0 or > 1024 || literal.Contains("://") || literal.IndexOfAny(Path.GetInvalidPathChars()) >= 0 ||
                literal.Any(char.IsControl) || Path.IsPathRooted(literal))
                continue;
            var full = Path.GetFullPath(Path.Combine(folder, literal));
            var isAncestor = (folder + Path.DirectorySeparatorChar).StartsWith(full.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
            if (!isAncestor && (File.Exists(full) || Directory.Exists(full)))
                DataPaths.Add(literal);
        }
    }
}
