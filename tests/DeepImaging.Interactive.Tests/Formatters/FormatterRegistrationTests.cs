using DeepImaging.Interactive.Formatters;
using Microsoft.DotNet.Interactive.Formatting;
using static DeepImaging.Functional;

namespace DeepImaging.Interactive.Tests.Formatters;

public class FormatterRegistrationTests
{
    [Fact]
    public void Registered_formatters_give_html_and_a_plain_text_fallback()
    {
        FormatterRegistration.RegisterAll();
        var tensor = Tensor.Arange(4).Reshape(2, 2);
        Assert.Equal(TensorHtml.Render(tensor)[..200], tensor.ToDisplayString(HtmlFormatter.MimeType)[..200]);
        Assert.Equal(tensor.ToString(), tensor.ToDisplayString(PlainTextFormatter.MimeType));
        Assert.Equal(new[] { HtmlFormatter.MimeType, PlainTextFormatter.MimeType }, Formatter.GetPreferredMimeTypesFor(typeof(Tensor)));

        var trace = TraceConv2d(Tensor.Arange(9).Reshape(3, 3), Tensor.Arange(4).Reshape(2, 2));
        Assert.Contains("0x0 + 1x1 + 3x2 + 4x3 = 19", trace.ToDisplayString(HtmlFormatter.MimeType));
        Assert.Contains("output[0, 0]: 0x0 + 1x1 + 3x2 + 4x3 = 19", trace.ToDisplayString(PlainTextFormatter.MimeType));
        Assert.Contains("<svg", NetworkDiagram.FromSizes(2, 4, 1).ToDisplayString(HtmlFormatter.MimeType));
        Assert.Contains("di-summary", DeepImaging.NN.ModelSummary.Dense(2, 4).ToDisplayString(HtmlFormatter.MimeType));
    }
}
