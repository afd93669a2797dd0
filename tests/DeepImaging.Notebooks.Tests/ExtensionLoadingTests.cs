using System.IO.Compression;
using static DeepImaging.Notebooks.Tests.TestNotebooks;

namespace DeepImaging.Notebooks.Tests;

/// <summary>
/// A notebook restores a tiny package from a local feed (a nuget.config beside the notebook) and the package's
/// interactive-extensions/dotnet/extension.dib runs, as in the dotnet-interactive tool.
/// </summary>
public sealed class ExtensionLoadingTests : IDisposable
{
    private readonly string folder = NewFolder();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Extension_script_of_a_restored_package_runs_before_the_next_cell()
    {
        // NuGet caches packages by id and version in ~/.nuget/packages: naming the package after a hash of its
        // script means a changed script is never served from an older cached copy.
        const string extensionScript = "#!csharp\n\nvar fromExtension = \"set by extension.dib\";\n";
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(extensionScript)))[..12];
        var id = "DeepImaging.RunnerTests.Extension" + hash;
        WritePackage(Path.Combine(folder, "feed"), id, "1.0.0", extensionScript);
        File.WriteAllText(Path.Combine(folder, "nuget.config"), """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="feed" />
              </packageSources>
            </configuration>
            """);
        var path = Write(folder, "uses-extension.ipynb",
            Code($"#r \"nuget: {id}, 1.0.0\""),
            Code("fromExtension.ToUpper()"));

        var result = await new NotebookRunner().RunAsync(path);

        Assert.True(result.Succeeded, result.FirstFailure?.Describe(result.FileName));
        Assert.Contains($"Installed Packages {id}, 1.0.0", result.Cells[0].OutputText);
        Assert.Contains($"Loading extension script from `", result.Cells[0].OutputText);
        Assert.Contains("interactive-extensions/dotnet/extension.dib`", result.Cells[0].OutputText);
        Assert.Equal("SET BY EXTENSION.DIB", result.Cells[1].OutputText);
    }

    // A .nupkg is a zip holding a .nuspec at its root and the package's files.
    private static void WritePackage(string feed, string id, string version, string extensionScript)
    {
        Directory.CreateDirectory(feed);
        using var zip = ZipFile.Open(Path.Combine(feed, $"{id}.{version}.nupkg"), ZipArchiveMode.Create);
        using (var nuspec = new StreamWriter(zip.CreateEntry($"{id}.nuspec").Open()))
            nuspec.Write($"""
                <?xml version="1.0" encoding="utf-8"?>
                <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
                  <metadata>
                    <id>{id}</id>
                    <version>{version}</version>
                    <authors>tests</authors>
                    <description>A kernel extension made by the runner's tests.</description>
                  </metadata>
                </package>
                """);
        using (var script = new StreamWriter(zip.CreateEntry("interactive-extensions/dotnet/extension.dib").Open()))
            script.Write(extensionScript);
    }
}
