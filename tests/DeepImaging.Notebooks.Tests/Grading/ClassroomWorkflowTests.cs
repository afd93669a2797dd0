using System.Diagnostics;
using DeepImaging.Notebooks.Tests.Course;
using YamlDotNet.RepresentationModel;

namespace DeepImaging.Notebooks.Tests.Grading;

/// <summary>
/// templates/classroom/.github/workflows/grade.yml, read as YAML: it grades on push with the grading commands, publishes
/// junit.xml and the score, and fails under FAIL_UNDER; its grading steps, run here with bash as the runner would, do so.
/// </summary>
public sealed class ClassroomWorkflowTests : IDisposable
{
    private const string GradeCommandLine =
        "deepimaging grade \"submission/$ASSIGNMENT\" --source \"course/notebooks/assignments/$ASSIGNMENT\" --out grading --fail-under \"$FAIL_UNDER\"";

    private readonly string folder = TestNotebooks.NewFolder();
    private readonly YamlMappingNode workflow;

    public ClassroomWorkflowTests()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Repository.PathOf("templates", "classroom", ".github", "workflows", "grade.yml"));
        stream.Load(reader);
        workflow = (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private IEnumerable<YamlMappingNode> Steps =>
        ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)workflow["jobs"])["grade"])["steps"]).Children.Cast<YamlMappingNode>();

    private YamlMappingNode Step(string name) => Steps.Single(s => Text(s, "name") == name);

    private static string? Text(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    private Dictionary<string, string> Env =>
        ((YamlMappingNode)workflow["env"]).Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value!);

    [Fact]
    public void The_workflow_grades_on_push_publishes_junit_and_the_score_and_can_fail_under_a_score()
    {
        Assert.True(((YamlMappingNode)workflow["on"]).Children.ContainsKey(new YamlScalarNode("push")));
        Assert.True(File.Exists(Repository.PathOf("notebooks", "assignments", Env["ASSIGNMENT"])), $"no instructor notebook {Env["ASSIGNMENT"]}");
        Assert.Equal("${{ vars.FAIL_UNDER || '0' }}", Env["FAIL_UNDER"]);
        Assert.Equal(GradeCommandLine, Text(Step("Grade"), "run")!.Trim());
        Assert.Contains("dotnet build course/src/DeepImaging.Notebooks", Text(Step("Install the deepimaging command"), "run"));
        Assert.True(Directory.Exists(Repository.PathOf("src", "DeepImaging.Notebooks")));
        var report = Step("Publish the test report");
        Assert.Equal("always()", Text(report, "if"));
        Assert.StartsWith("mikepenz/action-junit-report@", Text(report, "uses"));
        Assert.Equal("grading/junit.xml", Text((YamlMappingNode)report["with"], "report_paths"));
        Assert.Equal("always()", Text(Step("Score in the job summary"), "if"));
        Assert.Contains("$GITHUB_STEP_SUMMARY", Text(Step("Score in the job summary"), "run"));
        // The steps run in the order they are written: checkouts, .NET, the command, then grading and the reports.
        Assert.Equal(["Check out the submission", "Check out the course", "Set up .NET", "Install the deepimaging command", "Grade",
            "Score in the job summary", "Publish the test report", "Keep the graded notebook and the feedback"], Steps.Select(s => Text(s, "name")));
    }

    [Fact]
    public async Task Its_grading_steps_run_locally_grade_the_submission_fail_under_the_score_and_write_the_summary()
    {
        // The runner's layout: the student's repository in submission/, the course in course/, the command on PATH
        // (here the grader these tests were built with, instead of the install step's build).
        var submission = Directory.CreateDirectory(Path.Combine(folder, "submission")).FullName;
        File.Copy(Path.Combine(Assignments.Assignments.SubmissionsFolder, "01-dense-parameters", "partly-wrong.ipynb"),
            Path.Combine(submission, Env["ASSIGNMENT"]));
        Directory.CreateSymbolicLink(Path.Combine(folder, "course"), Repository.Root.TrimEnd('/'));
        var bin = Directory.CreateDirectory(Path.Combine(folder, "bin")).FullName;
        var command = Path.Combine(bin, "deepimaging");
        File.WriteAllText(command, $"#!/bin/sh\nexec \"{DotnetHost()}\" \"{typeof(GradeCommand).Assembly.Location}\" \"$@\"\n");
        if (!OperatingSystem.IsWindows())  // the steps are bash scripts, as on GitHub's Linux runners
            File.SetUnixFileMode(command, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var summary = Path.Combine(folder, "summary.md");
        var environment = Env.ToDictionary(p => p.Key, p => p.Value switch
        {
            "${{ vars.FAIL_UNDER || '0' }}" => "5",  // the submission scores 4 of 11
            "${{ vars.COURSE_REPOSITORY }}" => "teacher/course",
            var value => value,
        });
        Assert.All(environment.Values, v => Assert.DoesNotContain("${{", v));
        environment["GITHUB_STEP_SUMMARY"] = summary;
        environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");

        var grade = await RunStepAsync("Grade", environment);
        var report = await RunStepAsync("Score in the job summary", environment);

        Assert.True(grade.ExitCode == 1, grade.Output);  // under FAIL_UNDER: the job fails...
        Assert.Contains("scored 4 points, under --fail-under 5", grade.Output);
        Assert.Equal(0, report.ExitCode);                // ...and still reports
        Assert.StartsWith($"# {Env["ASSIGNMENT"]}: 4 / 11 points", File.ReadAllText(summary));
        var result = GradeResult.Read(Path.Combine(folder, "grading"));
        Assert.Equal(4, result.Total);
        Assert.True(File.Exists(Path.Combine(folder, "grading", "junit.xml")));
        Assert.True(File.Exists(Path.Combine(folder, "grading", Env["ASSIGNMENT"])));
    }

    // As GitHub runs a `run:` step: bash with -e and pipefail, from the workspace, with the workflow's environment.
    private async Task<(int ExitCode, string Output)> RunStepAsync(string name, Dictionary<string, string> environment)
    {
        var script = Path.Combine(folder, $"step-{Guid.NewGuid():N}.sh");
        File.WriteAllText(script, Text(Step(name), "run"));
        var start = new ProcessStartInfo("bash", ["--noprofile", "--norc", "-eo", "pipefail", script])
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(10));
        return (process.ExitCode, await output + await errors);
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
}
