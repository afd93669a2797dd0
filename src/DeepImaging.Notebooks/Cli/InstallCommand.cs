using System.Diagnostics;
using System.Reflection;
using System.Xml.Linq;

namespace DeepImaging.Notebooks;

/// <summary>
/// <c>deepimaging install [--feed DIR] [--nuget-config FILE] [--repo DIR]</c>: packs the notebook extension
/// (DeepImaging.Interactive, with the library and the data sets) from the course repository into a package folder of
/// this user's and registers that folder as a NuGet source in the user-level NuGet.Config, so that
/// <c>#r "nuget: DeepImaging.Interactive, 0.1.0-*"</c> works in a notebook in any folder. Running it again packs a
/// newer version and leaves the registration as it is. It also restores the repository's pinned tools (the Jupyter
/// kernel, dotnet-interactive). Exit code 0 on success, 1 when packing failed, 2 for bad input.
/// </summary>
public static class InstallCommand
{
    /// <summary>The usage line shown for <c>--help</c> and after a usage error.</summary>
    public const string Usage =
        "usage: deepimaging install [--feed DIR (default ~/.local/share/deepimaging/packages)] " +
        "[--nuget-config FILE (default the user-level NuGet.Config)] [--repo DIR (default: found from here)]";

    /// <summary>The key of the package source this command registers.</summary>
    public const string SourceName = "deepimaging";

    private const string ExtensionProject = "src/DeepImaging.Interactive/DeepImaging.Interactive.csproj";
    private const string NuGetOrg = "https://api.nuget.org/v3/index.json";

    /// <summary>The default package folder: <c>deepimaging/packages</c> in the user's local data folder.</summary>
    public static string DefaultFeed =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
            "deepimaging", "packages");

    /// <summary>The user-level NuGet.Config that NuGet reads for every folder (NuGet's own location rule).</summary>
    public static string UserNuGetConfig => OperatingSystem.IsWindows()
        ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "NuGet", "NuGet.Config")
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "NuGet", "NuGet.Config");

    /// <summary>Runs the verb with the arguments that follow <c>install</c>; returns the exit code.</summary>
    /// <param name="args">The arguments after the verb.</param>
    /// <param name="output">Where progress and the result go.</param>
    /// <param name="errors">Where errors go.</param>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        string? feed = null, config = null, repo = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is "-h" or "--help")
            {
                output.WriteLine(Usage);
                return 0;
            }
            if (args[i] is not ("--feed" or "--nuget-config" or "--repo"))
                return UsageError(errors, $"unknown argument '{args[i]}'");
            if (i + 1 >= args.Count || string.IsNullOrWhiteSpace(args[i + 1]))
                return UsageError(errors, $"{args[i]} needs a value");
            var value = Path.GetFullPath(args[++i]);
            switch (args[i - 1])
            {
                case "--feed": feed = value; break;
                case "--nuget-config": config = value; break;
                default: repo = value; break;
            }
        }
        repo ??= FindRepository();
        if (repo is null || !File.Exists(Path.Combine(repo, ExtensionProject)))
            return UsageError(errors, $"{repo ?? Environment.CurrentDirectory} is not the course repository (no {ExtensionProject}); " +
                                      "run this inside the repository or name it with --repo");
        feed ??= DefaultFeed;
        config ??= UserNuGetConfig;

        var package = await PackAsync(repo, feed, output);
        if (package is null)
        {
            errors.WriteLine($"deepimaging install: packing {ExtensionProject} failed (see the build output above)");
            return 1;
        }
        try
        {
            RegisterSource(config, SourceName, feed);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Xml.XmlException or InvalidDataException)
        {
            errors.WriteLine($"deepimaging install: cannot register {feed} in {config}: {e.Message}");
            return 1;
        }
        // The repository pins the kernel in .config/dotnet-tools.json; until it is restored, `dotnet interactive` (the
        // command Jupyter starts the kernel with) fails in every folder of the repository.
        if ((await DotnetAsync(repo, output, "tool", "restore")).ExitCode != 0)
            errors.WriteLine($"deepimaging install: warning: 'dotnet tool restore' failed in {repo}; Jupyter kernels for " +
                             "notebooks inside the repository need it (run it there once)");
        output.WriteLine($"deepimaging install: {Path.GetFileName(package)} is in {feed},");
        output.WriteLine($"  a NuGet source named '{SourceName}' in {config}.");
        output.WriteLine("  A notebook in any folder can now load it (restart a running kernel first):");
        output.WriteLine("    #r \"nuget: DeepImaging.Interactive, 0.1.0-*\"");
        return 0;
    }

    /// <summary>
    /// Packs the extension of the repository in <paramref name="repository"/> into <paramref name="feed"/> with
    /// <c>dotnet pack</c> (a higher development version when the library changed; older ones there are deleted) and returns the
    /// package's path, or null when the pack failed. The build's output goes to <paramref name="log"/>.
    /// </summary>
    public static async Task<string?> PackAsync(string repository, string feed, TextWriter log)
    {
        Directory.CreateDirectory(feed);
        // No build servers or reused nodes: they would outlive the pack holding its output pipes open.
        var (exitCode, lines) = await DotnetAsync(repository, log, "pack", Path.Combine(repository, ExtensionProject),
            "--output", feed, "--nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false");
        if (exitCode != 0)
            return null;
        // "Successfully created package '/path/DeepImaging.Interactive.0.1.0-dev.20261201120000.nupkg'."
        return lines.Select(l => l.Trim()).Where(l => l.StartsWith("Successfully created package '", StringComparison.Ordinal))
            .Select(l => l["Successfully created package '".Length..l.LastIndexOf('\'')])
            .LastOrDefault(p => Path.GetFileName(p).StartsWith("DeepImaging.Interactive.", StringComparison.Ordinal));
    }

    // Runs `dotnet <arguments>` in a folder, copying its output to the log; returns the exit code and the lines.
    private static async Task<(int ExitCode, List<string> Lines)> DotnetAsync(string folder, TextWriter log, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var lines = new List<string>();
        async Task Copy(StreamReader reader)
        {
            while (await reader.ReadLineAsync() is { } line)
                lock (lines)
                {
                    lines.Add(line);
                    log.WriteLine(line);
                }
        }
        await Task.WhenAll(Copy(process.StandardOutput), Copy(process.StandardError), process.WaitForExitAsync());
        return (process.ExitCode, lines);
    }

    /// <summary>
    /// Makes <paramref name="feed"/> the package source <paramref name="name"/> in the NuGet.Config at
    /// <paramref name="configPath"/>, as <c>dotnet nuget add source</c> (or <c>update source</c>, when the name exists)
    /// would: other sources and settings are kept, a disabled entry for the name is enabled. A missing file is created
    /// with nuget.org, as NuGet creates its default user-level file, so that the packages it needs still restore.
    /// Returns false when the file already said so and was left untouched.
    /// </summary>
    /// <exception cref="System.Xml.XmlException">The file is not XML.</exception>
    /// <exception cref="InvalidDataException">The file's root element is not &lt;configuration&gt;.</exception>
    public static bool RegisterSource(string configPath, string name, string feed)
    {
        var exists = File.Exists(configPath);
        var document = exists
            ? XDocument.Load(configPath)
            : new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("configuration",
                new XElement("packageSources", new XElement("add", new XAttribute("key", "nuget.org"),
                    new XAttribute("value", NuGetOrg), new XAttribute("protocolVersion", "3")))));
        var root = document.Root;
        if (root?.Name != "configuration")
            throw new InvalidDataException($"{configPath} is not a NuGet.Config: its root element is not <configuration>");
        var changed = !exists;

        var sources = root.Element("packageSources");
        if (sources is null)
        {
            sources = new XElement("packageSources");
            root.Add(sources);
        }
        var entries = sources.Elements("add").Where(e => (string?)e.Attribute("key") == name).ToList();
        if (entries.Count == 1 && (string?)entries[0].Attribute("value") == feed)
        {
            // Already registered.
        }
        else
        {
            entries.ForEach(e => e.Remove());
            sources.Add(new XElement("add", new XAttribute("key", name), new XAttribute("value", feed)));
            changed = true;
        }
        var disabled = root.Element("disabledPackageSources")?.Elements("add").Where(e => (string?)e.Attribute("key") == name).ToList();
        if (disabled is { Count: > 0 })
        {
            disabled.ForEach(e => e.Remove());
            changed = true;
        }
        if (!changed)
            return false;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(configPath))!);
        document.Save(configPath);
        return true;
    }

    // The repository this command was started in (the current folder or one above it), else the one the tool was built from.
    private static string? FindRepository()
    {
        for (var folder = Environment.CurrentDirectory; folder is not null; folder = Path.GetDirectoryName(folder))
            if (File.Exists(Path.Combine(folder, ExtensionProject)))
                return folder;
        return typeof(InstallCommand).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
    }

    private static int UsageError(TextWriter errors, string message)
    {
        errors.WriteLine($"deepimaging install: {message}");
        errors.WriteLine(Usage);
        return 2;
    }
}
