using DeepImaging.Explain;
using DeepImaging.Interactive.Charts;
using DeepImaging.Interactive.Exercises;
using DeepImaging.NN;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace DeepImaging.Interactive.Formatters;

/// <summary>Registers the course kit's HTML formatters (with plain-text fallbacks) with .NET Interactive.</summary>
public static class FormatterRegistration
{
    /// <summary>
    /// Registers text/html and text/plain formatters for <see cref="Tensor"/>, <see cref="ConvTrace"/>,
    /// <see cref="NetworkDiagram"/>, <see cref="ModelSummary"/>, <see cref="ExerciseResult"/>, <see cref="AttributionOverlay"/>,
    /// <see cref="ReceptiveFieldFigure"/>, <see cref="ImageGrid"/> and Plotly.NET's <see cref="GenericChart"/> (drawn offline:
    /// see <see cref="ChartHtml"/>). Safe to call more than once (later registrations replace earlier ones).
    /// </summary>
    public static void RegisterAll()
    {
        Register<Tensor>(TensorHtml.Render, t => t.ToString());
        Register<ConvTrace>(ConvTraceHtml.Render, t => t.ToString());
        Register<NetworkDiagram>(NetworkDiagramHtml.Render, d => d.ToString());
        Register<ModelSummary>(ModelSummaryHtml.Render, s => s.ToString());
        Register<ExerciseResult>(ExerciseHtml.Render, r => r.ToString());
        Register<AttributionOverlay>(AttributionOverlayHtml.Render, o => o.ToString());
        Register<ReceptiveFieldFigure>(ReceptiveFieldFigureHtml.Render, f => f.ToString());
        Register<ImageGrid>(ImageGridHtml.Render, g => g.ToString());
        Register<GenericChart>(ChartHtml.Render, ChartHtml.Text);
    }

    private static void Register<T>(Func<T, string> html, Func<T, string> text)
    {
        Formatter.Register(html, HtmlFormatter.MimeType);
        Formatter.Register(text, PlainTextFormatter.MimeType);
        // Both representations go out with every display: html where it renders, plain text where it does not.
        Formatter.SetPreferredMimeTypesFor(typeof(T), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
    }
}
