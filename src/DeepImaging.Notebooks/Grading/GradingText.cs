using System.Globalization;

namespace DeepImaging.Notebooks.Grading;

/// <summary>The words of a grading run: messages kept readable, test summaries, numbers and code as the kernel reads them.</summary>
internal static class GradingText
{
    // The status word and message of a cell that did not succeed; a cell that ended the kernel says what follows.
    public static (string Status, string Message) Describe(CellResult result, TimeSpan slice, bool kernelEnded, GradeOptions options)
    {
        if (result.Status == CellStatus.TimedOut)
        {
            var message = slice < options.CellTimeout
                ? $"stopped: the submission reached its total time limit of {Seconds(options.EffectiveTotalLimit)} s"
                : $"timed out after {Seconds(slice)} s and was stopped{RestartNote}";
            return ("timed out", message);
        }
        return kernelEnded
            ? ("crashed", Shortened(result.Error ?? "the kernel died") + RestartNote)
            : ("failed", Shortened(result.Error ?? "failed"));
    }

    public const string RestartNote = "; the kernel was restarted and the cells before it run again";

    // A test's own failure reads best as its message alone ("DenseParams(2, 4) should be 12, not 8"); any other
    // exception keeps its type, and a compile error its diagnostics.
    public static string TestMessage(CellResult result)
    {
        var error = result.Outputs.LastOrDefault(o => o.Kind == OutputKind.Error);
        return Shortened(error is { ErrorName: "System.Exception" } ? error.ErrorValue : result.Error ?? "failed");
    }

    public static string Summary(TestGrade grade)
    {
        var points = $"{grade.Points.ToString(CultureInfo.InvariantCulture)} / {grade.MaxPoints.ToString(CultureInfo.InvariantCulture)} points";
        return grade.Passed ? $"TEST {grade.Name}: passed, {points}" : $"TEST {grade.Name}: failed, {points}: {grade.Message}";
    }

    public static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Verbatim(string text) => "@\"" + text.Replace("\"", "\"\"") + "\"";

    public static string FirstLine(string text) => text.ReplaceLineEndings("\n").Split('\n')[0];

    // Messages are kept readable: a flood of compile errors or a long exception message is cut.
    public static string Shortened(string message) => message.Length <= 2000 ? message : message[..2000] + " ...";
}
