using Plotly.NET;

namespace DeepImaging.Interactive.Formatters;

/// <summary>
/// plotly.js, exactly the version Plotly.NET emits (<see cref="Globals.PLOTLYJS_VERSION"/>), read from the copy
/// embedded in the Plotly.NET assembly: charts draw from it with no network.
/// </summary>
internal static class PlotlyLibrary
{
    private static readonly Lazy<string> script = new(Load);

    /// <summary>The plotly.js version, e.g. "2.28.0".</summary>
    public static string Version => Globals.PLOTLYJS_VERSION;

    /// <summary>The file name a published site gives its copy: <c>plotly-2.28.0.min.js</c>.</summary>
    public static string FileName => $"plotly-{Version}.min.js";

    /// <summary>The minified plotly.js source (about 3.6 MB).</summary>
    public static string Script => script.Value;

    private static string Load()
    {
        var assembly = typeof(GenericChart).Assembly;
        string name = $"Plotly.NET.plotly-{Version}.min.js";
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"PlotlyLibrary: {assembly.GetName().Name} {assembly.GetName().Version} has no embedded resource '{name}'; the Plotly.NET package does not match the version this extension was built for.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
