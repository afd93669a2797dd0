using System.Diagnostics;
using System.Globalization;
using DeepImaging.Notebooks.Grading;

namespace DeepImaging.Notebooks;

/// <summary>
/// <c>deepimaging grade &lt;submission.ipynb&gt; --source &lt;instructor.ipynb&gt; --out DIR</c> grades one submission
/// into DIR; <c>deepimaging grade --submissions FOLDER --source ... --out DIR [--parallel N]</c> grades every .ipynb of
/// the folder into DIR/&lt;name&gt;/ and writes DIR/grades.csv. Exit code 0 when grading completed, whatever the
/// scores; 1 when a submission could not be graded at all, or one scored under <c>--fail-under</c>; 2 for bad
/// arguments (one line saying what would be right, before anything runs or is written); 130 when stopped.
/// </summary>
public static class GradeCommand
{
    /// <summary>The usage lines shown for <c>--help</c>.</summary>
    public const string Usage =
        "usage: deepimaging grade <submission.ipynb> --source <instructor.ipynb> --out DIR [--timeout SECONDS] [--fail-under POINTS]\n" +
        "       deepimaging grade --submissions FOLDER --source <instructor.ipynb> --out DIR [--parallel N] [--timeout SECONDS] [--fail-under POINTS]\n" +
        "  --timeout SECONDS        per cell (default 60); a whole submission may take ten times that, at least 10 minutes\n" +
        "  --total-timeout SECONDS  change that total limit\n" +
        "  --parallel N             submissions graded at once (default 1), each in a kernel process of its own\n" +
        "  --fail-under POINTS      exit with 1 when a submission scores fewer points (for CI)";

    /// <summary>Runs the verb with the arguments that follow <c>grade</c>; returns the exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter progress,
        CancellationToken cancellationToken = default)
    {
        var console = new VerbConsole("grade", Usage, output, progress);
        if (!console.TryStart(args, ["--source FILE", "--out DIR", "--submissions FOLDER", "--timeout SECONDS", "--total-timeout SECONDS",
                "--parallel N", "--fail-under POINTS"], a =>
                (Timeout: a.CellTimeout(GradeOptions.DefaultCellTimeout.TotalSeconds),
                 TotalTimeout: a.Has("--total-timeout")
                     ? a.Number("--total-timeout", 0, RunOptions.MinimumCellTimeout.TotalSeconds, 7 * 24 * 3600, "a number of seconds", note: "a week")
                     : (double?)null,
                 Parallel: a.Parallel("submissions"),
                 FailUnder: a.Number("--fail-under", 0, 0, 1_000_000, "a number of points")),
                out var arguments, out var settings, out var exitCode))
            return exitCode;

        var folderMode = arguments.Has("--submissions");
        if (folderMode && arguments.Values.Count > 0)
            return console.UsageError($"give either a submission or --submissions FOLDER, not both (got '{arguments.Values[0]}' too)");
        if (!folderMode && arguments.Values.Count != 1)
            return console.UsageError(arguments.Values.Count == 0
                ? "name the submission to grade, or --submissions FOLDER for a whole class"
                : $"name one submission (got {arguments.Values.Count}); for several, put them in a folder and give --submissions FOLDER");
        if (!folderMode && arguments.Has("--parallel"))
            return console.UsageError("--parallel applies to --submissions FOLDER; a single submission is graded by one kernel");
        if (!arguments.Has("--source"))
            return console.UsageError("--source is missing: the instructor notebook, with its solutions and hidden tests");
        if (!arguments.Has("--out"))
            return console.UsageError("--out DIR is missing: the folder for result.json, junit.xml, the feedback and the graded notebook");
        if (SourceArgument.Load(arguments.Option("--source", ""), out var sourceError) is not { } source)
            return console.UsageError($"--source: {sourceError}");
        if (source.Problems.Count > 0)
        {
            SourceArgument.WriteProblems(progress, "grade", source);
            return 2;
        }

        var outFolder = Path.GetFullPath(arguments.Option("--out", ""));
        var submissions = new List<(string Path, string Folder)>();
        if (folderMode)
        {
            var folder = Path.GetFullPath(arguments.Option("--submissions", ""));
            if (!Directory.Exists(folder))
                return console.UsageError(File.Exists(folder)
                    ? $"--submissions {folder} is a file; give the folder that holds the submissions (or grade the file without --submissions)"
                    : $"--submissions {folder} does not exist");
            var realSource = RealPath.Of(source.Notebook.Path);
            var files = Directory.EnumerateFiles(folder, "*.ipynb", new EnumerationOptions { IgnoreInaccessible = true })
                .Where(f => !Path.GetFileName(f).StartsWith('.') && !RealPath.Comparer.Equals(RealPath.Of(f), realSource))
                .Order(StringComparer.Ordinal).ToList();
            if (files.Count == 0)
                return console.UsageError($"no submissions (.ipynb) in {folder}");
            submissions.AddRange(files.Select(f => (f, Path.Combine(outFolder, Path.GetFileNameWithoutExtension(f)))));
        }
        else
        {
            var submission = Path.GetFullPath(arguments.Values[0]);
            if (Directory.Exists(submission))
                return console.UsageError($"{submission} is a folder; to grade every notebook in it, give --submissions {submission}");
            if (!File.Exists(submission))
                return console.UsageError($"{submission} does not exist");
            if (!submission.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase))
                return console.UsageError($"{submission} is not a notebook: expected a .ipynb file");
            submissions.Add((submission, outFolder));
        }
        if (Overwritten(submissions, source, outFolder, folderMode) is { } overwritten)
            return console.UsageError(overwritten);
        if (OutputFolder.CheckWritable(outFolder, "the grades") is { } unwritable)
            return console.UsageError(unwritable);

        var total = Stopwatch.StartNew();
        var options = new GradeOptions
        {
            CellTimeout = TimeSpan.FromSeconds(settings.Timeout),
            TotalLimit = settings.TotalTimeout is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
        };
        var assignment = SourceArgument.AssignmentName(source);
        var grades = new SubmissionGrade?[submissions.Count];
        void Report(string line)
        {
            lock (progress)
                progress.WriteLine($"[{total.Elapsed.TotalSeconds,6:0.0} s] {line}");
        }
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, submissions.Count),
                new ParallelOptions { MaxDegreeOfParallelism = (int)settings.Parallel, CancellationToken = cancellationToken },
                async (i, cancellationToken) =>
            {
                var (path, folder) = submissions[i];
                var name = Path.GetFileName(path);
                Report($"{name}: grading");
                var clock = Stopwatch.StartNew();
                SubmissionGrade grade;
                try
                {
                    grade = await Grader.GradeAsync(source, path,
                        options with { Progress = new LineReporter(line => Report($"{name}: {line}")) }, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Whatever went wrong with one submission, the class's other submissions are still graded.
                    grade = Grader.Ungradable(source, name, $"the grader failed: {e.GetType().Name}: {e.Message}", clock.Elapsed);
                }
                GradeReport.Write(grade, folder, assignment);
                grades[i] = grade;
                Report($"{name}: {Points(grade.Total)} / {Points(grade.Max)} points, {grade.Status}, in {grade.Duration.TotalSeconds:0.0} s");
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            progress.WriteLine("deepimaging grade: stopped; every kernel was killed" + (folderMode ? " and no grades.csv was written" : ""));
            return 130;
        }

        var graded = grades.Select(g => g!).ToList();
        if (folderMode)
        {
            var csv = GradesCsv.Write(source.Tests.Select(t => t.Name).ToList(),
                graded.Select((g, i) => (Path.GetFileNameWithoutExtension(submissions[i].Path), g)));
            AtomicFile.WriteAllText(Path.Combine(outFolder, "grades.csv"), csv);
        }
        WriteSummary(output, graded, total.Elapsed, folderMode ? Path.Combine(outFolder, "grades.csv") : outFolder);

        var ungradable = graded.Where(g => g.Status == SubmissionGrade.Error).ToList();
        var under = arguments.Has("--fail-under") ? graded.Where(g => g.Status != SubmissionGrade.Error && g.Total < (decimal)settings.FailUnder).ToList() : [];
        foreach (var g in ungradable)
            progress.WriteLine($"deepimaging grade: {g.Submission} could not be graded: {g.Cells[0].Message}");
        foreach (var g in under)
            progress.WriteLine($"deepimaging grade: {g.Submission} scored {Points(g.Total)} points, under --fail-under {settings.FailUnder.ToString(CultureInfo.InvariantCulture)}");
        return ungradable.Count > 0 || under.Count > 0 ? 1 : 0;
    }

    // Every file grading writes, compared with the notebooks it reads, as real paths (links resolved).
    private static string? Overwritten(List<(string Path, string Folder)> submissions, AssignmentSource source, string outFolder, bool folderMode)
    {
        var inputs = new HashSet<string>(submissions.Select(s => RealPath.Of(s.Path)).Append(RealPath.Of(source.Notebook.Path)), RealPath.Comparer);
        var outputs = submissions.SelectMany(s => GradeReport.FileNames.Append(Path.GetFileName(s.Path)).Select(f => Path.Combine(s.Folder, f)));
        if (folderMode)
            outputs = outputs.Append(Path.Combine(outFolder, "grades.csv"));
        foreach (var output in outputs)
            if (inputs.Contains(RealPath.Of(output)))
                return $"grading into {outFolder} would overwrite {output}, which it reads; choose another --out, e.g. {Path.Combine(outFolder, "graded")}";
        return null;
    }

    private static void WriteSummary(TextWriter output, List<SubmissionGrade> grades, TimeSpan total, string written)
    {
        var width = Math.Max("submission".Length, grades.Max(g => g.Submission.Length));
        output.WriteLine();
        output.WriteLine($"{"submission".PadRight(width)}  {"points",11}  status      tampered");
        foreach (var g in grades)
            output.WriteLine($"{g.Submission.PadRight(width)}  {Points(g.Total),5} / {Points(g.Max),-3}  {g.Status,-10}  " +
                             (g.Tampered.Count == 0 ? "-" : string.Join(", ", g.Tampered.Keys)));
        output.WriteLine($"{grades.Count} submission{(grades.Count == 1 ? "" : "s")} graded in {total.TotalSeconds:0.0} s: {written}");
    }

    private static string Points(decimal points) => points.ToString(CultureInfo.InvariantCulture);
}
