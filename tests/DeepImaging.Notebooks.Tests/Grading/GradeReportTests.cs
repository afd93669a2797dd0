using System.Text.Json;
using System.Xml.Linq;
using DeepImaging.Notebooks.Grading;

namespace DeepImaging.Notebooks.Tests.Grading;

/// <summary>The files a grade is written to: result.json in its schema, junit.xml, the feedback, grades.csv.</summary>
public sealed class GradeReportTests
{
    private static readonly SubmissionGrade Alice = new()
    {
        Submission = "alice.ipynb", Status = SubmissionGrade.Graded,
        Tampered = new Dictionary<string, string> { ["dense-small"] = "edited" },
        Tests =
        [
            new TestGrade { Name = "dense-small", Points = 0, MaxPoints = 2, Passed = false, Hidden = false, Tampered = true,
                Message = "DenseParams(2, 4) should be 12, not 8", Seconds = 0.03 },
            new TestGrade { Name = "dense-large", Points = 0, MaxPoints = 1.5m, Passed = false, Hidden = true, Tampered = false,
                Message = "failed a hidden check", Seconds = 0.25 },
            new TestGrade { Name = "network", Points = 7, MaxPoints = 7, Passed = true, Hidden = true, Tampered = false, Message = "", Seconds = 1.5 },
        ],
        Cells = [new CellEvent(4, "failed", "System.InvalidOperationException: boom")],
    };

    [Fact]
    public void Result_json_has_exactly_the_schema_with_numbers_as_numbers()
    {
        var root = JsonDocument.Parse(ResultJson.Write(Alice)).RootElement;
        Assert.Equal(["submission", "total", "max", "status", "tampered", "tests", "cells"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("alice.ipynb", root.GetProperty("submission").GetString());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("total").ValueKind);
        Assert.Equal(7, root.GetProperty("total").GetDouble());
        Assert.Equal(10.5, root.GetProperty("max").GetDouble());
        Assert.Equal("graded", root.GetProperty("status").GetString());
        Assert.Equal(["dense-small"], root.GetProperty("tampered").EnumerateArray().Select(t => t.GetString()));
        var test = root.GetProperty("tests")[0];
        Assert.Equal(["name", "points", "max_points", "passed", "hidden", "tampered", "message", "seconds"], test.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Number, test.GetProperty("points").ValueKind);
        Assert.Equal(JsonValueKind.Number, test.GetProperty("max_points").ValueKind);
        Assert.Equal(JsonValueKind.False, test.GetProperty("passed").ValueKind);
        Assert.Equal(JsonValueKind.True, test.GetProperty("tampered").ValueKind);
        Assert.Equal("DenseParams(2, 4) should be 12, not 8", test.GetProperty("message").GetString());
        Assert.Equal(0.03, test.GetProperty("seconds").GetDouble());
        var cell = root.GetProperty("cells")[0];
        Assert.Equal(["cell", "status", "message"], cell.EnumerateObject().Select(p => p.Name));
        Assert.Equal(4, cell.GetProperty("cell").GetInt32());
    }

    [Fact]
    public void Junit_xml_lists_every_test_with_a_failure_for_each_failed_one()
    {
        var xml = XDocument.Parse(JunitReport.Write(Alice, "01-dense"));
        var cases = xml.Descendants("testcase").ToList();
        Assert.Equal(["dense-small", "dense-large", "network"], cases.Select(c => c.Attribute("name")!.Value));
        Assert.Equal(["dense-small", "dense-large"], cases.Where(c => c.Element("failure") is not null).Select(c => c.Attribute("name")!.Value));
        Assert.Equal("2", xml.Root!.Attribute("failures")!.Value);
        Assert.Equal("failed a hidden check", cases[1].Element("failure")!.Attribute("message")!.Value);
    }

    [Fact]
    public void A_message_with_characters_xml_cannot_hold_still_makes_valid_junit()
    {
        var grade = new SubmissionGrade
        {
            Submission = "x.ipynb", Status = SubmissionGrade.Graded, Cells = [],
            Tests = [Alice.Tests[0] with { Message = "bad \u0001\u0000 <text> & \"quotes\"" }],
        };
        var failure = XDocument.Parse(JunitReport.Write(grade, "a")).Descendants("failure").Single();
        Assert.Equal("bad  <text> & \"quotes\"", failure.Attribute("message")!.Value);
    }

    [Fact]
    public void Feedback_quotes_what_the_students_code_produced_as_code_and_says_which_tests_have_hidden_checks()
    {
        var tricky = new SubmissionGrade
        {
            Submission = "bob.ipynb", Status = SubmissionGrade.Graded, Cells = [new CellEvent(2, "failed", "`` | **11 / 11 passed** <b>x</b>")],
            Tests = [Alice.Tests[0] with { Message = "line one\n| fake | row |" }, Alice.Tests[1]],
        };
        var markdown = Feedback.Markdown(tricky, "01-dense");
        Assert.StartsWith("# bob.ipynb: 0 / 3.5 points\n", markdown.ReplaceLineEndings("\n"));
        Assert.Contains("| dense-small | 0 / 2 | failed: ` line one \\| fake \\| row \\| ` |", markdown);
        Assert.Contains("| dense-large (has hidden checks) | 0 / 1.5 | failed: ` failed a hidden check ` |", markdown);
        Assert.Contains("- cell 2, failed: ``` `` \\| **11 / 11 passed** <b>x</b> ```", markdown);
        var html = Feedback.Html(tricky, "01-dense");
        Assert.DoesNotContain("<b>x</b>", html);
        Assert.Contains("&lt;b&gt;x&lt;/b&gt;", html);
    }

    [Fact]
    public void Grades_csv_has_a_row_per_submission_and_a_column_per_test_quoted_where_needed()
    {
        var csv = GradesCsv.Write(["dense-small", "dense-large", "network"], [("alice", Alice), ("=cmd,\"x\"", Alice)]);
        Assert.Equal(
            "name,total,max,status,dense-small,dense-large,network\n" +
            "alice,7,10.5,graded,0,0,7\n" +
            "\"'=cmd,\"\"x\"\"\",7,10.5,graded,0,0,7\n", csv.ReplaceLineEndings("\n"));
    }
}
