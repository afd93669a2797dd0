namespace DeepImaging.Notebooks.Tests;

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
    public void Lists_and_tables_become_html()
    {
        var html = MarkdownToHtml.Convert("1. first\n2. second\n\n- a\n- b\n\n| P | x1 |\n|---|---:|\n| P1 | 0.5 |");

        Assert.Equal("<ol>\n<li>first</li>\n<li>second</li>\n</ol>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n" +
                     "<table>\n<thead><tr><th>P</th><th>x1</th></tr></thead>\n<tbody>\n<tr><td>P1</td><td>0.5</td></tr>\n</tbody>\n</table>\n",
            html);
    }

    [Fact]
    public void Math_is_kept_as_text_and_not_read_as_emphasis()
    {
        var html = MarkdownToHtml.Convert("Output $o_1 = x_1 * w_1 + x_2 * w_2$ and 2 < 3 & more");

        Assert.Equal("<p>Output <span class=\"math\">$o_1 = x_1 * w_1 + x_2 * w_2$</span> and 2 &lt; 3 &amp; more</p>\n", html);
    }

    [Fact]
    public void Fenced_code_is_escaped_and_not_formatted()
    {
        var html = MarkdownToHtml.Convert("```csharp\nvar t = a * b * c; // <tensor>\n```");

        Assert.Equal("<pre><code>var t = a * b * c; // &lt;tensor&gt;</code></pre>\n", html);
    }
}
