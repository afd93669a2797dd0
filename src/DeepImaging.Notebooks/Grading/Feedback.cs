using System.Globalization;
using System.Net;
using System.Text;

namespace DeepImaging.Notebooks.Grading;

/// <summary>
/// feedback.md and feedback.html, for the student: per test the points and the message. A hidden check's failure is
/// only named as such; anything that came from the student's code (an exception message, a compile error) is quoted
/// as code, so that it cannot pass for the grader's own words.
/// </summary>
internal static class Feedback
{
    /// <summary>The feedback as markdown.</summary>
    public static string Markdown(SubmissionGrade grade, string assignment)
    {
        var text = new StringBuilder();
        text.AppendLine($"# {Heading(grade)}").AppendLine();
        text.AppendLine($"Assignment {Code(assignment)}, submission {Code(grade.Submission)}: {StatusLine(grade)}").AppendLine();
        text.AppendLine("| test | points | result |").AppendLine("| --- | --- | --- |");
        foreach (var test in grade.Tests)
            text.AppendLine($"| {test.Name}{(test.Hidden ? " (has hidden checks)" : "")} | {Points(test.Points)} / {Points(test.MaxPoints)} | " +
                            $"{(test.Passed ? "passed" : "failed" + (test.Message.Length > 0 ? ": " + Code(OneLine(test.Message)) : ""))} |");
        text.AppendLine().AppendLine(HiddenNote);
        if (grade.Tampered.Count > 0)
        {
            text.AppendLine().AppendLine("## Test cells that were changed").AppendLine().AppendLine(TamperedNote).AppendLine();
            foreach (var (name, what) in grade.Tampered)
                text.AppendLine($"- {name}: {what}");
        }
        if (grade.Cells.Count > 0)
        {
            text.AppendLine().AppendLine("## Cells that did not run cleanly").AppendLine();
            foreach (var cell in grade.Cells)
                text.AppendLine($"- {Where(cell)}, {cell.Status}: {Code(OneLine(cell.Message))}");
        }
        return text.ToString();
    }

    /// <summary>The feedback as a small self-contained HTML page.</summary>
    public static string Html(SubmissionGrade grade, string assignment)
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append($"<title>{E(Heading(grade))}</title>\n")
            .Append("<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}" +
                    "table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.4rem .6rem;text-align:left;vertical-align:top}" +
                    "th{background:#f4f4f4}.passed{color:#1a7f37}.failed{color:#b42318}code{background:#f6f6f6;padding:0 .2rem;" +
                    "white-space:pre-wrap;word-break:break-word}</style>\n</head>\n<body>\n")
            .Append($"<h1>{E(Heading(grade))}</h1>\n")
            .Append($"<p>Assignment <code>{E(assignment)}</code>, submission <code>{E(grade.Submission)}</code>: {E(StatusLine(grade))}</p>\n")
            .Append("<table>\n<thead><tr><th>test</th><th>points</th><th>result</th></tr></thead>\n<tbody>\n");
        foreach (var test in grade.Tests)
        {
            var result = test.Passed
                ? "<span class=\"passed\">passed</span>"
                : "<span class=\"failed\">failed</span>" + (test.Message.Length > 0 ? $": <code>{E(test.Message)}</code>" : "");
            html.Append($"<tr><td>{E(test.Name)}{(test.Hidden ? " (has hidden checks)" : "")}</td>")
                .Append($"<td>{Points(test.Points)} / {Points(test.MaxPoints)}</td><td>{result}</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n").Append($"<p>{E(HiddenNote)}</p>\n");
        if (grade.Tampered.Count > 0)
        {
            html.Append($"<h2>Test cells that were changed</h2>\n<p>{E(TamperedNote)}</p>\n<ul>\n");
            foreach (var (name, what) in grade.Tampered)
                html.Append($"<li>{E(name)}: {E(what)}</li>\n");
            html.Append("</ul>\n");
        }
        if (grade.Cells.Count > 0)
        {
            html.Append("<h2>Cells that did not run cleanly</h2>\n<ul>\n");
            foreach (var cell in grade.Cells)
                html.Append($"<li>{E(Where(cell))}, {E(cell.Status)}: <code>{E(cell.Message)}</code></li>\n");
            html.Append("</ul>\n");
        }
        return html.Append("</body>\n</html>\n").ToString();
    }

    private const string HiddenNote =
        "Tests with hidden checks run more checks than the ones you can see; when one of those fails, you learn only that it failed.";

    private const string TamperedNote =
        "The grader ran its own copy of these test cells, where they belong; changing a test cell changes nothing in its grade.";

    private static string Heading(SubmissionGrade grade) => $"{grade.Submission}: {Points(grade.Total)} / {Points(grade.Max)} points";

    private static string StatusLine(SubmissionGrade grade) => grade.Status switch
    {
        SubmissionGrade.Graded => "graded.",
        SubmissionGrade.Incomplete => "grading stopped early; the tests it did not reach score 0 (see the cells below).",
        _ => "it could not be graded (see below).",
    };

    private static string Where(CellEvent cell) => cell.Cell == 0 ? "the notebook" : $"cell {cell.Cell}";

    private static string Points(decimal points) => points.ToString(CultureInfo.InvariantCulture);

    private static string OneLine(string text) => string.Join(" ", text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries));

    // A markdown code span that holds any text: fenced by more backticks than the text has in a row, table pipes escaped.
    private static string Code(string text)
    {
        var longest = 0;
        for (int i = 0, run = 0; i < text.Length; i++)
            longest = Math.Max(longest, run = text[i] == '`' ? run + 1 : 0);
        var fence = new string('`', longest + 1);
        return $"{fence} {text.Replace("|", "\\|")} {fence}";
    }
}
