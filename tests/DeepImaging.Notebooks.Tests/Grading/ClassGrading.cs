using DeepImaging.Notebooks.Tests.Assignments;

namespace DeepImaging.Notebooks.Tests.Grading;

/// <summary>
/// For each assignment, once: <c>deepimaging assign</c> (which validates the instructor notebook: its own solution
/// must score full marks), then <c>deepimaging grade --submissions</c> of a class made of the released student
/// version and the three test submissions (correct written differently, partly wrong, tuned to the visible tests),
/// two at a time, with <c>--fail-under 5</c>. The tests read what these runs wrote.
/// </summary>
public sealed class ClassGrading : IAsyncLifetime
{
    public const string CollectionName = "grading runs";

    public string Folder { get; } = TestNotebooks.NewFolder();

    public Dictionary<string, (int ExitCode, string Output, string Errors)> Assign { get; } = [];

    public Dictionary<string, (int ExitCode, string Output, string Errors)> Grade { get; } = [];

    public string Released(string assignment) => Path.Combine(Folder, assignment, "released", assignment + ".ipynb");

    public string Submissions(string assignment) => Path.Combine(Folder, assignment, "class");

    public string Out(string assignment) => Path.Combine(Folder, assignment, "graded");

    internal GradeResult Result(string assignment, string submission) => GradeResult.Read(Path.Combine(Out(assignment), submission));

    public async Task InitializeAsync()
    {
        foreach (var name in Assignments.Assignments.Names)
        {
            var instructor = Path.Combine(Assignments.Assignments.Folder, name + ".ipynb");
            Assign[name] = await GradingCli.AssignAsync(instructor, "--out", Path.GetDirectoryName(Released(name))!);
            var submissions = Directory.CreateDirectory(Submissions(name)).FullName;
            foreach (var file in Directory.GetFiles(Path.Combine(Assignments.Assignments.SubmissionsFolder, name), "*.ipynb"))
                File.Copy(file, Path.Combine(submissions, Path.GetFileName(file)));
            if (File.Exists(Released(name)))
                File.Copy(Released(name), Path.Combine(submissions, "released.ipynb"));
            Grade[name] = await GradingCli.GradeAsync("--submissions", submissions, "--source", instructor, "--out", Out(name),
                "--parallel", "2", "--fail-under", "5");
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>The grading runs share the machine one at a time: each starts kernels two at a time.</summary>
[CollectionDefinition(ClassGrading.CollectionName)]
public sealed class GradingRunsCollection : ICollectionFixture<ClassGrading>;
