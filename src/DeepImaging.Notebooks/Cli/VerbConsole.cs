using System.Diagnostics.CodeAnalysis;

namespace DeepImaging.Notebooks;

/// <summary>
/// Where a verb talks to its user about its arguments: the usage on standard output for <c>--help</c>, and a usage
/// error as one line "deepimaging VERB: what would be right" on standard error with exit code 2. Shared by the tool's verbs.
/// </summary>
/// <param name="verb">The verb, for messages (e.g. "run").</param>
/// <param name="usage">The usage text <c>--help</c> shows.</param>
/// <param name="output">Standard output.</param>
/// <param name="progress">Standard error.</param>
internal sealed class VerbConsole(string verb, string usage, TextWriter output, TextWriter progress)
{
    /// <summary>Writes "deepimaging VERB: <paramref name="message"/>" to standard error; returns 2, the exit code for bad arguments.</summary>
    public int UsageError(string message)
    {
        progress.WriteLine($"deepimaging {verb}: {message}");
        return 2;
    }

    /// <summary>
    /// The start every verb shares: splits <paramref name="args"/> and reads the verb's options with
    /// <paramref name="readOptions"/> (both may find a <see cref="UsageException"/>). False when the verb is done already,
    /// with <paramref name="exitCode"/> 2 after a usage error or 0 after <c>--help</c> showed the usage.
    /// </summary>
    /// <param name="args">The arguments after the verb.</param>
    /// <param name="optionForms">The options the verb takes, each with a word for its value (e.g. "--out DIR").</param>
    /// <param name="readOptions">Reads and checks the values of the verb's options.</param>
    /// <param name="arguments">The arguments, when the verb goes on.</param>
    /// <param name="options">What <paramref name="readOptions"/> read, when the verb goes on.</param>
    /// <param name="exitCode">The verb's exit code when it is done already.</param>
    public bool TryStart<TOptions>(IReadOnlyList<string> args, string[] optionForms, Func<VerbArguments, TOptions> readOptions,
        [NotNullWhen(true)] out VerbArguments? arguments, [MaybeNullWhen(false)] out TOptions options, out int exitCode)
    {
        (arguments, options, exitCode) = (null, default, 0);
        try
        {
            var parsed = VerbArguments.Parse(verb, args, optionForms);
            var read = readOptions(parsed);
            if (parsed.Help)
            {
                output.WriteLine(usage);
                return false;
            }
            (arguments, options) = (parsed, read);
            return true;
        }
        catch (UsageException e)
        {
            exitCode = UsageError(e.Message);
            return false;
        }
    }
}
