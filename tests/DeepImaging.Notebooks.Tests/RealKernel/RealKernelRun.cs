using System.Collections.Concurrent;
using System.Diagnostics;
using DeepImaging.Notebooks.Tests.Course;

namespace DeepImaging.Notebooks.Tests.RealKernel;

/// <summary>
/// Runs every notebook of the course plan (course notebooks and assignments' instructor versions) once through the
/// real Jupyter client and the real <c>.net-csharp</c> kernel, as a student's Jupyter would, and keeps the executed
/// notebooks for the tests that read them.
/// <para>
/// The package is this commit's: it is packed fresh (with <c>deepimaging install</c>'s own pack step) into a private
/// folder, and the notebooks run from copies beside a nuget.config that lists only that folder and nuget.org. Its
/// development version is new, so no older package in NuGet's global cache can stand in for it (the tests check the
/// version the kernel loaded); its extracted copy is removed from the cache afterwards.
/// </para>
/// </summary>
public sealed class RealKernelRun : IAsyncLifetime
{
    private const int Parallel = 2;   // two kernels at once: about 2 x 400 MB, and the machine's two cores stay busy
    private readonly string root = Path.Combine(Path.GetTempPath(), "deepimaging-e2e", Guid.NewGuid().ToString("N"));
    private readonly ConcurrentDictionary<string, ExecutedNotebook> notebooks = new();

    /// <summary>Why nothing could run (a missing prerequisite or a failed pack), or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>The version of the package the notebooks loaded.</summary>
    public string Version { get; private set; } = "";

    /// <summary>Wall time of the whole run: pack, then every notebook.</summary>
    public TimeSpan Elapsed { get; private set; }

    internal ExecutedNotebook this[string file]
    {
        get
        {
            if (Problem is not null)
                Assert.Fail($"the end-to-end run could not start: {Problem}");
            return notebooks[file];
        }
    }

    public async Task InitializeAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        if (RealKernel.Missing is { } missing)
        {
            Problem = missing;
            return;
        }
        var feed = Path.Combine(root, "feed");
        var log = new StringWriter();
        var package = await InstallCommand.PackAsync(Repository.Root, feed, log);
        if (package is null)
        {
            Problem = "packing DeepImaging.Interactive failed:\n" + log;
            return;
        }
        Version = Path.GetFileNameWithoutExtension(package)["DeepImaging.Interactive.".Length..];
        File.WriteAllText(Path.Combine(root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
                <add key="e2e" value="{feed}" />
              </packageSources>
            </configuration>
            """);

        var plan = CourseNotebooks.Plan;
        using var slots = new SemaphoreSlim(Parallel);
        await Task.WhenAll(plan.Notebooks.Concat(plan.Assignments).Select(async entry =>
        {
            await slots.WaitAsync();
            try
            {
                notebooks[entry.File] = await ExecuteAsync(entry);
            }
            finally
            {
                slots.Release();
            }
        }));
        Elapsed = stopwatch.Elapsed;
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(root))
            Directory.Delete(root, recursive: true);
        var cached = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages",
            "deepimaging.interactive", Version.ToLowerInvariant());
        if (Version.Length > 0 && Directory.Exists(cached))
            Directory.Delete(cached, recursive: true);
        return Task.CompletedTask;
    }

    // A copy of the notebook, outside the repository, executed by nbconvert; errors are kept as outputs so that every
    // failing cell is reported, not only the first. dotnet-interactive 1.0.712001 picks its HTTP port from 2048-3000
    // by probing, then binds it: two kernels starting at the same moment can pick the same port, and the loser dies
    // before its first cell (Kestrel's "Failed to bind to address ... address already in use", or the socket's own
    // "SocketException (98): Address already in use"). Only that start-up race is retried, a few seconds later; any
    // other failure is the notebook's.
    private async Task<ExecutedNotebook> ExecuteAsync(CourseEntry entry)
    {
        var copy = Path.Combine(root, "course", entry.File);
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(entry.Path, copy);
        var outputFolder = Path.Combine(root, "executed", Path.GetDirectoryName(entry.File)!);
        var executed = Path.Combine(outputFolder, Path.GetFileName(entry.File));
        for (var attempt = 1; ; attempt++)
        {
            var (exitCode, log) = await RealKernel.RunAsync(RealKernel.StartInfo("jupyter-nbconvert",
                "--to", "notebook", "--execute", copy, "--output-dir", outputFolder, "--allow-errors",
                "--ExecutePreprocessor.kernel_name=.net-csharp", "--ExecutePreprocessor.timeout=600"));
            if (exitCode == 0 || attempt == 3 || !log.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
                return ExecutedNotebook.Read(entry.File, exitCode, log, executed) with { Attempts = attempt };
            await Task.Delay(TimeSpan.FromSeconds(2 + Random.Shared.NextDouble() * 3));
        }
    }
}
