using System.Reflection;
using System.Runtime.Loader;

namespace DeepImaging.Interactive;

/// <summary>
/// Makes every request for FSharp.Core resolve to the copy the kernel has already loaded.
/// The dotnet-interactive kernel ships FSharp.Core 10.0.0.0 while Plotly.NET 6 is built against 10.1.0.0;
/// without this, the first chart fails with FileNotFoundException. Install it before any Plotly type is touched.
/// </summary>
public static class FSharpCoreResolver
{
    private static int installed;

    /// <summary>Registers the <see cref="AssemblyLoadContext.Resolving"/> handler once per process; later calls do nothing.</summary>
    public static void Install()
    {
        if (Interlocked.Exchange(ref installed, 1) == 0)
            AssemblyLoadContext.Default.Resolving += Resolve;
    }

    /// <summary>The loaded FSharp.Core for a request of any FSharp.Core version, or null (let the runtime fail as usual) for other assemblies or when none is loaded.</summary>
    internal static Assembly? Resolve(AssemblyLoadContext context, AssemblyName requested)
    {
        if (requested.Name != "FSharp.Core")
            return null;
        // The Resolving event fires only after the normal probe failed, i.e. when the requested version is not
        // the one present; any already loaded FSharp.Core is binary compatible for what Plotly.NET uses.
        return AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name == "FSharp.Core")
            .OrderByDescending(a => a.GetName().Version)
            .FirstOrDefault();
    }
}
