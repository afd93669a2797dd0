using System.Text.Json;

namespace DeepImaging.Notebooks.Tests.RealKernel;

/// <summary>A notebook as <c>jupyter nbconvert --execute</c> wrote it: its code cells with their outputs.</summary>
/// <param name="File">The notebook's path in notebooks/ (e.g. <c>04-convolution.ipynb</c>).</param>
/// <param name="ExitCode">nbconvert's exit code.</param>
/// <param name="Log">What nbconvert printed.</param>
/// <param name="Cells">The executed code cells, in order; empty when nbconvert wrote nothing.</param>
internal sealed record ExecutedNotebook(string File, int ExitCode, string Log, IReadOnlyList<ExecutedCell> Cells)
{
    /// <summary>Reads the executed copy nbconvert wrote (none when it failed before writing).</summary>
    public static ExecutedNotebook Read(string file, int exitCode, string log, string executedPath)
    {
        if (!System.IO.File.Exists(executedPath))
            return new ExecutedNotebook(file, exitCode, log, []);
        using var document = JsonDocument.Parse(System.IO.File.ReadAllText(executedPath));
        var cells = document.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")
            .Select(ExecutedCell.From).ToList();
        return new ExecutedNotebook(file, exitCode, log, cells);
    }

    /// <summary>How many times nbconvert ran it (more than once only after the kernel lost the start-up port race).</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>Every error output, as "cell n: name: value".</summary>
    public IEnumerable<string> Errors => Cells.SelectMany((c, i) => c.Errors.Select(e => $"code cell {i + 1}: {e}"));

    /// <summary>All outputs as text: streams, plain text, and HTML with its markup removed.</summary>
    public string Text => string.Join("\n", Cells.Select(c => c.Text));

    /// <summary>The first code cell with a line that starts with <paramref name="code"/>.</summary>
    public ExecutedCell CellWithLineStarting(string code) =>
        Cells.FirstOrDefault(c => c.Source.ReplaceLineEndings("\n").Split('\n').Any(l => l.TrimStart().StartsWith(code, StringComparison.Ordinal)))
        ?? throw new Xunit.Sdk.XunitException($"{File} has no code cell with a line starting with '{code}'");
}
