using System.Diagnostics;
using Microsoft.DotNet.Interactive.Documents;

namespace DeepImaging.Notebooks;

/// <summary>
/// <c>deepimaging run &lt;notebook or folder&gt;... [--out DIR] [--timeout SECONDS] [--parallel N] [--memory GB]</c>:
/// runs notebooks, publishes the executed notebooks and their pages with an index, prints progress and a summary.
/// Exit code 0 when every cell succeeded, 1 when a cell failed or timed out, 2 for bad input (one line saying what
/// would be right, before anything runs or is written), 130 when stopped (Ctrl+C).
/// </summary>
public static class RunCommand
{
    /// <summary>The usage line shown for <c>--help</c>.</summary>
    public const string Usage =
        "usage: deepimaging run <notebook.ipynb or folder>... [--out DIR (default artifacts/site)] " +
        "[--timeout SECONDS per cell (default 120)] [--parallel N (default 1)] [--memory GB per kernel (default 2)]";

    /// <summary>Runs the verb with the arguments that follow <c>run</c>; returns the exit code.</summary>
    /// <param name="args">The arguments after the verb.</param>
    /// <param name="output">Where the summary goes (standard output).</param>
    /// <param name="progress">Where progress and errors go (standard error).</param>
    /// <param name="cancellationToken">Stops the run (Ctrl+C): every kernel is killed, nothing more is written.</param>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter progress,
        CancellationToken cancellationToken = default)
    {
        var console = new VerbConsole("run", Usage, output, progress);
        if (!console.TryStart(args, ["--out DIR", "--timeout SECONDS", "--parallel N", "--memory GB"], a =>
                (Timeout: a.CellTimeout(120), Parallel: a.Parallel("notebooks"),
                 Memory: a.Number("--memory", KernelProcess.DefaultMemoryLimitGigabytes, RunOptions.MinimumMemoryLimitGigabytes,
                     RunOptions.MaximumMemoryLimitGigabytes, "a number of GB per kernel")),
                out var arguments, out var settings, out var exitCode))
            return exitCode;
        if (arguments.Values.Count == 0)
            return console.UsageError($"name at least one notebook or folder: {Usage["usage: ".Length..]}");

        // Everything is checked before anything runs or is written: bad input leaves no half-made site (the
        // writability check removes the folders it had to create).
        var outputFolder = Path.GetFullPath(arguments.Option("--out", Path.Combine("artifacts", "site")));
        var errors = new List<string>();
        var notebooks = SiteInputs.Find(arguments.Values, outputFolder, errors);
        // Each notebook is loaded once: to check it now, to plan its page (its title) and to run it.
        var documents = new List<InteractiveDocument>();
        var pages = new List<SitePage>();
        foreach (var (path, relativePath) in notebooks)
        {
            try
            {
                documents.Add(NotebookFile.Load(path));
                pages.Add(new SitePage(relativePath, NotebookFile.TitleOf(documents[^1], path)));
            }
            catch (Exception e) when (e is InvalidDataException or FileNotFoundException or IOException or UnauthorizedAccessException)
            {
                errors.Add(e.Message);
            }
        }
        foreach (var clash in notebooks.GroupBy(n => n.RelativePath).Where(g => g.Count() > 1))
            errors.Add($"{string.Join(" and ", clash.Select(n => n.Path))} would both be written as {clash.Key}.ipynb");
        if (errors.Count == 0 && notebooks.Count == 0)
            errors.Add($"no notebooks (.ipynb) found in {string.Join(", ", arguments.Values)}");
        if (errors.Count == 0 && SiteInputs.Overwritten(notebooks, outputFolder) is { } overwritten)
            errors.Add(overwritten);
        if (errors.Count == 0 && OutputFolder.CheckWritable(outputFolder, "the site") is { } unwritable)
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
        var options = new RunOptions
        {
            CellTimeout = TimeSpan.FromSeconds(settings.Timeout), MemoryLimitGigabytes = settings.Memory, Progress = reporter,
        };
        var runner = new NotebookRunner();
        var site = new SiteWriter(outputFolder, pages);
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, notebooks.Count),
                new ParallelOptions { MaxDegreeOfParallelism = (int)settings.Parallel, CancellationToken = cancellationToken },
                async (i, cancellationToken) =>
            {
                var path = notebooks[i].Path;
                reporter.Write($"{Path.GetFileName(path)}: starting");
                var result = await runner.RunAsync(path, documents[i], options, cancellationToken);
                site.WriteNotebook(pages[i], result);
                results[i] = result;
                reporter.Write($"{result.FileName}: {result.StatusText} in {result.Duration.TotalSeconds:0.0} s");
                if (result.FirstFailure is { } failure)
                    reporter.Write(failure.Describe(result.FileName));
                if (result.KernelError is { } kernelError)
                    reporter.Write($"{result.FileName}: {kernelError}");
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            progress.WriteLine("deepimaging run: stopped; every kernel was killed and no index was written");
            return 130;
        }
        var finished = results.Select(r => r!).ToList();
        site.WriteIndex(finished);

        WriteSummary(output, finished, total.Elapsed);
        output.WriteLine($"site: {Path.Combine(outputFolder, "index.html")}");
        return finished.All(r => r.Succeeded) ? 0 : 1;
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
