using System.Globalization;
using System.Text;

namespace DeepImaging.Notebooks.Grading;

/// <summary>grades.csv: a row per submission (name, total, max, status) and a column of points per test.</summary>
internal static class GradesCsv
{
    /// <summary>The CSV text (RFC 4180, with a header row).</summary>
    /// <param name="testNames">The assignment's tests, in order: one column each.</param>
    /// <param name="grades">Each submission's name (its file name without .ipynb) and grade.</param>
    public static string Write(IReadOnlyList<string> testNames, IEnumerable<(string Name, SubmissionGrade Grade)> grades)
    {
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(",", new[] { "name", "total", "max", "status" }.Concat(testNames).Select(Field)));
        foreach (var (name, grade) in grades)
        {
            var points = testNames.Select(t => grade.Tests.FirstOrDefault(g => g.Name == t)?.Points ?? 0);
            csv.AppendLine(string.Join(",", new[] { Field(name), Number(grade.Total), Number(grade.Max), Field(grade.Status) }
                .Concat(points.Select(Number))));
        }
        return csv.ToString();
    }

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    // Quoted when needed; a name a spreadsheet would take for a formula (=, +, -, @) is made plain text.
    private static string Field(string value)
    {
        if (value.Length > 0 && "=+-@".Contains(value[0]))
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }
}
