using System.IO.Compression;
using System.Xml.Linq;

namespace DeepImaging.Interactive.Tests;

/// <summary>The package the build leaves in artifacts/packages: what a notebook's #r line installs.</summary>
public sealed class PackageTests
{
    private static readonly string Folder = Repository.PathOf("artifacts", "packages");

    /// <summary>The package built with the assembly under test; if a parallel build has since replaced it, the newest one.</summary>
    private static string PackagePath()
    {
        string exact = Path.Combine(Folder, $"DeepImaging.Interactive.{DeepImagingExtension.Version}.nupkg");
        if (File.Exists(exact))
            return exact;
        var packages = Directory.GetFiles(Folder, "DeepImaging.Interactive.*.nupkg").Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(packages);
        return packages[^1];
    }

    [Fact]
    public void Package_contains_the_extension_script_and_both_assemblies_but_no_interactive_assemblies()
    {
        using var package = ZipFile.OpenRead(PackagePath());
        var entries = package.Entries.Select(e => e.FullName).ToList();

        Assert.Contains("interactive-extensions/dotnet/extension.dib", entries);
        Assert.Contains("lib/net10.0/DeepImaging.Interactive.dll", entries);
        Assert.Contains("lib/net10.0/DeepImaging.dll", entries);
        Assert.DoesNotContain(entries, e => Path.GetFileName(e).StartsWith("Microsoft.DotNet.Interactive", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(entries, e => Path.GetFileName(e).StartsWith("FSharp.Core", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Package_extension_script_calls_the_load_entry_point_and_matches_the_source()
    {
        using var package = ZipFile.OpenRead(PackagePath());
        using var reader = new StreamReader(package.GetEntry("interactive-extensions/dotnet/extension.dib")!.Open());
        string script = reader.ReadToEnd();

        Assert.Contains("DeepImaging.Interactive.DeepImagingExtension.Load(", script);
        Assert.Equal(File.ReadAllText(Repository.PathOf("src", "DeepImaging.Interactive", "extension.dib")), script);
    }

    [Fact]
    public void Package_depends_on_plotly_and_the_core_dependencies_but_not_on_the_kernel_packages()
    {
        using var package = ZipFile.OpenRead(PackagePath());
        using var stream = package.GetEntry("DeepImaging.Interactive.nuspec")!.Open();
        var nuspec = XDocument.Load(stream);
        var dependencies = nuspec.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => (string)e.Attribute("id")!).Order().ToArray();

        // Not Plotly.NET.Interactive: its chart formatter loads scripts from the network; the extension draws charts offline.
        Assert.Equal(["Plotly.NET", "Plotly.NET.CSharp", "StbImageSharp"], dependencies);
        Assert.Matches(@"^0\.1\.0-dev\.\d{14}$", nuspec.Descendants().Single(e => e.Name.LocalName == "version").Value);
    }

    [Fact]
    public void Nuget_config_lists_nuget_org_and_the_local_package_folder()
    {
        var config = XDocument.Load(Repository.PathOf("nuget.config"));
        var sources = config.Descendants("add").ToDictionary(e => (string)e.Attribute("key")!, e => (string)e.Attribute("value")!);

        Assert.Equal("https://api.nuget.org/v3/index.json", sources["nuget.org"]);
        Assert.Equal("artifacts/packages", sources["deepimaging-local"]);
    }
}
