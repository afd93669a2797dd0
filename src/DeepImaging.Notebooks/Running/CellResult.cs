using System.Text.Json.Serialization;

namespace DeepImaging.Notebooks;

/// <summary>The outcome of one cell of a notebook run.</summary>
public sealed class CellResult
{
    /// <summary>The cell's position in the notebook, counting every cell (markdown too) from 1.</summary>
    public int Number { get; init; }

    /// <summary>The kernel the cell is written for ("csharp", "markdown", "python", ...).</summary>
    public string KernelName { get; init; } = "";

    /// <summary>The cell's source.</summary>
    public string Code { get; init; } = "";

    /// <summary>What happened to the cell.</summary>
    public CellStatus Status { get; init; }

    /// <summary>The outputs, in the order the kernel produced them.</summary>
    public List<CellOutput> Outputs { get; init; } = [];

    /// <summary>Why the cell failed or timed out; null when it did not.</summary>
    public string? Error { get; init; }

    /// <summary>How long the cell ran.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>The execution count shown as "In [n]" (code cells that ran, counted from 1); 0 if it did not run.</summary>
    public int ExecutionCount { get; init; }

    /// <summary>All outputs as readable text, one per line: what a test searches for the numbers a cell printed.</summary>
    [JsonIgnore]
    public string OutputText => string.Join("\n", Outputs.Select(o => o.PlainText));

    /// <summary>
    /// A report of a failed or timed-out cell: notebook, cell number, the first lines of its code and the error.
    /// </summary>
    /// <param name="notebookName">The notebook's file name, as the report should name it.</param>
    /// <param name="codeLines">How many lines of the cell's code to quote.</param>
    public string Describe(string notebookName, int codeLines = 3)
    {
        var lines = Code.ReplaceLineEndings("\n").Split('\n');
        var quoted = lines.Take(codeLines).Select(line => "    | " + line);
        var more = lines.Length > codeLines ? ["    | ..."] : Array.Empty<string>();
        var what = Status == CellStatus.TimedOut ? "timed out" : "failed";
        return $"cell {Number} of {notebookName} {what}: {Error}\n{string.Join("\n", quoted.Concat(more))}";
    }
}
