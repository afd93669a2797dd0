using System.Security.Cryptography;

namespace DeepImaging.Notebooks.Tests.Grading;

/// <summary>
/// A class of hostile submissions to the dense-parameters assignment, each a test submission (11 / 11 or 4 / 11) with
/// one kind of trouble added, graded once with <c>grade --submissions --parallel 2 --timeout 30</c>. The submissions
/// and a copy of the instructor notebook sit in temporary folders beside files that must survive grading.
/// </summary>
public sealed class HostileClass : IAsyncLifetime
{
    public const string Assignment = "01-dense-parameters";

    /// <summary>The per-cell limit: generous, since the first cell restores a package on a machine that may be busy.</summary>
    public const int TimeoutSeconds = 30;

    public string Folder { get; } = TestNotebooks.NewFolder();

    public string Submissions => Path.Combine(Folder, "class");

    public string Course => Path.Combine(Folder, "course");

    public string Source => Path.Combine(Course, "notebooks", "assignments", Assignment + ".ipynb");

    public string Out => Path.Combine(Folder, "graded");

    public (int ExitCode, string Output, string Errors) Grade { get; private set; }

    /// <summary>Every file of the submissions' and the instructor's folders, with a hash of its contents, before grading.</summary>
    public Dictionary<string, string> Before { get; private set; } = [];

    internal GradeResult Result(string submission) => GradeResult.Read(Path.Combine(Out, submission));

    public async Task InitializeAsync()
    {
        // The copies are outside the repository: the nuget.config beside them names its package folder.
        File.WriteAllText(Path.Combine(Folder, "nuget.config"),
            $"<configuration><packageSources><add key=\"course\" value=\"{DeepImaging.Notebooks.Tests.Course.Repository.PathOf("artifacts", "packages")}\" /></packageSources></configuration>");
        Directory.CreateDirectory(Path.GetDirectoryName(Source)!);
        File.Copy(Path.Combine(Assignments.Assignments.Folder, Assignment + ".ipynb"), Source);
        File.WriteAllText(Path.Combine(Course, "notebooks", "assignments", "README.md"), "instructor's notes");
        Directory.CreateDirectory(Path.Combine(Course, "datasets"));
        File.WriteAllText(Path.Combine(Course, "datasets", "data.csv"), "1,2,3");
        Directory.CreateDirectory(Path.Combine(Submissions, "data"));
        File.WriteAllText(Path.Combine(Submissions, "data", "measurements.csv"), "4,5,6");
        File.WriteAllText(Path.Combine(Submissions, "notes.txt"), "a student's notes");
        foreach (var (name, notebook) in HostileSubmissions.All())
            notebook.Save(Path.Combine(Submissions, name + ".ipynb"));

        Before = Snapshot();
        Grade = await GradingCli.GradeAsync("--submissions", Submissions, "--source", Source, "--out", Out, "--parallel", "2",
            "--timeout", TimeoutSeconds.ToString());
    }

    /// <summary>Every file below the submissions' and the course's folders, with a hash of its contents.</summary>
    public Dictionary<string, string> Snapshot() =>
        new[] { Submissions, Course }.SelectMany(folder => Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
            .ToDictionary(f => Path.GetRelativePath(Folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}
