using System.Reflection;
using System.Runtime.Loader;

namespace DeepImaging.Interactive.Tests;

public sealed class ExtensionLoadingTests
{
    [Fact]
    public async Task Loading_extension_dib_prints_one_line_with_the_version_and_the_magic_commands()
    {
        using var kernel = await NotebookKernel.StartAsync();

        Assert.True(kernel.Load.Succeeded, kernel.Load.Error);
        string banner = Assert.Single(kernel.Load.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"DeepImaging.Interactive {DeepImagingExtension.Version} loaded: magic commands #!conv, #!conv-shape, #!conv-explorer, #!params, #!network (add -h for help).", banner);
        Assert.Matches(@"^0\.1\.0-dev\.\d{14}$", DeepImagingExtension.Version);
    }

    [Fact]
    public async Task Loading_imports_the_course_namespaces_into_csharp()
    {
        using var kernel = await NotebookKernel.StartAsync();

        var cell = await kernel.RunAsync("var model = new Sequential(new Linear(2, 4), new ReLU(), new Linear(4, 1));\nTensor.Arange(4).Sum().Item() + model.ParameterCount");
        var helpers = await kernel.RunAsync("Exercise.Check(\"1.1\", 3.0, 3.0).Correct == true && Charts.Roc != null && NetworkDiagram.FromSizes(2, 4) != null");

        Assert.True(cell.Succeeded, cell.Error);
        Assert.Equal(6f + 17, Convert.ToSingle(cell.ReturnValue));
        Assert.True(helpers.Succeeded, helpers.Error);
        Assert.Equal(true, helpers.ReturnValue);
    }

    [Fact]
    public async Task Loading_again_keeps_one_copy_of_each_magic()
    {
        using var kernel = await NotebookKernel.StartAsync();

        var again = await kernel.RunAsync("DeepImaging.Interactive.DeepImagingExtension.Load(Microsoft.DotNet.Interactive.Kernel.Root);");
        var cell = await kernel.RunAsync("#!params 2 4 1");

        Assert.True(again.Succeeded, again.Error);
        Assert.Equal(1, kernel.Kernel.ChildKernels.Single().KernelInfo.SupportedDirectives.Count(d => d.Name == "#!params"));
        Assert.StartsWith("12 + 5 = 17 parameters", cell.Text);
    }

    [Fact]
    public void FSharp_core_requests_of_any_version_resolve_to_the_loaded_copy()
    {
        var loaded = typeof(Microsoft.FSharp.Core.Unit).Assembly;
        FSharpCoreResolver.Install();

        var resolved = FSharpCoreResolver.Resolve(AssemblyLoadContext.Default, new AssemblyName("FSharp.Core, Version=99.9.0.0"));

        Assert.Same(loaded, resolved);
        Assert.Null(FSharpCoreResolver.Resolve(AssemblyLoadContext.Default, new AssemblyName("Not.FSharp.Core")));
    }
}
