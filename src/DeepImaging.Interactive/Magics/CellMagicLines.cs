using System.Runtime.CompilerServices;
using Microsoft.DotNet.Interactive.Commands;

namespace DeepImaging.Interactive.Magics;

/// <summary>
/// The magic-command lines of one cell, split into words once, when the cell first reaches the extension. The kernel's
/// parser binds the bare values of <c>#!params 2 4 1</c> to no parameter and repeated options (<c>--conv ... --pool ...
/// --conv ...</c>) without their order, so <c>#!params</c> and <c>#!network</c> read their own line instead. The kernel
/// runs a cell's commands in the order of their lines: each command takes the next line of its magic.
/// </summary>
internal sealed class CellMagicLines
{
    private static readonly ConditionalWeakTable<SubmitCode, CellMagicLines> cells = new();

    private readonly Dictionary<string, Queue<List<string>>> unclaimed = [];

    private CellMagicLines(string code)
    {
        // The kernel reads directives only at the start of a line.
        Lines = code.Split('\n').Select(line => line.TrimEnd('\r'))
            .Where(line => line.StartsWith("#!", StringComparison.Ordinal))
            .Select(MagicArguments.Words).ToList();
        foreach (var words in Lines)
        {
            if (!unclaimed.TryGetValue(words[0], out var queue))
                unclaimed[words[0]] = queue = new Queue<List<string>>();
            queue.Enqueue(words);
        }
    }

    /// <summary>The lines of <paramref name="cell"/>, read on first use.</summary>
    public static CellMagicLines Of(SubmitCode cell) => cells.GetValue(cell, c => new CellMagicLines(c.Code));

    /// <summary>Every magic line of the cell as its words, the name first, in order.</summary>
    public IReadOnlyList<List<string>> Lines { get; }

    /// <summary>The words after the name on the next line of <paramref name="magic"/> not yet taken (none when every line is taken).</summary>
    public IReadOnlyList<string> Next(string magic)
    {
        lock (unclaimed)
            return unclaimed.TryGetValue(magic, out var queue) && queue.TryDequeue(out var words) ? words[1..] : [];
    }
}
