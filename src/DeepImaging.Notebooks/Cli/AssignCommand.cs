using DeepImaging.Notebooks.Grading;

namespace DeepImaging.Notebooks;

/// <summary>
/// <c>deepimaging assign &lt;instructor.ipynb&gt; --out DIR [--timeout SECONDS]</c>: validates the instructor notebook
/// (see <see cref="ValidateCommand"/>) and, only if its own solution passes every test, writes the student version
/// to <c>DIR/&lt;same file name&gt;</c> (see <see cref="StudentVersion"/>). Exit code 0 when written, 1 when refused
/// (the failing test named), 2 for bad arguments.
/// </summary>
public static class AssignCommand
{
    /// <summary>The usage line shown for <c>--help</c>.</summary>
    public const string Usage = "usage: deepimaging assign <instructor.ipynb> --out DIR [--timeout SECONDS per cell (default 60)]";

    /// <summary>Runs the verb with the arguments that follow <c>assign</c>; returns the exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter progress,
        CancellationToken cancellationToken = default)
    {
        var console = new VerbConsole("assign", Usage, output, progress);
        if (!console.TryStart(args, ["--out DIR", "--timeout SECONDS"], a => a.CellTimeout(GradeOptions.DefaultCellTimeout.TotalSeconds),
                out var arguments, out var timeout, out var exitCode))
            return exitCode;
        if (arguments.Values.Count != 1)
            return console.UsageError($"name one instructor notebook: {Usage["usage: ".Length..]}");
        if (!arguments.Has("--out"))
            return console.UsageError("--out DIR is missing: the folder for the student version");
        if (SourceArgument.Load(arguments.Values[0], out var error) is not { } source)
            return console.UsageError(error!);
        var folder = Path.GetFullPath(arguments.Option("--out", ""));
        var target = Path.Combine(folder, source.Notebook.FileName);
        if (RealPath.Comparer.Equals(RealPath.Of(target), RealPath.Of(source.Notebook.Path)))
            return console.UsageError($"the student version {target} would overwrite the instructor notebook; choose another --out");
        if (OutputFolder.CheckWritable(folder, "the student version") is { } unwritable)
            return console.UsageError(unwritable);

        if (!await ValidateCommand.ValidateAsync(source, TimeSpan.FromSeconds(timeout), output, progress, "assign", cancellationToken))
        {
            progress.WriteLine($"deepimaging assign: {source.Notebook.FileName} was not released: fix the problems above first");
            return 1;
        }
        AtomicFile.WriteAllText(target, StudentVersion.Make(source));
        output.WriteLine($"student version: {target}");
        return 0;
    }

}
