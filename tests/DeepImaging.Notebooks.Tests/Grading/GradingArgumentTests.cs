namespace DeepImaging.Notebooks.Tests.Grading;

/// <summary>Bad arguments to validate, assign and grade: one line saying what would be right, exit code 2, nothing run or written.</summary>
public sealed class GradingArgumentTests : IDisposable
{
    private readonly string folder = TestNotebooks.NewFolder();
    private readonly string source = Path.Combine(Assignments.Assignments.Folder, "01-dense-parameters.ipynb");
    private readonly string submission = Path.Combine(Assignments.Assignments.SubmissionsFolder, "01-dense-parameters", "partly-wrong.ipynb");

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Out => Path.Combine(folder, "out");

    // {SUB}: a submission, {S}: the instructor notebook, {O}: the output folder, {F}: a folder without notebooks.
    public static TheoryData<string[], string> BadGrades() => new()
    {
        { ["--source", "{S}", "--out", "{O}"], "name the submission to grade, or --submissions FOLDER for a whole class" },
        { ["{SUB}", "--out", "{O}"], "--source is missing: the instructor notebook, with its solutions and hidden tests" },
        { ["{SUB}", "--source", "{S}"], "--out DIR is missing: the folder for result.json, junit.xml, the feedback and the graded notebook" },
        { ["{SUB}", "--submissions", "{F}", "--source", "{S}", "--out", "{O}"], "give either a submission or --submissions FOLDER, not both" },
        { ["{SUB}", "{SUB}", "--source", "{S}", "--out", "{O}"], "name one submission (got 2); for several, put them in a folder and give --submissions FOLDER" },
        { ["{SUB}", "--source", "{S}", "--out", "{O}", "--parallel", "2"], "--parallel applies to --submissions FOLDER" },
        { ["{SUB}", "--source", "{S}", "--out", "{O}", "--timeout", "0"], "--timeout must be a number of seconds from 1 to 86400 (24 hours), not '0'" },
        { ["{SUB}", "--source", "{S}", "--out", "{O}", "--fail-under", "-1"], "--fail-under must be a number of points from 0 to 1000000, not '-1'" },
        { ["{SUB}", "--source", "{S}", "--out", "{O}", "--memory", "2"], "unknown option '--memory'" },
        { ["{SUB}", "--source", "{S}", "--out", "{O}", "--out", "{O}2"], "--out is given twice; give it once" },
        { ["{F}/missing.ipynb", "--source", "{S}", "--out", "{O}"], "{F}/missing.ipynb does not exist" },
        { ["{SUB}", "--source", "{F}/missing.ipynb", "--out", "{O}"], "--source: {F}/missing.ipynb does not exist" },
        { ["{SUB}", "--source", "{F}", "--out", "{O}"], "--source: {F} is a folder, not a notebook (.ipynb)" },
        { ["--submissions", "{F}/none", "--source", "{S}", "--out", "{O}"], "--submissions {F}/none does not exist" },
        { ["--submissions", "{F}", "--source", "{S}", "--out", "{O}"], "no submissions (.ipynb) in {F}" },
        { ["{F}", "--source", "{S}", "--out", "{O}"], "{F} is a folder; to grade every notebook in it, give --submissions {F}" },
        { ["{F}/notes.txt", "--source", "{S}", "--out", "{O}"], "{F}/notes.txt is not a notebook: expected a .ipynb file" },
    };

    [Theory]
    [MemberData(nameof(BadGrades))]
    public async Task A_bad_grade_command_line_is_one_line_and_exit_code_2(string[] args, string message)
    {
        var empty = Directory.CreateDirectory(Path.Combine(folder, "empty")).FullName;
        File.WriteAllText(Path.Combine(empty, "notes.txt"), "not a notebook");
        string Fill(string text) => text.Replace("{SUB}", submission).Replace("{S}", source).Replace("{O}", Out).Replace("{F}", empty);
        var (exitCode, output, errors) = await GradingCli.GradeAsync([.. args.Select(Fill)]);
        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        var line = Assert.Single(errors.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));
        Assert.StartsWith("deepimaging grade: ", line);
        Assert.Contains(Fill(message), line);
        Assert.False(Directory.Exists(Out), "a refused command wrote its output folder");
    }

    [Fact]
    public async Task Grading_into_the_submissions_own_folder_is_refused_because_the_graded_notebook_would_overwrite_it()
    {
        var copy = Path.Combine(folder, "alice.ipynb");
        File.Copy(submission, copy);
        var before = File.ReadAllText(copy);
        var (exitCode, _, errors) = await GradingCli.GradeAsync(copy, "--source", source, "--out", folder);
        Assert.Equal(2, exitCode);
        Assert.Contains($"would overwrite {copy}, which it reads; choose another --out", errors);
        Assert.Equal(before, File.ReadAllText(copy));
    }

    [Fact]
    public async Task A_submission_that_is_not_a_notebook_is_graded_0_with_status_error_and_exit_code_1()
    {
        var broken = Path.Combine(folder, "broken.ipynb");
        File.WriteAllText(broken, "{ \"cells\": [ this is not JSON");
        var (exitCode, output, errors) = await GradingCli.GradeAsync(broken, "--source", source, "--out", Out);
        Assert.Equal(1, exitCode);
        Assert.Contains("broken.ipynb could not be graded:", errors);
        Assert.Contains("is not valid JSON", errors);
        Assert.Contains("broken.ipynb", output);
        var result = GradeResult.Read(Out);
        Assert.Equal(("error", 0.0, 11.0), (result.Status, result.Total, result.Max));
        var (cell, status, message) = Assert.Single(result.Cells);
        Assert.Equal((0, "error"), (cell, status));
        Assert.Contains("is not valid JSON", message);
        Assert.Equal(6, result.Root.GetProperty("tests").GetArrayLength());
        Assert.Contains("could not be graded", result.Text("feedback.md"));
        Assert.False(File.Exists(Path.Combine(Out, "broken.ipynb")));
    }

    [Fact]
    public async Task Assign_into_the_instructor_notebooks_folder_is_refused()
    {
        var (exitCode, _, errors) = await GradingCli.AssignAsync(source, "--out", Assignments.Assignments.Folder);
        Assert.Equal(2, exitCode);
        Assert.Contains("would overwrite the instructor notebook; choose another --out", errors);
    }

    [Fact]
    public async Task An_instructor_notebook_that_breaks_the_format_is_refused_by_grade_naming_each_problem()
    {
        var bad = InstructorNotebooks.Write(folder, "bad.ipynb", InstructorNotebooks.Solution,
            "// TEST t (1 point)\nif (Math.Abs(Twice(1)) != 2) throw new global::System.Exception(\"Twice(1) should be 2\");");
        var (exitCode, _, errors) = await GradingCli.GradeAsync(submission, "--source", bad, "--out", Out);
        Assert.Equal(2, exitCode);
        Assert.Contains("breaks the assignment format", errors);
        Assert.Contains("'Math' is neither declared by the test nor one of the names students write", errors);
        var (validateExit, _, validateErrors) = await GradingCli.ValidateAsync(bad);
        Assert.Equal(1, validateExit);
        Assert.Contains("'Math'", validateErrors);
    }

    [Fact]
    public async Task Each_grading_verb_prints_its_usage_for_help()
    {
        Assert.Equal((0, GradeCommand.Usage + "\n", ""), Normalized(await GradingCli.GradeAsync("--help")));
        Assert.Equal((0, AssignCommand.Usage + "\n", ""), Normalized(await GradingCli.AssignAsync("-h")));
        Assert.Equal((0, ValidateCommand.Usage + "\n", ""), Normalized(await GradingCli.ValidateAsync("--help")));
        Assert.Contains("--fail-under POINTS", GradeCommand.Usage);
        Assert.Contains("--submissions FOLDER", GradeCommand.Usage);
    }

    [Fact]
    public async Task Validate_and_assign_need_one_notebook_and_assign_an_out_folder()
    {
        Assert.Equal(2, (await GradingCli.ValidateAsync()).ExitCode);
        Assert.Equal(2, (await GradingCli.ValidateAsync(Path.Combine(folder, "none.ipynb"))).ExitCode);
        var (exitCode, _, errors) = await GradingCli.AssignAsync(source);
        Assert.Equal(2, exitCode);
        Assert.Contains("--out DIR is missing", errors);
    }

    private static (int, string, string) Normalized((int ExitCode, string Output, string Errors) run) =>
        (run.ExitCode, run.Output.ReplaceLineEndings("\n"), run.Errors);
}
