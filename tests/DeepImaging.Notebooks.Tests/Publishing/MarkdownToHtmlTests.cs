namespace DeepImaging.Notebooks.Tests.Publishing;

public sealed class MarkdownToHtmlTests
{
    [Fact]
    public void Headings_paragraphs_emphasis_code_and_links_become_html()
    {
        var html = MarkdownToHtml.Convert("## Stride\n\nThe kernel moves **two** steps, *not one*.\nSee `Conv2d` and [the notes](notes.html).");

        Assert.Equal("<h2>Stride</h2>\n<p>The kernel moves <strong>two</strong> steps, <em>not one</em>.\n" +
                     "See <code>Conv2d</code> and <a href=\"notes.html\">the notes</a>.</p>\n", html);
    }

    [Fact]
    public void Bold_text_that_wraps_a_line_is_strong_not_literal_asterisks()
    {
        // The third cell of 05-screening-cnn.ipynb, whose bold sentence runs over a line break.
        var html = MarkdownToHtml.Convert("We cut 16 × 16 patches and paint a\nsmall dark spot into every second patch. **The backgrounds are real; the lesions are\nsynthetic**, generated reproducibly from a seed.");

        Assert.Contains("<strong>The backgrounds are real; the lesions are\nsynthetic</strong>, generated", html);
        Assert.DoesNotContain("**", html);
    }

    [Fact]
    public void Lists_and_tables_become_html()
    {
        var html = MarkdownToHtml.Convert("1. first\n2. second\n\n- a\n- b\n\n| P | x1 |\n|---|---:|\n| P1 | 0.5 |");

        Assert.Equal("<ol>\n<li>first</li>\n<li>second</li>\n</ol>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n" +
                     "<table>\n<thead>\n<tr>\n<th>P</th>\n<th style=\"text-align: right;\">x1</th>\n</tr>\n</thead>\n" +
                     "<tbody>\n<tr>\n<td>P1</td>\n<td style=\"text-align: right;\">0.5</td>\n</tr>\n</tbody>\n</table>\n", html);
    }

    [Fact]
    public void Inline_math_is_kept_as_tex_and_not_read_as_emphasis()
    {
        var html = MarkdownToHtml.Convert("Output $o_1 = x_1 * w_1 + x_2 * w_2$ and 2 < 3 & more");

        Assert.Equal("<p>Output <span class=\"math\">\\(o_1 = x_1 * w_1 + x_2 * w_2\\)</span> and 2 &lt; 3 &amp; more</p>\n", html);
    }

    [Theory]
    [InlineData("$$\n\\text{output} = \\left\\lfloor \\frac{n + 2p - d(k-1) - 1}{s} \\right\\rfloor + 1\n$$")]
    [InlineData("$$ \\text{output} = \\left\\lfloor \\frac{n + 2p - d(k-1) - 1}{s} \\right\\rfloor + 1 $$")]
    public void Display_math_on_lines_of_its_own_is_a_math_block_with_its_tex_untouched(string math)
    {
        var html = MarkdownToHtml.Convert($"The output size is\n\n{math}\n\nfor every dimension.");

        Assert.Equal("<p>The output size is</p>\n" +
                     "<div class=\"math\">\n\\[\n\\text{output} = \\left\\lfloor \\frac{n + 2p - d(k-1) - 1}{s} \\right\\rfloor + 1\n\\]</div>\n" +
                     "<p>for every dimension.</p>\n", html);
    }

    [Fact]
    public void Display_math_inside_a_sentence_keeps_its_tex_whole_without_stray_dollar_signs()
    {
        var html = MarkdownToHtml.Convert("1. The output has\n   $$n_{out} = n - k + 1$$\n   values per row.");

        Assert.Contains("<span class=\"math\">\\(n_{out} = n - k + 1\\)</span>", html);
        Assert.DoesNotContain("$", html);
    }

    [Fact]
    public void Fenced_code_is_escaped_and_not_formatted()
    {
        var html = MarkdownToHtml.Convert("```csharp\nvar t = a * b * c; // <tensor>\n```");

        Assert.Equal("<pre><code class=\"language-csharp\">var t = a * b * c; // &lt;tensor&gt;\n</code></pre>\n", html);
    }

    [Fact]
    public void Links_are_rewritten_on_the_syntax_tree_and_text_that_only_looks_like_a_link_is_not()
    {
        var html = MarkdownToHtml.Convert("[next](04-convolution.ipynb#stride), `[code](a.ipynb)`, [away](b.ipynb)",
            url => url.StartsWith("04-", StringComparison.Ordinal) ? url.Replace(".ipynb", ".html") : null);

        Assert.Contains("<a href=\"04-convolution.html#stride\">next</a>", html);
        Assert.Contains("<code>[code](a.ipynb)</code>", html);
        Assert.Contains("<a href=\"b.ipynb\">away</a>", html);
    }
}
