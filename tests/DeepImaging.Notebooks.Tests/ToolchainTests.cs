using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using DeepImaging.Notebooks.Tests.Course;

namespace DeepImaging.Notebooks.Tests;

/// <summary>
/// The pinned toolchain and the Binder recipe, as files: what a fresh clone, VS Code, repo2docker and CI read. (Docker
/// cannot run here; CI runs binder/setup.sh itself, and the real-kernel tests use what it installs.)
/// </summary>
public class ToolchainTests
{
    private static string Text(params string[] path) => File.ReadAllText(Repository.PathOf(path));

    [Fact]
    public void Global_json_asks_for_a_dotnet_10_SDK_rolling_forward_within_10_0()
    {
        var sdk = JsonDocument.Parse(Text("global.json")).RootElement.GetProperty("sdk");
        Assert.StartsWith("10.0.", sdk.GetProperty("version").GetString());
        Assert.Equal("latestFeature", sdk.GetProperty("rollForward").GetString());
    }

    [Fact]
    public void The_tool_manifest_pins_the_kernel_of_the_same_build_as_the_packages_the_extension_compiles_against()
    {
        var tool = JsonDocument.Parse(Text(".config", "dotnet-tools.json")).RootElement.GetProperty("tools").GetProperty("microsoft.dotnet-interactive");
        Assert.Equal("1.0.712001", tool.GetProperty("version").GetString());
        Assert.Equal("dotnet-interactive", tool.GetProperty("commands")[0].GetString());
        // DESIGN.md: tool 1.0.712001 and the packages 1.0.0-beta.26120.1 are one build.
        var packages = XDocument.Parse(Text("Directory.Packages.props")).Descendants("PackageVersion")
            .Where(e => ((string)e.Attribute("Include")!).StartsWith("Microsoft.DotNet.Interactive", StringComparison.Ordinal));
        Assert.All(packages, p => Assert.Equal("1.0.0-beta.26120.1", (string?)p.Attribute("Version")));
    }

    [Fact]
    public void VS_Code_recommends_Polyglot_Notebooks()
    {
        var recommendations = JsonDocument.Parse(Text(".vscode", "extensions.json")).RootElement.GetProperty("recommendations");
        Assert.Contains("ms-dotnettools.dotnet-interactive-vscode", recommendations.EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public void The_Dockerfile_meets_Binders_requirements_and_leaves_every_step_to_setup_sh()
    {
        var lines = Text("binder", "Dockerfile").ReplaceLineEndings("\n").Split('\n')
            .Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();
        var from = Assert.Single(lines, l => l.StartsWith("FROM "));
        Assert.Matches(@"^FROM quay\.io/jupyter/base-notebook:\d{4}-\d{2}-\d{2}$", from);    // a date tag, never latest
        Assert.Contains("ARG NB_USER=jovyan", lines);
        Assert.Contains("ARG NB_UID=1000", lines);
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^COPY --chown=\$\{NB_UID\}:\d+ \. \$\{HOME\}$"));
        Assert.Equal("USER ${NB_UID}", lines.Last(l => l.StartsWith("USER ")));                 // the notebook user, not root
        Assert.Equal(["RUN bash ${HOME}/binder/setup.sh system", "RUN bash binder/setup.sh user"], lines.Where(l => l.StartsWith("RUN ")));
        Assert.DoesNotContain(lines, l => l.StartsWith("ENTRYPOINT") || l.StartsWith("CMD"));  // Binder's command must reach Jupyter
        Assert.Contains("EXPOSE 8888", lines);
    }

    [Fact]
    public void CI_runs_the_binder_recipe_and_then_exactly_the_READMEs_test_command()
    {
        var commands = Text(".ci", "run").ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();
        Assert.Contains("bash binder/setup.sh", commands);
        Assert.Equal("dotnet test", commands[^1]);
        Assert.Contains("```bash\ndotnet test\n```", Text("README.md").ReplaceLineEndings("\n"));
        Assert.Contains("jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel", Text(".ci", "run"));
    }

    [Fact]
    public void The_Binder_badge_opens_the_repository_the_package_names()
    {
        var repository = XDocument.Load(Repository.PathOf("src", "DeepImaging.Interactive", "DeepImaging.Interactive.csproj"))
            .Descendants("RepositoryUrl").Single().Value;
        var ownerAndName = new Uri(repository).AbsolutePath.Trim('/');
        Assert.Contains($"https://mybinder.org/v2/gh/{ownerAndName}/main", Text("README.md"));
        Assert.Contains($"?urlpath=lab/tree/notebooks/{CourseNotebooks.Plan.Notebooks[0].File}", Text("README.md"));
    }
}
