using System.Reflection;
using System.Runtime.CompilerServices;
using DeepImaging.Interactive.Formatters;
using DeepImaging.Interactive.Magics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;

namespace DeepImaging.Interactive;

/// <summary>
/// The entry point of the kernel extension. The package's <c>interactive-extensions/dotnet/extension.dib</c>
/// calls <see cref="Load"/>; an in-process host (tests, the headless runner) calls it directly.
/// </summary>
public static class DeepImagingExtension
{
    /// <summary>The namespaces a student needs, imported into the C# kernel on load.</summary>
    public static IReadOnlyList<string> Namespaces { get; } =
    [
        "DeepImaging", "DeepImaging.NN", "DeepImaging.Data", "DeepImaging.Metrics", "DeepImaging.Training", "DeepImaging.Explain",
        "DeepImaging.Interactive.Charts", "DeepImaging.Interactive.Formatters", "DeepImaging.Interactive.Exercises", "DeepImaging.Interactive.Progress",
    ];

    /// <summary>The package version, e.g. <c>0.1.0-dev.20261125173000</c>.</summary>
    public static string Version { get; } =
        typeof(DeepImagingExtension).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "unknown";

    // Loading twice (a repeated #r, or a host that runs the .dib and calls Load) must not add the magics twice.
    private static readonly ConditionalWeakTable<Kernel, object> loadedInto = new();

    /// <summary>
    /// Wires the extension into <paramref name="kernel"/> (the root <see cref="CompositeKernel"/> or its C# kernel):
    /// makes FSharp.Core resolve to the kernel's copy, registers the formatters, adds the magic commands and the
    /// <c>using</c> directives to the C# kernel, and returns the one-line banner (also displayed when a command is running).
    /// </summary>
    public static string Load(Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        // First, before anything can touch a Plotly type (the formatters' registration may load Plotly.NET.Interactive).
        FSharpCoreResolver.Install();
        FormatterRegistration.RegisterAll();

        var csharp = FindCSharpKernel(kernel);
        var magics = Magic.All;
        if (loadedInto.TryAdd(csharp, new object()))
        {
            foreach (var magic in magics)
                magic.AddTo(csharp);
            DirectiveErrors.AddTo(csharp);
            ValueSharing.AddTo(csharp);
            AddUsingsBeforeNextSubmission(csharp);
        }

        string banner = $"DeepImaging.Interactive {Version} loaded: magic commands {string.Join(", ", magics.Select(m => m.Name))} (add -h for help).";
        KernelInvocationContext.Current?.DisplayAs(banner, "text/plain");
        return banner;
    }

    /// <summary>
    /// Imports the namespaces just before the C# kernel runs its next code. Submitting them from here would not last when
    /// Load runs inside a C# submission (extension.dib): that submission ends by storing its own script state,
    /// which was started before the usings were added.
    /// </summary>
    private static void AddUsingsBeforeNextSubmission(CSharpKernel csharp)
    {
        // Functional's operations (Conv2d, Relu, Softmax...) are imported as plain functions, as the notebooks use them.
        string usings = string.Concat(Namespaces.Select(n => $"using {n};\n")) + "using static DeepImaging.Functional;\n";
        int pending = 1;
        csharp.AddMiddleware(async (command, context, next) =>
        {
            if (command is SubmitCode && Interlocked.Exchange(ref pending, 0) == 1)
                await csharp.SendAsync(new SubmitCode(usings));
            await next(command, context);
        });
    }

    private static CSharpKernel FindCSharpKernel(Kernel kernel) => kernel switch
    {
        CSharpKernel csharp => csharp,
        CompositeKernel composite => composite.ChildKernels.OfType<CSharpKernel>().FirstOrDefault()
            ?? throw new ArgumentException("DeepImagingExtension.Load: the composite kernel has no C# kernel; add a CSharpKernel before loading the extension."),
        _ when kernel.RootKernel is CompositeKernel root && root != kernel => FindCSharpKernel(root),
        _ => throw new ArgumentException($"DeepImagingExtension.Load: expected the root CompositeKernel or a CSharpKernel, got {kernel.GetType().Name} '{kernel.Name}'."),
    };
}
