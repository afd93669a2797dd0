using System.Diagnostics;
using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Xml.Linq;
using DeepImaging.Interactive.Exercises;
using DeepImaging.Interactive.Tests.Exercises;

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
    public void Package_holds_the_exercise_key_hashed_and_no_distinctive_answer_anywhere()
    {
        using var package = ZipFile.OpenRead(PackagePath());
        // Everything but the core library, which knows nothing of the exercises (its docs mention Adam's 0.9 and the like),
        // and the data sets, whose thousands of measurements hold every number by chance.
        var texts = package.Entries.Where(e => !e.FullName.StartsWith("datasets/", StringComparison.Ordinal) &&
                                               (!Path.GetFileName(e.FullName).StartsWith("DeepImaging.", StringComparison.Ordinal) ||
                                                Path.GetFileName(e.FullName).StartsWith("DeepImaging.Interactive", StringComparison.Ordinal)))
            .SelectMany(TextsIn).ToList();
        var key = ExerciseKey.Parse(Assert.Single(texts, t => t.StartsWith('{') && t.Contains(ExerciseKey.GeneratedBy, StringComparison.Ordinal)));
        Assert.All(key.SelectMany(e => e.Mistakes.Select(m => m.AnswerHash).Prepend(e.AnswerHash)), hash => Assert.Matches("^[0-9a-f]{64}$", hash));
        // Answers of three digits or more (409,801 or 1.64, not 12, which the #!params help shows for 2 x 4 + 4) appear
        // in no file, string literal or resource. Hints and titles never hold their own answer: see ExerciseKeyTests.
        foreach (var plain in ExerciseAnswers.All.Where(a => a.Canonical.Replace(".", "").TrimStart('0').Length >= 3))
            foreach (string text in texts)
                Assert.False(AnswerText.NumbersIn(text, plain.Decimals).Contains(plain.Canonical), $"the answer to {plain.Id} is in the package: {text}");
    }

    /// <summary>The text of a package file; for an assembly, its string literals and embedded resources.</summary>
    private static IEnumerable<string> TextsIn(ZipArchiveEntry entry)
    {
        using var stream = new MemoryStream();
        using (var source = entry.Open())
            source.CopyTo(stream);
        if (!entry.FullName.EndsWith(".dll", StringComparison.Ordinal))
            return [Encoding.UTF8.GetString(stream.ToArray())];
        stream.Position = 0;
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var texts = new List<string>();
        var literal = metadata.GetHeapSize(HeapIndex.UserString) > 1 ? MetadataTokens.UserStringHandle(1) : default;
        for (; !literal.IsNil; literal = metadata.GetNextHandle(literal))
            texts.Add(metadata.GetUserString(literal));
        var resources = pe.GetSectionData(pe.PEHeaders.CorHeader!.ResourcesDirectory.RelativeVirtualAddress);
        foreach (var resource in metadata.ManifestResources.Select(metadata.GetManifestResource))
        {
            var reader = resources.GetReader((int)resource.Offset, resources.Length - (int)resource.Offset);
            texts.Add(Encoding.UTF8.GetString(reader.ReadBytes(reader.ReadInt32())));
        }
        return texts;
    }

    [Fact]
    public void Package_carries_every_data_set_at_its_root_with_their_provenance()
    {
        using var package = ZipFile.OpenRead(PackagePath());
        var shipped = package.Entries.Where(e => e.FullName.StartsWith("datasets/", StringComparison.Ordinal))
            .Select(e => e.FullName["datasets/".Length..]).Order(StringComparer.Ordinal);
        var repository = Directory.GetFiles(Repository.PathOf("datasets")).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal);

        Assert.Equal(repository, shipped);
        using var stream = package.GetEntry("datasets/retina.jpg")!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        Assert.Equal(File.ReadAllBytes(Repository.PathOf("datasets", "retina.jpg")), copy.ToArray());
    }

    [Fact]
    public void Package_metadata_has_licence_readme_repository_and_tags_for_a_public_feed()
    {
        using var package = ZipFile.OpenRead(PackagePath());
        var metadata = Metadata(package);

        AssertReadyForAPublicFeed(package, metadata);
    }

    [Fact]
    public async Task Asking_the_build_again_for_the_development_version_gives_the_version_of_the_assembly_it_built()
    {
        // With nothing changed since the build, the version stays (no recompile, no new package for kernels to restore).
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "msbuild", Repository.PathOf("src", "DeepImaging.Interactive"), "-t:SetDevelopmentVersion",
                     "-getProperty:PackageVersion", "-nologo", "-nodeReuse:false" })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, await output + await errors);
        Assert.Equal(DeepImagingExtension.Version, (await output).Trim());
    }

    [Fact]
    public async Task A_release_pack_with_version_0_2_0_gives_a_package_without_a_development_suffix_or_warnings()
    {
        // Its own build folders, so the release build cannot disturb the test binaries in use.
        var folder = Path.Combine(Path.GetTempPath(), "deepimaging-release-" + Guid.NewGuid().ToString("N"));
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "pack", Repository.PathOf("src", "DeepImaging.Interactive"), "-p:Version=0.2.0",
                         "--output", Path.Combine(folder, "out"), "-nodeReuse:false", "-p:UseSharedCompilation=false", "-warnaserror" })
                start.ArgumentList.Add(argument);
            start.Environment["DEEPIMAGING_BUILD_ROOT"] = Path.Combine(folder, "build");
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            string log = await output + await errors;

            Assert.True(process.ExitCode == 0, log);
            Assert.DoesNotMatch(@"warning [A-Z]+\d+", log);
            using var package = ZipFile.OpenRead(Assert.Single(Directory.GetFiles(Path.Combine(folder, "out"), "*.nupkg")));
            var metadata = Metadata(package);
            Assert.Equal("0.2.0", Value(metadata, "version"));
            Assert.Equal("DeepImaging.Interactive.0.2.0.nupkg", Path.GetFileName(Directory.GetFiles(Path.Combine(folder, "out"))[0]));
            AssertReadyForAPublicFeed(package, metadata);
        }
        finally
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }

    private static XElement Metadata(ZipArchive package)
    {
        using var stream = package.GetEntry("DeepImaging.Interactive.nuspec")!.Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static string? Value(XElement metadata, string name) =>
        metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

    private static void AssertReadyForAPublicFeed(ZipArchive package, XElement metadata)
    {
        var license = metadata.Elements().Single(e => e.Name.LocalName == "license");
        Assert.Equal("expression", (string?)license.Attribute("type"));
        Assert.Equal("MIT", license.Value);
        Assert.Equal("README.md", Value(metadata, "readme"));
        Assert.Contains("Datasets.LoadRetina()", new StreamReader(package.GetEntry("README.md")!.Open()).ReadToEnd());
        var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.Equal("git", (string?)repository.Attribute("type"));
        Assert.StartsWith("https://github.com/", (string?)repository.Attribute("url"));
        Assert.Equal((string?)repository.Attribute("url"), Value(metadata, "projectUrl"));
        var tags = Value(metadata, "tags")!.Split(' ');
        Assert.Contains("polyglot-notebooks", tags);
        Assert.Contains("dotnet-interactive", tags);
        Assert.Contains("medical-imaging", tags);
        Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "description")));
        Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "authors")));
        Assert.StartsWith("MIT License", File.ReadAllText(Repository.PathOf("LICENSE")));
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
