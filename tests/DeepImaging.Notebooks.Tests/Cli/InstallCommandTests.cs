using System.Diagnostics;
using System.Xml.Linq;

namespace DeepImaging.Notebooks.Tests.Cli;

/// <summary>
/// <c>deepimaging install</c>: its arguments, and the registration of the package folder in a NuGet.Config. The pack
/// itself runs for real in the end-to-end course run (RealKernelRun), which installs the package it tests.
/// </summary>
public sealed class InstallCommandTests : IDisposable
{
    private readonly string folder = TestNotebooks.NewFolder();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Config => Path.Combine(folder, "NuGet", "NuGet.Config");

    private Dictionary<string, string> Sources() => XDocument.Load(Config).Root!.Element("packageSources")!.Elements("add")
        .ToDictionary(e => (string)e.Attribute("key")!, e => (string)e.Attribute("value")!);

    [Fact]
    public void A_missing_user_config_is_created_with_nuget_org_and_the_package_folder()
    {
        Assert.True(InstallCommand.RegisterSource(Config, "deepimaging", "/home/student/.local/share/deepimaging/packages"));

        Assert.Equal(new Dictionary<string, string>
        {
            ["nuget.org"] = "https://api.nuget.org/v3/index.json",
            ["deepimaging"] = "/home/student/.local/share/deepimaging/packages",
        }, Sources());
    }

    [Fact]
    public void Registering_again_changes_nothing()
    {
        InstallCommand.RegisterSource(Config, "deepimaging", "/feed");
        var before = File.ReadAllText(Config);
        var written = File.GetLastWriteTimeUtc(Config);

        Assert.False(InstallCommand.RegisterSource(Config, "deepimaging", "/feed"));

        Assert.Equal(before, File.ReadAllText(Config));
        Assert.Equal(written, File.GetLastWriteTimeUtc(Config));
    }

    [Fact]
    public void A_moved_feed_is_updated_and_the_users_other_sources_and_settings_are_kept()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Config)!);
        File.WriteAllText(Config, """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="/big/disk/packages" /></config>
              <packageSources>
                <add key="company" value="https://nuget.example.test/v3/index.json" />
                <add key="deepimaging" value="/old/feed" />
              </packageSources>
              <disabledPackageSources><add key="deepimaging" value="true" /></disabledPackageSources>
            </configuration>
            """);

        Assert.True(InstallCommand.RegisterSource(Config, "deepimaging", "/new/feed"));

        Assert.Equal(new Dictionary<string, string>
        {
            ["company"] = "https://nuget.example.test/v3/index.json",
            ["deepimaging"] = "/new/feed",
        }, Sources());
        var root = XDocument.Load(Config).Root!;
        Assert.Equal("/big/disk/packages", (string?)root.Element("config")!.Element("add")!.Attribute("value"));
        Assert.Empty(root.Element("disabledPackageSources")!.Elements());
    }

    [Fact]
    public async Task NuGet_itself_lists_the_registered_folder_as_an_enabled_source()
    {
        var feed = Path.Combine(folder, "feed");
        Directory.CreateDirectory(feed);
        InstallCommand.RegisterSource(Config, "deepimaging", feed);

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "nuget", "list", "source", "--configfile", Config })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        Assert.Matches(@"deepimaging \[Enabled\]\s+" + System.Text.RegularExpressions.Regex.Escape(feed), output);
        Assert.Matches(@"nuget\.org \[Enabled\]", output);
    }

    [Fact]
    public void A_config_that_is_not_a_NuGet_config_is_refused_and_left_alone()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Config)!);
        File.WriteAllText(Config, "<settings />");
        Assert.Contains("is not a NuGet.Config", Assert.Throws<InvalidDataException>(() => InstallCommand.RegisterSource(Config, "deepimaging", "/feed")).Message);
        Assert.Equal("<settings />", File.ReadAllText(Config));
    }

    [Fact]
    public async Task Help_shows_the_usage_and_bad_arguments_are_usage_errors()
    {
        var output = new StringWriter();
        Assert.Equal(0, await InstallCommand.RunAsync(["--help"], output, TextWriter.Null));
        Assert.StartsWith("usage: deepimaging install", output.ToString());

        var errors = new StringWriter();
        Assert.Equal(2, await InstallCommand.RunAsync(["--fed", "x"], TextWriter.Null, errors));
        Assert.Contains("unknown argument '--fed'", errors.ToString());

        errors = new StringWriter();
        Assert.Equal(2, await InstallCommand.RunAsync(["--feed"], TextWriter.Null, errors));
        Assert.Contains("--feed needs a value", errors.ToString());
    }

    [Fact]
    public async Task A_folder_that_is_not_the_course_repository_is_named()
    {
        var errors = new StringWriter();

        Assert.Equal(2, await InstallCommand.RunAsync(["--repo", folder, "--feed", Path.Combine(folder, "feed"), "--nuget-config", Config],
            TextWriter.Null, errors));

        Assert.Contains($"{folder} is not the course repository (no src/DeepImaging.Interactive/DeepImaging.Interactive.csproj)", errors.ToString());
        Assert.False(File.Exists(Config));
    }
}
