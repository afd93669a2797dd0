using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Directives;

namespace DeepImaging.Interactive.Magics;

/// <summary>
/// One-line messages, with "did you mean ...?", for magic-command lines the kernel cannot parse. The kernel rejects such a
/// cell before anything in it runs, with a coded message (<c>(1,1): error DNI101: Unknown magic command '#!cnov'</c>) and
/// a stray <c>Microsoft.CodeAnalysis.Diagnostic[]</c> on standard error, and it reads a negative number such as the
/// <c>-3</c> of <c>#!params -3 4</c> as an option name. The kernel reports the error from a command it sends through the
/// root kernel's middleware; here a middleware reads the cell, and when it finds an error the parser certainly rejected
/// (an unknown magic command, an unknown option of one of the extension's magics, a negative layer size, an <c>@name</c>
/// with no such variable) it fails the cell with its own message first, so the kernel's report is not shown.
/// </summary>
internal static partial class DirectiveErrors
{
    /// <summary>Adds the middleware to the root kernel of <paramref name="csharp"/> (the kernel itself when it has no root).</summary>
    public static void AddTo(CSharpKernel csharp)
    {
        var root = csharp.RootKernel;
        root.AddMiddleware(async (command, context, next) =>
        {
            // Splitting a cell, the kernel may first ask for @values and inputs; the command that reports its error comes after them.
            if (command.Parent is SubmitCode cell && context.Command == cell && command is not (RequestValue or RequestInput or RequestInputs)
                && Explain(CellMagicLines.Of(cell), root, csharp) is { } message)
            {
                context.Fail(cell, message: message);
                return;
            }
            await next(command, context);
        });
    }

    /// <summary>
    /// The message for the first magic-command line of a cell that the kernel cannot have accepted, or null when every
    /// line is one this class has nothing to say about (the kernel then runs or reports the cell itself).
    /// </summary>
    private static string? Explain(CellMagicLines cell, Kernel root, CSharpKernel csharp)
    {
        HashSet<string>? known = null;
        foreach (var words in cell.Lines)
        {
            string name = words[0];
            known ??= KnownDirectives(root);
            if (!known.Contains(name))
                return Suggestion.Closest(name, known.Where(k => k.Length > 2)) is { } closest
                    ? $"Unknown magic command {name}; did you mean {closest}? (#!lsmagic lists them all)"
                    : $"Unknown magic command {name} (#!lsmagic lists them all; this extension adds {string.Join(", ", Magic.All.Select(m => m.Name))}).";
            if (csharp.KernelInfo.SupportedDirectives.OfType<KernelActionDirective>().FirstOrDefault(d => d.Name == name) is { } directive
                && Magic.All.Any(m => m.Name == name)
                && ExplainOptions(directive, words, csharp) is { } message)
                return message;
        }
        return null;
    }

    /// <summary>Every name the kernel's parser accepts after #!: kernel names and aliases, and every kernel's directives.</summary>
    private static HashSet<string> KnownDirectives(Kernel root)
    {
        var kernels = root is CompositeKernel composite ? composite.ChildKernels.Prepend(root) : [root];
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var info in kernels.Select(k => k.KernelInfo))
        {
            names.Add("#!" + info.LocalName);
            foreach (var alias in info.Aliases) names.Add("#!" + alias);
            foreach (var directive in info.SupportedDirectives) names.Add(directive.Name);
        }
        return names;
    }

    /// <summary>
    /// Walks the words of one of the extension's magic lines as the parser does: a word starting with '-' is an option name,
    /// and a non-flag option takes the next word as its value unless that starts with "--".
    /// </summary>
    private static string? ExplainOptions(KernelActionDirective directive, List<string> words, CSharpKernel csharp)
    {
        string magic = directive.Name;
        foreach (var word in words.Skip(1).Where(w => w.StartsWith('@') && MagicArguments.IsIdentifier(w[1..])))
        {
            // The kernel reads @values before the cell runs, through ValueSharing, so this is what it found.
            if (!csharp.TryGetValue<object>(word[1..], out var value) || value is null)
                return $"{magic}: {word}: there is no C# variable named {word[1..]} yet (@ values are read before the cell runs); " +
                       "run the cell that defines it first, or write the values, e.g. \"0 1; 2 3\".";
            try
            {
                ValueSharing.CheckShareable(word[1..], value);
            }
            catch (ArgumentException e)
            {
                return $"{magic}: {word}: {e.Message}";
            }
        }
        var options = directive.Parameters.Where(p => p.Name.StartsWith('-')).ToDictionary(p => p.Name);
        var occurrences = new Dictionary<string, int>();
        for (int i = 1; i < words.Count; i++)
        {
            string word = words[i];
            if (!word.StartsWith('-')) continue;
            if (options.TryGetValue(word, out var option))
            {
                int count = occurrences[word] = occurrences.GetValueOrDefault(word) + 1;
                if (count > option.MaxOccurrences)
                    return option.MaxOccurrences == 1
                        ? $"{magic}: {word} is given more than once; give it once (see {magic} -h)."
                        : $"{magic}: {word} is given more than {option.MaxOccurrences} times; give it at most {option.MaxOccurrences} times (see {magic} -h).";
                if (!option.Flag && i + 1 < words.Count && !words[i + 1].StartsWith("--", StringComparison.Ordinal))
                    i++; // its value, which may start with a single '-' (--padding -1 reaches the magic, which explains it)
                continue;
            }
            if (NegativeNumber().IsMatch(word) && magic is "#!params" or "#!network")
                return LayerSizeError(magic, words);
            return Suggestion.Closest(word, options.Keys.Where(o => o.StartsWith("--", StringComparison.Ordinal))) is { } closest
                ? $"{magic}: unknown option {word}; did you mean {closest}? (see {magic} -h)"
                : $"{magic}: unknown option {word}; the options are {string.Join(", ", options.Keys.Where(o => o != "-h"))} (see {magic} -h).";
        }
        return null;
    }

    /// <summary>The magic's own message for its layer sizes (e.g. "#!params: layer size 1 must be >= 1, got -3.").</summary>
    private static string LayerSizeError(string magic, List<string> words)
    {
        try
        {
            NetworkArguments.Summary(magic, [.. words.Skip(1)]);
            return $"{magic}: layer sizes must be whole numbers >= 1; see {magic} -h.";
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    [GeneratedRegex(@"^-\d+(\.\d*)?([eE][-+]?\d+)?$")]
    private static partial Regex NegativeNumber();
}
