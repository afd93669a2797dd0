using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace DeepImaging.Notebooks;

/// <summary>
/// Publishes executed notebooks as a static site: per notebook the executed .ipynb and an HTML page, plus an
/// index.html that lists the pages in course order. Formatter HTML/SVG and Plotly charts are embedded as they are,
/// except that plotly.js moves out of the outputs into one shared file of the site (see <see cref="PlotlyAssets"/>).
/// Pages follow the reader's light or dark theme and need no network: math is drawn by a small built-in TeX converter,
/// charts by the site's own copy of plotly.js.
/// </summary>
public static partial class SiteWriter
{
    private const string SiteTitle = "Course notebooks";

    /// <summary>The page of the convolution explorer, next to index.html (it needs no kernel: plain HTML and JavaScript).</summary>
    public const string ExplorerPage = "conv-explorer.html";

    // Colours are variables so that one rule set serves both themes; the dark values follow VS Code's dark theme.
    private const string Style = """
        :root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #656d76; --border: #d0d7de;
          --soft: #f6f8fa; --code-bg: #f6f8fa; --accent: #0969da; --accent-soft: #ddf4ff; --ok: #1a7f37; --ok-soft: #dafbe1;
          --bad: #cf222e; --bad-soft: #ffebe9; --warn-soft: #fff8c5; --nav-bg: rgba(255,255,255,.9);
          --kw: #cf222e; --str: #0a3069; --com: #6e7781; --num: #0550ae; --type: #8250df; --dir: #953800; }
        @media (prefers-color-scheme: dark) {
          :root { --bg: #1e1e1e; --fg: #d4d4d4; --muted: #9d9d9d; --border: #3c3c3c; --soft: #252526; --code-bg: #252526;
            --accent: #4daafc; --accent-soft: #04395e; --ok: #4ec97b; --ok-soft: #12361f; --bad: #f48771; --bad-soft: #4b1818;
            --warn-soft: #3d3314; --nav-bg: rgba(30,30,30,.9);
            --kw: #569cd6; --str: #ce9178; --com: #6a9955; --num: #b5cea8; --type: #4ec9b0; --dir: #c586c0; }
        }
        * { box-sizing: border-box; }
        html { background: var(--bg); }
        body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
        main { max-width: 62rem; margin: 0 auto; padding: 1.5rem 1.25rem 4rem; }
        a { color: var(--accent); text-decoration: none; }
        a:hover { text-decoration: underline; }
        code, pre, .prompt { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; }
        pre { margin: 0; font-size: .84rem; line-height: 1.5; overflow-x: auto; }

        .site-nav { position: sticky; top: 0; z-index: 10; display: flex; align-items: center; gap: 1rem; padding: .55rem 1.25rem;
          background: var(--nav-bg); backdrop-filter: blur(6px); border-bottom: 1px solid var(--border); font-size: .9rem; }
        .site-nav .home { font-weight: 600; color: var(--fg); white-space: nowrap; }
        .site-nav .here { color: var(--muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; flex: 1; }
        .site-nav .steps { display: flex; gap: .5rem; margin-left: auto; white-space: nowrap; }
        .site-nav .steps a { padding: .15rem .6rem; border: 1px solid var(--border); border-radius: 6px; }
        .site-nav .steps a:hover { background: var(--soft); text-decoration: none; }
        .meta { display: flex; flex-wrap: wrap; gap: .4rem .9rem; align-items: center; color: var(--muted); font-size: .85rem; margin-bottom: 1rem; }
        .badge { display: inline-block; padding: .05rem .55rem; border-radius: 999px; font-size: .78rem; font-weight: 600; white-space: nowrap; }
        .status-succeeded { color: var(--ok); background: var(--ok-soft); }
        .status-failed, .status-timed { color: var(--bad); background: var(--bad-soft); }

        .markdown h1 { font-size: 2.1rem; line-height: 1.25; margin: 1.6rem 0 1rem; padding-bottom: .4rem; border-bottom: 1px solid var(--border); }
        .markdown h2 { font-size: 1.5rem; line-height: 1.3; margin: 2.4rem 0 .6rem; }
        .markdown h3 { font-size: 1.15rem; margin: 1.6rem 0 .4rem; }
        .markdown h4, .markdown h5, .markdown h6 { font-size: 1rem; margin: 1.2rem 0 .3rem; }
        .markdown p, .markdown ul, .markdown ol { margin: .6rem 0; }
        .markdown li { margin: .15rem 0; }
        .markdown code { font-size: .86em; background: var(--soft); border: 1px solid var(--border); border-radius: 4px; padding: .05em .3em; }
        .markdown pre { background: var(--code-bg); padding: .7rem .9rem; border-radius: 6px; }
        .markdown pre code { background: none; border: 0; padding: 0; font-size: inherit; }
        .markdown blockquote { margin: .8rem 0; padding: .2rem 1rem; border-left: 4px solid var(--accent); background: var(--accent-soft); border-radius: 0 6px 6px 0; }
        .markdown hr { border: 0; border-top: 1px solid var(--border); margin: 2rem 0; }
        .markdown img { max-width: 100%; }
        .markdown table { border-collapse: collapse; margin: .8rem 0; font-size: .95rem; }
        .markdown th, .markdown td { border: 1px solid var(--border); padding: .3rem .75rem; text-align: left; vertical-align: top; }
        .markdown thead th { background: var(--soft); font-weight: 600; }

        .math { font-family: "Latin Modern Math", "STIX Two Math", "Cambria Math", "DejaVu Serif", Georgia, serif; font-size: 1.05em; white-space: nowrap; }
        div.math { display: block; text-align: center; margin: 1rem 0; overflow-x: auto; white-space: normal; font-size: 1.15em; }
        .math i { font-style: italic; padding: 0 .03em; }
        .math .tx { font-style: normal; font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; font-size: .9em; }
        .math .frac { display: inline-flex; flex-direction: column; vertical-align: middle; text-align: center; font-size: .92em; margin: 0 .15em; }
        .math .frac > span { padding: 0 .25em; line-height: 1.25; }
        .math .frac > span:first-child { border-bottom: 1px solid currentColor; }
        .math sub, .math sup { font-size: .72em; }

        .cell { margin: 1.1rem 0; }
        .cell.code > .prompt { color: var(--muted); font-size: .72rem; margin: 0 0 .2rem .1rem; }
        .cell.code > .prompt .note { color: var(--bad); font-weight: 600; }
        .cell.code > pre { background: var(--code-bg); border: 1px solid var(--border); border-left: 3px solid var(--accent); border-radius: 6px; padding: .7rem .9rem; }
        .cell.code.failed > pre { border-left-color: var(--bad); }
        .cell.code.not-run > pre { opacity: .6; }
        .output { margin: .5rem 0 .2rem .9rem; overflow-x: auto; }
        .output pre { padding: .35rem .8rem; border-left: 2px solid var(--border); }
        .output.stderr pre { background: var(--warn-soft); border-left-color: #d4a72c; }
        .output.error pre { background: var(--bad-soft); border-left-color: var(--bad); color: var(--bad); white-space: pre-wrap; }
        .output img { max-width: 100%; height: auto; }
        details.setup-output { margin: .4rem 0 0 .9rem; color: var(--muted); font-size: .85rem; }
        details.setup-output summary { cursor: pointer; }
        details.setup-output .output { margin-left: 0; }
        .tok-kw { color: var(--kw); } .tok-str { color: var(--str); } .tok-com { color: var(--com); font-style: italic; }
        .tok-num { color: var(--num); } .tok-type { color: var(--type); } .tok-dir { color: var(--dir); }

        .pager { display: flex; gap: 1rem; margin-top: 3rem; padding-top: 1.2rem; border-top: 1px solid var(--border); }
        .pager a { flex: 1; display: block; padding: .7rem 1rem; border: 1px solid var(--border); border-radius: 8px; }
        .pager a:hover { background: var(--soft); text-decoration: none; }
        .pager .next { text-align: right; margin-left: auto; }
        .pager small { display: block; color: var(--muted); font-size: .78rem; }

        .lede { color: var(--muted); margin-top: -.4rem; }
        .toc { list-style: none; padding: 0; margin: 1.5rem 0; }
        .toc li { display: flex; align-items: center; gap: .9rem; padding: .75rem 1rem; border: 1px solid var(--border); border-radius: 8px; margin: .5rem 0; }
        .toc li.section { margin-left: 2.2rem; padding: .5rem 1rem; }
        .toc .num { flex: none; min-width: 2.3rem; height: 2.3rem; border-radius: 999px; display: grid; place-items: center; font-weight: 700;
          background: var(--accent-soft); color: var(--accent); font-variant-numeric: tabular-nums; }
        .toc li.section .num { min-width: 2.1rem; height: 1.8rem; font-size: .85rem; }
        .toc .entry { flex: 1; min-width: 0; }
        .toc .entry > a { font-weight: 600; font-size: 1.05rem; }
        .toc .details { color: var(--muted); font-size: .8rem; }
        """;

    // Inline scripts, kept small: typesetting of the most common TeX and C# colouring of code cells (the HTML stays
    // plain text without scripts). No external resources: the published course reads the same offline.
    private const string Scripts = """
        <script>
        (function () {
          function esc(s) { return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'); }
          var symbols = { alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', eta: 'η', theta: 'θ', lambda: 'λ', mu: 'μ',
            pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ', phi: 'φ', omega: 'ω', Delta: 'Δ', Sigma: 'Σ', Omega: 'Ω', times: '×', cdot: '·',
            lfloor: '⌊', rfloor: '⌋', lceil: '⌈', rceil: '⌉', leq: '≤', le: '≤', geq: '≥', ge: '≥', neq: '≠', approx: '≈', pm: '±',
            infty: '∞', to: '→', rightarrow: '→', leftarrow: '←', in: '∈', sum: '∑', prod: '∏', partial: '∂', nabla: '∇',
            ldots: '…', cdots: '⋯', quad: '\u2003', qquad: '\u2003\u2003', ',': '\u2009', ';': '\u2005', ' ': ' ', '{': '{', '}': '}',
            left: '', right: '', displaystyle: '' };
          var names = ['min', 'max', 'log', 'ln', 'exp', 'sin', 'cos', 'tanh', 'arg', 'argmax', 'argmin'];
          function tex(s) {
            var i = 0;
            function raw() { var depth = 0, out = ''; if (s[i] !== '{') return s[i++] || '';
              for (i++; i < s.length; i++) { if (s[i] === '{') depth++; else if (s[i] === '}' && depth-- === 0) { i++; break; } out += s[i]; }
              return out; }
            function arg() { while (s[i] === ' ') i++; if (s[i] === '{') { i++; return group(); } return atom(); }
            function command() {
              var m = /^\\([a-zA-Z]+|.)/.exec(s.slice(i)); i += m[0].length; var name = m[1];
              if (name === 'frac') { var a = arg(), b = arg(); return '<span class="frac"><span>' + a + '</span><span>' + b + '</span></span>'; }
              if (name === 'text' || name === 'mathrm' || name === 'operatorname') { while (s[i] === ' ') i++; return '<span class="tx">' + esc(raw()) + '</span>'; }
              if (name === 'sqrt') return '√<span style="border-top:1px solid currentColor">' + arg() + '</span>';
              if (names.indexOf(name) >= 0) return '<span class="tx">' + name + '</span>';
              return Object.prototype.hasOwnProperty.call(symbols, name) ? symbols[name] : esc('\\' + name);
            }
            function atom() {
              var c = s[i];
              if (c === '\\') return command();
              if (/[a-zA-Z]/.test(c)) { var m = /^[a-zA-Z]+/.exec(s.slice(i)); i += m[0].length; return '<i>' + m[0] + '</i>'; }
              i++;
              return c === '-' ? '−' : c === "'" ? '′' : c === '*' ? '∗' : esc(c);
            }
            function group() {
              var out = '';
              while (i < s.length) {
                var c = s[i];
                if (c === '}') { i++; break; }
                if (c === '{') { i++; out += group(); }
                else if (c === '^' || c === '_') { i++; var t = c === '^' ? 'sup' : 'sub'; out += '<' + t + '>' + arg() + '</' + t + '>'; }
                else out += atom();
              }
              return out;
            }
            return group();
          }
          var done = false;
          window.diTypesetMath = function () {
            if (done) return;
            if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', window.diTypesetMath); return; }
            done = true;
            document.querySelectorAll('.math').forEach(function (e) {
              var source = e.textContent.trim().replace(/^\$\$?|\$\$?$/g, '');
              try { e.innerHTML = tex(source); e.title = source; } catch (x) { /* leave the TeX as text */ }
            });
          };
          window.diTypesetMath();

          var keywords = /^(var|new|using|for|foreach|in|if|else|return|int|float|double|string|bool|true|false|null|class|public|private|static|void|readonly|const|out|ref|await|async|while|do|break|continue|switch|case|default|is|as|typeof|this|record|struct|long|byte|char|object|params|nameof|let|throw|try|catch|finally)$/;
          var token = /(\/\/[^\n]*|\/\*[\s\S]*?\*\/)|(\$?@?"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)')|(^[ \t]*#[!a-z][^\n]*)|(\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?[fFdDmMlL]?\b)|([A-Za-z_][A-Za-z0-9_]*)/gm;
          function colour(code) {
            return code.replace(token, function (m, com, str, dir, num, word, at) {
              // Capitalised names are types unless they follow a dot (members such as .Forward stay plain).
              var cls = com ? 'com' : str ? 'str' : dir ? 'dir' : num ? 'num' : keywords.test(word) ? 'kw'
                : /^[A-Z]/.test(word) && code[at - 1] !== '.' ? 'type' : null;
              return cls ? '\u0001' + cls + '\u0002' + m + '\u0003' : m;
            });
          }
          document.addEventListener('DOMContentLoaded', function () {
            document.querySelectorAll('.cell.code > pre > code').forEach(function (e) {
              e.innerHTML = esc(colour(e.textContent)).replace(/\u0001(\w+)\u0002/g, '<span class="tok-$1">').replace(/\u0003/g, '</span>');
            });
          });
        })();
        </script>
        """;

    /// <summary>Writes <c>relativePath</c>.ipynb and .html for one executed notebook under <paramref name="outputFolder"/>.</summary>
    /// <param name="result">The run of the notebook.</param>
    /// <param name="outputFolder">The site's folder.</param>
    /// <param name="relativePath">Where the notebook goes in the site, without extension, e.g. "assignments/a1".</param>
    public static void WriteNotebook(NotebookResult result, string outputFolder, string relativePath)
    {
        AtomicFile.WriteAllText(Path.Combine(outputFolder, relativePath + ".ipynb"), result.ToJupyterJson());
        AtomicFile.WriteAllText(Path.Combine(outputFolder, relativePath + ".html"), Page(result, outputFolder, relativePath, [relativePath], null, null));
    }

    /// <summary>
    /// Writes index.html: every notebook's title linked to its page, in the given (course) order, with status. Each
    /// page is then written again with links to its previous and next notebook, now that the course order is known.
    /// </summary>
    /// <param name="entries">Each notebook's run and its relative path in the site (without extension).</param>
    /// <param name="outputFolder">The site's folder.</param>
    public static void WriteIndex(IEnumerable<(NotebookResult Result, string RelativePath)> entries, string outputFolder)
    {
        var list = entries.ToList();
        var html = new StringBuilder();
        html.Append(Header(SiteTitle));
        html.Append($"<header class=\"site-nav\"><span class=\"home\">{SiteTitle}</span></header>\n<main>\n<h1>{SiteTitle}</h1>\n");
        var failed = list.Count(e => !e.Result.Succeeded);
        var seconds = list.Sum(e => e.Result.Duration.TotalSeconds);
        html.Append($"<p class=\"lede\">{list.Count} executed notebooks in course order &middot; " +
                    $"{(failed == 0 ? "all succeeded" : $"{failed} did not succeed")} &middot; {seconds:0} s of compute. " +
                    "Each page shows the code with its outputs; download the .ipynb to run it yourself.</p>\n" +
                    $"<p>Try the <a href=\"{ExplorerPage}\">convolution explorer</a>: padding, stride and dilation on sliders, in the browser.</p>\n<ol class=\"toc\">\n");
        var number = 0;
        foreach (var (result, relativePath) in list)
        {
            number++;
            var (label, title) = SplitChapter(result.Title, number);
            html.Append($"<li{(label.Contains('.') ? " class=\"section\"" : "")}><span class=\"num\">{Encode(label)}</span>" +
                        $"<div class=\"entry\"><a href=\"{Encode(relativePath)}.html\">{Encode(title)}</a>" +
                        $"<div class=\"details\">{result.Cells.Count} cells &middot; {result.Duration.TotalSeconds:0.0} s &middot; " +
                        $"<a href=\"{Encode(relativePath)}.ipynb\">{Encode(relativePath)}.ipynb</a></div></div>" +
                        $"<span class=\"badge {StatusClass(result)}\">{Encode(result.StatusText)}</span></li>\n");
        }
        html.Append("</ol>\n</main>\n</body>\n</html>\n");
        AtomicFile.WriteAllText(Path.Combine(outputFolder, "index.html"), html.ToString());
        AtomicFile.WriteAllText(Path.Combine(outputFolder, ExplorerPage), DeepImaging.Explain.ConvExplorer.Page("index.html", SiteTitle));

        var pages = list.Select(e => e.RelativePath).ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var (result, relativePath) = list[i];
            AtomicFile.WriteAllText(Path.Combine(outputFolder, relativePath + ".html"),
                Page(result, outputFolder, relativePath, pages, i > 0 ? list[i - 1] : null, i + 1 < list.Count ? list[i + 1] : null));
        }
    }

    // "4.1 · Padding" -> ("4.1", "Padding"); a title without a chapter number keeps its position as the label.
    private static (string Label, string Title) SplitChapter(string title, int position) =>
        ChapterTitle().Match(title) is { Success: true } m ? (m.Groups[1].Value, m.Groups[2].Value) : (position.ToString(), title);

    private static string Page(NotebookResult result, string outputFolder, string relativePath, IReadOnlyCollection<string> pages,
        (NotebookResult Result, string RelativePath)? previous, (NotebookResult Result, string RelativePath)? next)
    {
        var up = string.Concat(Enumerable.Repeat("../", relativePath.Count(c => c == '/')));
        string Link((NotebookResult Result, string RelativePath) entry) => Encode(up + entry.RelativePath) + ".html";
        var plotlyVersions = new SortedSet<string>(StringComparer.Ordinal);
        var html = new StringBuilder();
        html.Append($"<header class=\"site-nav\"><a class=\"home\" href=\"{up}index.html\">&larr; {SiteTitle}</a>" +
                    $"<span class=\"here\">{Encode(result.Title)}</span><span class=\"steps\">");
        if (previous is { } p) html.Append($"<a rel=\"prev\" href=\"{Link(p)}\" title=\"{Encode(p.Result.Title)}\">&larr; previous</a>");
        if (next is { } n) html.Append($"<a rel=\"next\" href=\"{Link(n)}\" title=\"{Encode(n.Result.Title)}\">next &rarr;</a>");
        html.Append("</span></header>\n<main>\n");
        html.Append($"<div class=\"meta\"><span class=\"badge {StatusClass(result)}\">{Encode(result.StatusText)}</span>" +
                    $"<span>{result.Duration.TotalSeconds:0.0} s</span><span>{result.Cells.Count} cells</span>" +
                    $"<a href=\"{Encode(Path.GetFileName(relativePath))}.ipynb\" download>download notebook</a></div>\n");
        if (result.KernelError is { } kernelError)
            html.Append($"<div class=\"output error\"><pre>{Encode(kernelError)}</pre></div>\n");
        foreach (var cell in result.Cells)
        {
            if (cell.Status == CellStatus.Markdown)
            {
                var markdown = LinkNotebooksToPages(MarkdownToHtml.Convert(cell.Code), relativePath, pages);
                html.Append("<div class=\"cell markdown\">\n").Append(markdown).Append("</div>\n");
                continue;
            }
            var prompt = cell.ExecutionCount > 0 ? $"In [{cell.ExecutionCount}]" : "In [ ]";
            var (note, state) = cell.Status switch
            {
                CellStatus.NotRun => (" not run (an earlier cell failed)", " not-run"),
                CellStatus.Failed => (" failed", " failed"),
                CellStatus.TimedOut => (" timed out", " failed"),
                _ => ("", ""),
            };
            html.Append($"<div class=\"cell code{state}\" id=\"cell-{cell.Number}\"><div class=\"prompt\">{prompt}" +
                        (note.Length > 0 ? $"<span class=\"note\">{note}</span>" : "") + "</div>" +
                        $"<pre><code>{Encode(cell.Code)}</code></pre>\n");
            // Package loading prints long install and extension messages: folded away unless something went wrong.
            var fold = cell.Status == CellStatus.Succeeded && cell.Outputs.Count > 0 && cell.Code.TrimStart().StartsWith("#r ", StringComparison.Ordinal);
            if (fold) html.Append("<details class=\"setup-output\"><summary>package loading output</summary>\n");
            foreach (var output in cell.Outputs)
                html.Append(PlotlyAssets.Lift(Output(output), outputFolder, plotlyVersions));
            if (fold) html.Append("</details>\n");
            html.Append("</div>\n");
        }
        if (previous is not null || next is not null)
        {
            html.Append("<nav class=\"pager\">");
            if (previous is { } before)
                html.Append($"<a class=\"previous\" rel=\"prev\" href=\"{Link(before)}\"><small>&larr; previous</small>{Encode(before.Result.Title)}</a>");
            if (next is { } after)
                html.Append($"<a class=\"next\" rel=\"next\" href=\"{Link(after)}\"><small>next &rarr;</small>{Encode(after.Result.Title)}</a>");
            html.Append("</nav>\n");
        }
        html.Append("</main>\n").Append(Scripts).Append("\n</body>\n</html>\n");
        // The head comes last: only now is it known which plotly.js the page's charts need.
        return Header(result.Title, PlotlyAssets.ScriptTags(plotlyVersions, up, outputFolder)) + html;
    }

    // A notebook's markdown links to its neighbours' .ipynb files; in the site those links go to their pages.
    private static string LinkNotebooksToPages(string html, string relativePath, IReadOnlyCollection<string> pages) =>
        NotebookLink().Replace(html, m =>
        {
            var target = new Uri(new Uri("http://site/" + relativePath), m.Groups[1].Value).AbsolutePath.TrimStart('/');
            return pages.Contains(Uri.UnescapeDataString(target)) ? $"href=\"{m.Groups[1].Value}.html\"" : m.Value;
        });

    private static string Output(CellOutput output) => output.Kind switch
    {
        OutputKind.StandardOutput => $"<div class=\"output stdout\"><pre>{Encode(output.Text)}</pre></div>\n",
        OutputKind.StandardError => $"<div class=\"output stderr\"><pre>{Encode(output.Text)}</pre></div>\n",
        OutputKind.Error => $"<div class=\"output error\"><pre>{Encode(output.ErrorName + ": " + output.ErrorValue)}</pre></div>\n",
        _ => $"<div class=\"output\">{Bundle(output.Data)}</div>\n",
    };

    // The richest form the bundle has: HTML (formatters, SVG, charts) as it is, then SVG, PNG, plain text.
    private static string Bundle(IReadOnlyDictionary<string, string> data) =>
        data.TryGetValue("text/html", out var html) ? html
        : data.TryGetValue("image/svg+xml", out var svg) ? svg
        : data.TryGetValue("image/png", out var png) ? $"<img src=\"data:image/png;base64,{png.Trim()}\">"
        : data.TryGetValue("text/markdown", out var markdown) ? MarkdownToHtml.Convert(markdown)
        : data.TryGetValue("text/plain", out var plain) ? $"<pre>{Encode(plain)}</pre>"
        : "";

    private static string Header(string title, string scripts = "") =>
        $"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n" +
        $"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{Encode(title)}</title>\n" +
        $"<style>\n{Style}\n</style>\n{scripts}</head>\n<body>\n";

    private static string StatusClass(NotebookResult result) =>
        "status-" + result.StatusText.Split(' ')[0];

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    [GeneratedRegex(@"^(\d+(?:\.\d+)*)\s+·\s+(.+)$")]
    private static partial Regex ChapterTitle();

    [GeneratedRegex("href=\"([^\":?#]+)\\.ipynb\"")]
    private static partial Regex NotebookLink();
}
