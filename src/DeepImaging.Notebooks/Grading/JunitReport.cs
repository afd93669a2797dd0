using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace DeepImaging.Notebooks.Grading;

/// <summary>junit.xml: one &lt;testcase&gt; per test, with a &lt;failure&gt; for each failed one, as CI systems read it.</summary>
internal static class JunitReport
{
    /// <summary>The grade as JUnit XML text.</summary>
    /// <param name="grade">The grade.</param>
    /// <param name="suite">The suite's name: the assignment (the instructor notebook's name without .ipynb).</param>
    public static string Write(SubmissionGrade grade, string suite)
    {
        var failures = grade.Tests.Count(t => !t.Passed);
        var time = Number(grade.Tests.Sum(t => t.Seconds));
        var cases = grade.Tests.Select(test =>
        {
            var testCase = new XElement("testcase",
                new XAttribute("classname", Clean(suite)), new XAttribute("name", Clean(test.Name)),
                new XAttribute("time", Number(test.Seconds)));
            if (!test.Passed)
                testCase.Add(new XElement("failure",
                    new XAttribute("message", Clean(test.Message)), new XAttribute("type", "TestFailed"),
                    Clean($"{test.Points} of {test.MaxPoints} points: {test.Message}")));
            testCase.Add(new XElement("properties",
                new XElement("property", new XAttribute("name", "points"), new XAttribute("value", test.Points.ToString(CultureInfo.InvariantCulture))),
                new XElement("property", new XAttribute("name", "max_points"), new XAttribute("value", test.MaxPoints.ToString(CultureInfo.InvariantCulture))),
                new XElement("property", new XAttribute("name", "tampered"), new XAttribute("value", test.Tampered ? "true" : "false"))));
            return testCase;
        });
        var suiteElement = new XElement("testsuite",
            new XAttribute("name", Clean($"{suite}: {grade.Submission}")), new XAttribute("tests", grade.Tests.Count),
            new XAttribute("failures", failures), new XAttribute("errors", 0), new XAttribute("skipped", 0),
            new XAttribute("time", time), cases);
        var root = new XElement("testsuites",
            new XAttribute("name", Clean($"{grade.Submission}: {grade.Total} / {grade.Max} points ({grade.Status})")),
            new XAttribute("tests", grade.Tests.Count), new XAttribute("failures", failures), new XAttribute("errors", 0),
            new XAttribute("time", time), suiteElement);
        return new XDeclaration("1.0", "utf-8", null) + "\n" + root + "\n";
    }

    private static string Number(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);

    // Exception messages may hold characters XML cannot (NUL, other control characters): they are left out.
    private static string Clean(string text) => string.Concat(text.Where(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c)));
}
