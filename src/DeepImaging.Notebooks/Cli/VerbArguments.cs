using System.Globalization;

namespace DeepImaging.Notebooks;

/// <summary>
/// The arguments after a verb, split into values (notebooks, folders) and <c>--name value</c> (or
/// <c>--name=value</c>) options, with every value checked: an empty, blank, over-long or NUL-holding argument, an
/// unknown or repeated option, or an option without its value is a <see cref="UsageException"/> saying what would be
/// right. A verb declares its options and reads them; <c>--</c> ends the options. Shared by the tool's verbs.
/// </summary>
internal sealed class VerbArguments
{
    /// <summary>The longest argument accepted: longer than any path a file system allows.</summary>
    public const int MaxLength = 4096;

    /// <summary>
    /// The most <c>--parallel</c> accepts: each notebook or submission runs in its own kernel process of a few hundred
    /// megabytes, so more than this at once is a typo.
    /// </summary>
    public const int MaxParallel = 64;

    private readonly Dictionary<string, string> options = [];

    /// <summary>The values that are not options, in order.</summary>
    public List<string> Values { get; } = [];

    /// <summary>True when <c>-h</c> or <c>--help</c> was given.</summary>
    public bool Help { get; private set; }

    /// <summary>Splits and checks the arguments of <paramref name="verb"/>.</summary>
    /// <param name="verb">The verb, for messages (e.g. "run").</param>
    /// <param name="args">The arguments after the verb.</param>
    /// <param name="optionForms">The options the verb takes, each with a word for its value (e.g. "--out DIR").</param>
    /// <exception cref="UsageException">An argument is malformed; the message says which and what would be right.</exception>
    public static VerbArguments Parse(string verb, IReadOnlyList<string> args, params string[] optionForms)
    {
        var parsed = new VerbArguments();
        var forms = optionForms.ToDictionary(form => form.Split(' ')[0]);
        var known = string.Join(", ", optionForms);
        var onlyValues = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (onlyValues || !arg.StartsWith('-') || arg == "-")
            {
                parsed.Values.Add(Checked(arg, $"argument {i + 1}"));
                continue;
            }
            if (arg is "-h" or "--help")
            {
                parsed.Help = true;
                continue;
            }
            if (arg == "--")
            {
                onlyValues = true;
                continue;
            }
            var (name, value) = arg.IndexOf('=') is var equals and > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
            if (!forms.TryGetValue(name, out var form))
                throw new UsageException($"unknown option '{Shown(name)}'; the options are {known} (see deepimaging {verb} --help)");
            if (parsed.options.ContainsKey(name))
                throw new UsageException($"{name} is given twice; give it once");
            if (value is null)
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--"))
                    throw new UsageException($"{name} needs a value: {form}");
                value = args[++i];
            }
            parsed.options[name] = Checked(value, $"the value of {name}");
        }
        return parsed;
    }

    /// <summary>The value of an option, or <paramref name="fallback"/> when it was not given.</summary>
    public string Option(string name, string fallback) => options.GetValueOrDefault(name, fallback);

    /// <summary>True when the option was given.</summary>
    public bool Has(string name) => options.ContainsKey(name);

    /// <summary>
    /// An option's value as a number from <paramref name="minimum"/> to <paramref name="maximum"/>
    /// (<paramref name="fallback"/> when not given).
    /// </summary>
    /// <param name="name">The option, e.g. "--timeout".</param>
    /// <param name="fallback">The value when the option is not given.</param>
    /// <param name="minimum">The smallest value accepted.</param>
    /// <param name="maximum">The largest value accepted.</param>
    /// <param name="what">What the number counts, for the message (e.g. "a number of seconds").</param>
    /// <param name="wholeNumber">Accept only whole numbers.</param>
    /// <param name="note">A remark on the range for the message (e.g. "24 hours"), or null.</param>
    /// <exception cref="UsageException">The value is not such a number.</exception>
    public double Number(string name, double fallback, double minimum, double maximum, string what, bool wholeNumber = false,
        string? note = null)
    {
        if (!options.TryGetValue(name, out var text))
            return fallback;
        var style = wholeNumber ? NumberStyles.Integer : NumberStyles.Float;
        // Range checks before any conversion: 1e300 seconds would overflow a TimeSpan; NaN compares false everywhere.
        if (double.TryParse(text, style, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum)
            return value;
        var range = string.Create(CultureInfo.InvariantCulture, $"from {minimum} to {maximum}");
        throw new UsageException($"{name} must be {what} {range}{(note is null ? "" : $" ({note})")}, not '{Shown(text)}'");
    }

    /// <summary>The <c>--timeout</c> option: seconds per cell, <paramref name="fallback"/> when not given.</summary>
    /// <exception cref="UsageException">The value is not a number of seconds in the range a cell may run.</exception>
    public double CellTimeout(double fallback) =>
        Number("--timeout", fallback, RunOptions.MinimumCellTimeout.TotalSeconds, RunOptions.MaximumCellTimeout.TotalSeconds,
            "a number of seconds", note: "24 hours");

    /// <summary>The <c>--parallel</c> option: how many <paramref name="items"/> (e.g. "notebooks") run at once, 1 when not given.</summary>
    /// <exception cref="UsageException">The value is not a whole number from 1 to <see cref="MaxParallel"/>.</exception>
    public double Parallel(string items) => Number("--parallel", 1, 1, MaxParallel, $"a whole number of {items}", wholeNumber: true);

    // Empty, blank, NUL-holding or over-long arguments come from a script's mistake (an unset variable, say).
    private static string Checked(string value, string what)
    {
        if (value.Length == 0)
            throw new UsageException($"{what} is empty; give a path or value (an unset shell variable?)");
        if (string.IsNullOrWhiteSpace(value))
            throw new UsageException($"{what} is only blanks; give a path or value");
        if (value.Any(char.IsControl))
            throw new UsageException($"{what} holds a control character (NUL, a line break...): '{Shown(value)}'; give a plain path or value");
        if (value.Length > MaxLength)
            throw new UsageException($"{what} is {value.Length} characters long; paths and values are at most {MaxLength}");
        return value;
    }

    // An argument as a message quotes it: control characters made visible, and cut to a readable length.
    private static string Shown(string value)
    {
        var visible = string.Concat(value.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
        return visible.Length <= 80 ? visible : visible[..80] + "...";
    }
}
