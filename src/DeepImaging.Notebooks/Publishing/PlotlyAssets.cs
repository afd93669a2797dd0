using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace DeepImaging.Notebooks;

/// <summary>
/// Moves plotly.js out of executed outputs into one file of the published site. The extension's chart formatter puts
/// the whole library (about 3.6 MB) into the first chart of every kernel session, so that an executed notebook draws
/// offline; on the site, every page instead loads the site's own <c>plotly-VERSION.min.js</c>, written once.
/// Only a library whose content is the genuine plotly.js of that version (SHA-256 below) is lifted: output that merely
/// imitates the block stays in its own page and can never become a script of other pages.
/// </summary>
internal static partial class PlotlyAssets
{
    // plotly.js as Plotly.NET 6.0.0 embeds it (resource Plotly.NET.plotly-2.28.0.min.js). A new Plotly.NET adds its version here.
    private static readonly Dictionary<string, string> GenuineSha256 = new()
    {
        ["2.28.0"] = "f33191858012cf263ca873b819c5e7405538183fe3d0e1a6d7b3e577867bcc37",
    };

    /// <summary>The site file for a plotly.js version: <c>plotly-2.28.0.min.js</c>.</summary>
    public static string FileName(string version) => $"plotly-{version}.min.js";

    /// <summary>
    /// Removes the genuine plotly.js blocks from <paramref name="html"/>, writing each version's library into
    /// <paramref name="siteFolder"/> if it is not there yet, and adds to <paramref name="versions"/> the plotly.js versions
    /// the charts in <paramref name="html"/> need.
    /// </summary>
    public static string Lift(string html, string siteFolder, ISet<string> versions)
    {
        foreach (Match chart in ChartVersion().Matches(html))
            versions.Add(chart.Groups[1].Value);
        return LibraryBlock().Replace(html, block =>
        {
            string version = block.Groups["version"].Value, library = block.Groups["library"].Value;
            if (!GenuineSha256.TryGetValue(version, out var expected) ||
                Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(library))) != expected)
                return block.Value;
            string path = Path.Combine(siteFolder, FileName(version));
            if (!File.Exists(path) || new FileInfo(path).Length != Encoding.UTF8.GetByteCount(library))
                AtomicFile.WriteAllText(path, library);
            versions.Add(version);
            return "";
        });
    }

    /// <summary>The script elements that load the site's plotly.js files, from a page <paramref name="up"/> levels below the site root.</summary>
    public static string ScriptTags(IEnumerable<string> versions, string up, string siteFolder) =>
        string.Concat(versions.Order(StringComparer.Ordinal)
            .Where(v => File.Exists(Path.Combine(siteFolder, FileName(v))))
            .Select(v => $"<script src=\"{up}{FileName(v)}\"></script>\n"));

    [GeneratedRegex("<div class=\"di-plotly-library\" hidden=\"hidden\"><script type=\"text/javascript\">[^<]*</script><script type=\"text/javascript\" data-di-plotly=\"(?<version>[0-9]+(?:\\.[0-9]+)*)\">(?<library>.*?)</script><script type=\"text/javascript\">[^<]*</script></div>", RegexOptions.Singleline)]
    private static partial Regex LibraryBlock();

    [GeneratedRegex("<div class=\"di-chart\" data-plotly-version=\"([0-9]+(?:\\.[0-9]+)*)\"")]
    private static partial Regex ChartVersion();
}
