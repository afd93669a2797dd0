using System.Globalization;
using System.Text.RegularExpressions;

namespace DeepImaging.Notebooks;

/// <summary>
/// Why a kernel process died, read from the last lines the .NET runtime wrote to its standard error: the reason
/// given to <c>Environment.FailFast</c>, the method that recursed into a stack overflow, an unhandled exception on
/// another thread, or running out of memory.
/// </summary>
internal static partial class KernelCrash
{
    /// <summary>What a cell that ran out of memory is told.</summary>
    public static string OutOfMemory(double memoryLimitGigabytes) =>
        string.Create(CultureInfo.InvariantCulture, $"the kernel ran out of its {memoryLimitGigabytes:0.##} GB memory limit");

    /// <summary>The reason in <paramref name="standardError"/>'s last lines, or null if the runtime gave none.</summary>
    public static string? Reason(string standardError, double memoryLimitGigabytes)
    {
        var lines = standardError.ReplaceLineEndings("\n").Split('\n');
        // A cell may have written text without a line break just before the runtime's own lines.
        for (var i = lines.Length - 1; i >= 0; i--)
        {
            var line = lines[i];
            if (After(line, "Process terminated.") is { } failFast)
                return $"Environment.FailFast: {FailFastMessage(failFast, lines.AsSpan(i + 1))}";
            if (After(line, "Stack overflow.") is not null)
                return StackOverflow(lines.AsSpan(i + 1));
            if (line.Contains("OutOfMemoryException", StringComparison.Ordinal) || After(line, "Out of memory") is not null)
                return OutOfMemory(memoryLimitGigabytes);
            if (After(line, "Unhandled exception. ") is { } exception)
                return $"unhandled exception on another thread: {exception.Trim()}";
        }
        return null;
    }

    // What follows `start` in the line, or null if the line does not hold it.
    private static string? After(string line, string start) =>
        line.IndexOf(start, StringComparison.Ordinal) is var at and >= 0 ? line[(at + start.Length)..] : null;

    // "Process terminated." then the message, on the same line or on the lines before the stack trace.
    private static string FailFastMessage(string sameLine, ReadOnlySpan<string> rest)
    {
        var message = new List<string> { sameLine.Trim() };
        foreach (var next in rest)
        {
            if (Frame().IsMatch(next)) break;
            message.Add(next.Trim());
        }
        return string.Join(" ", message.Where(part => part.Length > 0));
    }

    // The runtime prints the frames that repeat ("Repeat 12000 times:" then the frames between two rules), else the
    // innermost frames: the method that recursed is the first frame that is the cell's own code, else the first frame.
    private static string StackOverflow(ReadOnlySpan<string> trace)
    {
        string? first = null;
        foreach (var line in trace)
        {
            var frame = Frame().Match(line);
            if (!frame.Success) continue;
            var method = Readable(frame.Groups["method"].Value);
            first ??= method;
            if (frame.Groups["method"].Value.StartsWith("Submission#", StringComparison.Ordinal))
                return $"Stack overflow in {method}";
        }
        return first is null ? "Stack overflow" : $"Stack overflow in {first}";
    }

    // A cell's method "Submission#2.Recurse(Int32)" reads as "Recurse(Int32)", and so does a local function of a
    // cell's code block, "Submission#2.<<Initialize>>g__Recurse|0_0(Int32)".
    private static string Readable(string method)
    {
        var local = LocalFunction().Match(method);
        if (local.Success)
            return local.Groups["name"].Value + local.Groups["arguments"].Value;
        return CellPrefix().Replace(method, "");
    }

    [GeneratedRegex(@"^\s+at (?<method>\S.*?)\s*$")]
    private static partial Regex Frame();

    [GeneratedRegex(@"^Submission#\d+[.+]")]
    private static partial Regex CellPrefix();

    [GeneratedRegex(@"g__(?<name>[^|]+)\|[^(]*(?<arguments>\(.*\))")]
    private static partial Regex LocalFunction();
}
