using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.DotNet.Interactive;
using Plotly.NET;

namespace DeepImaging.Interactive.Formatters;

/// <summary>
/// Formats a Plotly.NET chart so that it draws with no network, in the spirit of plotly.py's offline mode
/// (<c>init_notebook_mode(connected=False)</c>):
/// <list type="bullet">
/// <item>The first chart of a kernel session carries plotly.js itself (the copy embedded in Plotly.NET, see
/// <see cref="PlotlyLibrary"/>) in a <c>di-plotly-library</c> block; later charts of the session use it. The executed
/// notebook therefore draws offline in Jupyter and VS Code, and a published site moves the library into one shared file.</item>
/// <item>Each chart holds a static SVG drawing (<see cref="ChartSvg"/>) that stays where no script runs (GitHub's
/// notebook view) and is hidden once plotly.js has drawn the interactive chart.</item>
/// <item>A chart whose script runs before plotly.js is there waits in <c>window.diPlotlyWaiting</c>; the library drains it.</item>
/// </list>
/// No require.js and no address outside the page: nothing is fetched.
/// </summary>
internal static class ChartHtml
{
    // Kernel sessions whose output already carries plotly.js (a weak table: a disposed kernel takes its entry with it).
    private static readonly ConditionalWeakTable<Kernel, object> sessionsWithLibrary = new();

    /// <summary>The HTML for <paramref name="chart"/>; plotly.js is included once per kernel session, and always outside a kernel.</summary>
    public static string Render(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var root = KernelInvocationContext.Current?.HandlingKernel?.RootKernel;
        bool includeLibrary = root is null || sessionsWithLibrary.TryAdd(root, new object());
        return Render(GenericChart.toJson(chart), includeLibrary);
    }

    /// <summary>The HTML for a figure given as Plotly JSON (data, layout, config), with or without plotly.js itself.</summary>
    public static string Render(string figureJson, bool includeLibrary)
    {
        using var figure = JsonDocument.Parse(figureJson);
        string id = Html.UniqueId("di-chart");
        double width = figure.RootElement.TryGetProperty("layout", out var layout) && layout.TryGetProperty("width", out var w) && w.ValueKind == JsonValueKind.Number ? w.GetDouble() : 700;
        var sb = new StringBuilder();
        sb.Append("<div class=\"di-chart\" data-plotly-version=\"").Append(PlotlyLibrary.Version).Append("\" style=\"max-width:")
          .Append((int)width).Append("px\"><div class=\"di-chart-static\">").Append(ChartSvg.Render(figure.RootElement))
          .Append("</div><div class=\"di-chart-plot\"></div></div>");
        sb.Append(Script(id, figureJson));
        // plotly.js goes into the output string once, with no intermediate copies (each would be 7 MB).
        return includeLibrary
            ? Html.Document(id, LibraryBlockStart, PlotlyLibrary.Script, LibraryBlockEnd, sb.ToString())
            : Html.Document(sb.ToString(), id);
    }

    /// <summary>A one-line description for text-only front ends: the title and the names of the traces.</summary>
    public static string Text(GenericChart chart)
    {
        // Read from the chart's own objects: serialising it (GenericChart.toJson) walks Plotly.NET's whole default
        // template by reflection, about 110 MB of short-lived garbage for every chart.
        string title = GenericChart.getLayout(chart).TryGetPropertyValue("title")?.Value is DynamicObj.DynamicObj t
                       && t.TryGetPropertyValue("text")?.Value is string text ? text : "";
        var names = GenericChart.getTraces(chart)
            .Select(trace => (trace.TryGetPropertyValue("name")?.Value ?? trace.TryGetPropertyValue("type")?.Value) as string)
            .OfType<string>().ToList();
        return $"Plotly chart{(title.Length > 0 ? $" '{title}'" : "")}: {string.Join(", ", names)}";
    }

    /// <summary>
    /// plotly.js in three scripts (this start, the library, <see cref="LibraryBlockEnd"/>): the first hides an AMD loader
    /// (Jupyter's classic notebook has require.js, and plotly.js would then register itself with it instead of setting
    /// window.Plotly), the second is the library unchanged (marked with its version, so a site writer can lift it into a
    /// file), the third restores the loader and draws waiting charts.
    /// </summary>
    private static string LibraryBlockStart =>
        "<div class=\"di-plotly-library\" hidden=\"hidden\">" +
        "<script type=\"text/javascript\">window.diPlotlyAmd = window.define; window.define = undefined;</script>" +
        $"<script type=\"text/javascript\" data-di-plotly=\"{PlotlyLibrary.Version}\">";

    private const string LibraryBlockEnd =
        "</script>" +
        "<script type=\"text/javascript\">window.define = window.diPlotlyAmd; (window.diPlotlyWaiting || []).splice(0).forEach(function (draw) { draw(); });</script>" +
        "</div>";

    private static string Script(string id, string figureJson)
    {
        // The figure goes into the script as JSON with <, > and & escaped (legal in JSON strings, the only place they
        // occur), so no value can end the script element or break the XHTML around it.
        string figure = figureJson.Replace("<", "\\u003c").Replace(">", "\\u003e").Replace("&", "\\u0026");
        return $$"""
            <script type="text/javascript">//<![CDATA[
            (function () {
              var figure = {{figure}};
              var config = Object.assign({ displaylogo: false }, figure.config || {});
              function draw() {
                var host = document.getElementById('{{id}}');
                if (!host || host.getAttribute('data-drawn')) return;
                host.setAttribute('data-drawn', 'drawing');
                window.Plotly.newPlot(host.querySelector('.di-chart-plot'), figure.data, figure.layout, config).then(function () {
                  host.querySelector('.di-chart-static').style.display = 'none';
                  host.setAttribute('data-drawn', 'drawn');
                });
              }
              if (window.Plotly) draw(); else (window.diPlotlyWaiting = window.diPlotlyWaiting || []).push(draw);
            })();
            //]]></script>
            """;
    }
}
