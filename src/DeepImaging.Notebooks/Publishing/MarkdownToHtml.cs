using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DeepImaging.Notebooks;

/// <summary>
/// Notebook markdown to HTML, by Markdig: CommonMark (emphasis across line breaks included) with pipe tables,
/// strikethrough, task lists and autolinks, as Jupyter reads it. Math is kept as TeX for the page's typesetter:
/// <c>$...$</c> in a <c>span.math</c>, display math (<c>$$</c> fences on lines of their own, or a paragraph that is
/// only <c>$$...$$</c>) in a <c>div.math</c>. HTML in the markdown passes through, as Jupyter allows.
/// </summary>
public static class MarkdownToHtml
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        .UseTaskLists()
        .UseAutoLinks()
        .UseMathematics()
        .Build();

    /// <summary>Converts markdown text to an HTML fragment.</summary>
    /// <param name="markdown">The markdown source of a cell.</param>
    public static string Convert(string markdown) => Convert(markdown, linkTarget: null);

    /// <summary>
    /// Converts markdown text to an HTML fragment, giving each link's address to <paramref name="linkTarget"/> on the
    /// syntax tree: it returns the address to write instead (a notebook's page for its .ipynb), or null to keep it.
    /// </summary>
    internal static string Convert(string markdown, Func<string, string?>? linkTarget)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        if (linkTarget is not null)
            foreach (var link in document.Descendants<LinkInline>())
                if (link.Url is { } url && linkTarget(url) is { } target)
                    link.Url = target;
        var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.ObjectRenderers.Replace<ParagraphRenderer>(new DisplayMathParagraphRenderer());
        renderer.Render(document);
        return writer.ToString();
    }

    /// <summary>
    /// Renders a paragraph that is nothing but <c>$$...$$</c> as display math, as Jupyter does: Markdig reads a one-line
    /// <c>$$...$$</c> as inline math, which would be set in the running text instead of on a line of its own.
    /// </summary>
    private sealed class DisplayMathParagraphRenderer : ParagraphRenderer
    {
        protected override void Write(HtmlRenderer renderer, ParagraphBlock paragraph)
        {
            var inlines = paragraph.Inline?.ToList() ?? [];
            if (inlines is [MathInline { DelimiterCount: 2 } math] && renderer.EnableHtmlForBlock)
            {
                renderer.EnsureLine();
                // As Markdig writes a fenced $$ block.
                renderer.WriteLine("<div class=\"math\">").WriteLine("\\[").WriteEscape(math.Content).WriteLine().WriteLine("\\]</div>");
                return;
            }
            base.Write(renderer, paragraph);
        }
    }
}
