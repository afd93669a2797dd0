using System.Diagnostics;
using System.Globalization;

namespace DeepImaging.Notebooks;

/// <summary>
/// <c>deepimaging run &lt;notebook or folder&gt;... [--out DIR] [--timeout SECONDS] [--parallel N]</c>: runs
/// notebooks, publishes the executed notebooks and their pages with an index, prints progress and a summary.
/// Exit code 0 when every cell succeeded, 1 when a cell failed or timed out, 2 for bad input.
/// </summary>
public static class RunCommand
{
    /// <summary>The usage line shown for <c>--help</c> and after a usage error.</summary>
    public const string Usage =
        "usage: deepimaging run <notebook.ipynb or folder>... [--out DIR (default artifacts/site)] " +
        "[--timeout SECONDS per cell (default 120)] [--parallel N (default 1)]";

    // Each notebook runs in its own kernel process of a few hundred megabytes: more than this at once is a typo.
    private const int MaxParallel = 64;

    /// <summary>Runs the verb with the arguments that follow <c>run</c>; returns the exit code.</summary>
    /// <param name="args">The arguments after the verb.</param>
    /// <param name="output">Where the summary goes (standard output).</param>
    /// <param name="progress">Where progress and errors go (standard error).</param>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter progress)
    {
        var inputs = new List<string>();
        var outputFolder = Path.Combine("artifacts", "site");
        var timeout = 120.0;
        var parallel = 1;
        for (var i = 0; i < args.Count; i++)
        {
            var option = args[i];
            if (option is "-h" or "--help")
            {
                output.WriteLine(Usage);
                return 0;
            }
            if (!option.StartsWith("--"))
            {
                inputs.Add(option);
                continue;
            }
            if (option is not ("--out" or "--timeout" or "--parallel"))
                return UsageError(progress, $"unknown option '{option}'");
            if (i + 1 >= args.Count)
                return UsageError(progress, $"{option} needs a value");
            var value = args[++i];
            switch (option)
            {
                case "--out":
                    outputFolder = value;
                    break;
                // Range checks before conversion: 1e300 seconds would overflow a TimeSpan.
                case "--timeout" when double.TryParse(value, CultureInfo.InvariantCulture, out timeout) &&
                                      timeout >= RunOptions.MinimumCellTimeout.TotalSeconds &&
                                      timeout <= RunOptions.MaximumCellTimeout.TotalSeconds:
                    break;
                case "--timeout":
                    return UsageError(progress, $"--timeout must be a number of seconds from " +
                        $"{RunOptions.MinimumCellTimeout.TotalSeconds} to {RunOptions.MaximumCellTimeout.TotalSeconds} " +
                        $"(24 hours), not '{value}'");
                case "--parallel" when int.TryParse(value, CultureInfo.InvariantCulture, out parallel) &&
                                       parallel >= 1 && parallel <= MaxParallel:
                    break;
                case "--parallel":
                    return UsageError(progress, $"--parallel must be a whole number of notebooks from 1 to {MaxParallel}, " +
                        $"not '{value}'");
            }
        }
        if (inputs.Count == 0)
            return UsageError(progress, "name at least one notebook or folder");

        // Everything is checked before anything runs or is written: bad input leaves no half-made site (the
        // writability check removes the folders it had to create).
        outputFolder = Path.GetFullPath(outputFolder);
        var notebooks = new List<(string Path, string RelativePath)>();
        var errors = new List<string>();
        foreach (var input in inputs)
            notebooks.AddRange(Discover(input, outputFolder, errors));
        foreach (var (path, _) in notebooks)
        {
            try
            {
                NotebookFile.Load(path);
            }
            catch (Exception e) when (e is InvalidDataException or FileNotFoundException or IOException or UnauthorizedAccessException)
            {
                errors.Add(e.Message);
            }
        }
        foreach (var clash in notebooks.GroupBy(n => n.RelativePath).Where(g => g.Count() > 1))
            errors.Add($"{string.Join(" and ", clash.Select(n => n.Path))} would both be written as {clash.Key}.ipynb");
        if (errors.Count == 0 && notebooks.Count == 0)
            errors.Add($"no notebooks (.ipynb) found in {string.Join(", ", inputs)}");
        if (errors.Count == 0 && CheckWritable(outputFolder) is { } unwritable)
            errors.Add(unwritable);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
                progress.WriteLine($"deepimaging run: {error}");
            return 2;
        }

        var results = new NotebookResult?[notebooks.Count];
        var total = Stopwatch.StartNew();
        var reporter = new Progress(progress, total);
        var options = new RunOptions { CellTimeout = TimeSpan.FromSeconds(timeout), Progress = reporter };
        var runner = new NotebookRunner();
        await Parallel.ForEachAsync(Enumerable.Range(0, notebooks.Count),
            new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, cancellationToken) =>
            {
                var (path, relativePath) = notebooks[i];
                reporter.Write($"{Path.GetFileName(path)}: starting");
                var result = await runner.RunAsync(path, options, cancellationToken);
                SiteWriter.WriteNotebook(result, outputFolder, relativePath);
                results[i] = result;
                reporter.Write($"{result.FileName}: {result.StatusText} in {result.Duration.TotalSeconds:0.0} s");
                if (result.FirstFailure is { } failure)
                    reporter.Write(failure.Describe(result.FileName));
                if (result.KernelError is { } kernelError)
                    reporter.Write($"{result.FileName}: {kernelError}");
            });
        var entries = results.Select((r, i) => (r!, notebooks[i].RelativePath)).ToList();
        SiteWriter.WriteIndex(entries, outputFolder);

        WriteSummary(output, entries.Select(e => e.Item1).ToList(), total.Elapsed);
        output.WriteLine($"site: {Path.Combine(outputFolder, "index.html")}");
        return results.All(r => r!.Succeeded) ? 0 : 1;
    }

    /// <summary>
    /// The notebooks an argument names: the file itself; the course notebooks of a folder with a course plan (see
    /// <see cref="CoursePlan"/>); or every .ipynb below another folder (subfolders included, hidden folders, checkpoints
    /// and the output folder skipped), in course order (see <see cref="CourseOrder"/>).
    /// </summary>
    internal static IEnumerable<(string Path, string RelativePath)> Discover(string input, string outputFolder, List<string> errors)
    {
        var full = Path.GetFullPath(input);
        if (File.Exists(full))
            return [(full, Path.GetFileNameWithoutExtension(full))];
        if (!Directory.Exists(full))
        {
            errors.Add($"{input} does not exist");
            return [];
        }
        if (CoursePlan.Exists(full))
            return CoursePlan.NotebooksToRun(full, errors);
        return Directory.EnumerateFiles(full, "*.ipynb", SearchOption.AllDirectories)
            .Select(path => (Path: path, Relative: Path.GetRelativePath(full, path).Replace('\\', '/')))
            .Where(n => !n.Relative.Split('/').Any(part => part.StartsWith('.')) &&
                        !IsUnder(n.Path, outputFolder))
            .OrderBy(n => n.Relative, CourseOrder.Instance)
            .Select(n => (n.Path, n.Relative[..^".ipynb".Length]))
            .ToList();
    }

    private static bool IsUnder(string path, string folder) =>
        path.StartsWith(folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    // Writes and deletes a probe file in the folder. Folders created for the probe are removed again, so that a
    // refused run leaves nothing behind; the site writer creates them for real.
    private static string? CheckWritable(string folder)
    {
        var created = FirstMissingFolder(folder);
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-check-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot write to the output folder {folder}: {e.Message}";
        }
        finally
        {
            if (created is not null && Directory.Exists(created))
                Directory.Delete(created, recursive: true);
        }
    }

    // The outermost folder on the way to `folder` that does not exist yet, or null if `folder` exists.
    private static string? FirstMissingFolder(string folder)
    {
        string? missing = null;
        for (var f = folder; f is not null && !Directory.Exists(f) && !File.Exists(f); f = Path.GetDirectoryName(f))
            missing = f;
        return missing;
    }

    private static void WriteSummary(TextWriter output, IReadOnlyList<NotebookResult> results, TimeSpan total)
    {
        var width = Math.Max("notebook".Length, results.Max(r => r.FileName.Length));
        output.WriteLine();
        output.WriteLine($"{"notebook".PadRight(width)}  {"cells",5}  {"seconds",7}  status");
        foreach (var r in results)
            output.WriteLine($"{r.FileName.PadRight(width)}  {r.Cells.Count,5}  {r.Duration.TotalSeconds,7:0.0}  {r.StatusText}");
        var failed = results.Count(r => !r.Succeeded);
        output.WriteLine($"{results.Count} notebooks, {results.Count - failed} succeeded, {failed} failed, " +
                         $"{total.TotalSeconds:0.0} s in all");
        foreach (var r in results)
        {
            if (r.FirstFailure is { } failure)
                output.WriteLine(failure.Describe(r.FileName));
            if (r.KernelError is { } kernelError)
                output.WriteLine($"{r.FileName}: {kernelError}");
        }
    }

    private static int UsageError(TextWriter progress, string message)
    {
        progress.WriteLine($"deepimaging run: {message}");
        progress.WriteLine(Usage);
        return 2;
    }

    // Progress lines on standard error: notebook and cell i/n as a cell starts, and as it ends with its status,
    // its time and the notebook's.
    private sealed class Progress(TextWriter writer, Stopwatch total) : IProgress<CellProgress>
    {
        public void Report(CellProgress value)
        {
            if (value.Result is not { } cell)
            {
                Write($"{Path.GetFileName(value.NotebookPath)}: cell {value.CellNumber}/{value.CellCount} running... " +
                      $"(notebook {value.Elapsed.TotalSeconds:0.0} s)");
                return;
            }
            var status = cell.Status switch
            {
                CellStatus.Succeeded => "ok",
                CellStatus.TimedOut => "TIMED OUT",
                CellStatus.NotRun => "not run",
                _ => "FAILED",
            };
            Write($"{Path.GetFileName(value.NotebookPath)}: cell {value.CellNumber}/{value.CellCount} {status} " +
                  $"({cell.Duration.TotalSeconds:0.0} s, notebook {value.Elapsed.TotalSeconds:0.0} s)");
        }

        public void Write(string line)
        {
            lock (writer)
                writer.WriteLine($"[{total.Elapsed.TotalSeconds,6:0.0} s] {line}");
        }
    }
}
