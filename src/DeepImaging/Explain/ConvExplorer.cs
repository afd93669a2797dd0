using System.Globalization;
using System.Net;
using System.Text;

namespace DeepImaging.Explain;

/// <summary>
/// An interactive explorer of convolution arithmetic that needs no kernel and no network: input size, kernel size,
/// padding (valid, same, full or a number), stride and dilation on sliders; the output size and its formula update,
/// and the window slides over the padded input grid (play, pause, step). The cases of Dumoulin and Visin's
/// conv_arithmetic (no padding, arbitrary, half and full padding, strides, dilation) are presets. It is plain HTML,
/// CSS and JavaScript: it works in an executed notebook, in the published course site and in a file opened from disk.
/// Its size arithmetic is the same as <see cref="ConvArithmetic.OutputSize(int, int, int, Padding, int)"/> (tested).
/// </summary>
public static class ConvExplorer
{
    /// <summary>The largest input size on the slider.</summary>
    public const int MaxInputSize = 16;

    /// <summary>The largest kernel size on the slider.</summary>
    public const int MaxKernelSize = 7;

    /// <summary>The largest explicit padding on the slider.</summary>
    public const int MaxPadding = 6;

    /// <summary>The largest stride on the slider.</summary>
    public const int MaxStride = 4;

    /// <summary>The largest dilation on the slider.</summary>
    public const int MaxDilation = 4;

    private static readonly string Script = Resource("ConvExplorer.js");
    private static readonly string Style = Resource("ConvExplorer.css");

    /// <summary>
    /// The explorer as an HTML fragment (its own style and script inside), starting from the given settings. Every call
    /// gets a new element id, so several explorers on one page work independently. Settings whose kernel does not fit
    /// are allowed: the explorer then says why there is no output.
    /// </summary>
    /// <param name="inputSize">n, 1..<see cref="MaxInputSize"/> (the input is n x n).</param>
    /// <param name="kernelSize">k, 1..<see cref="MaxKernelSize"/>.</param>
    /// <param name="padding">Valid, Same, Full or a number 0..<see cref="MaxPadding"/> (the same for height and width).</param>
    /// <param name="stride">s, 1..<see cref="MaxStride"/>.</param>
    /// <param name="dilation">d, 1..<see cref="MaxDilation"/>.</param>
    /// <exception cref="ArgumentException">A setting is outside the sliders' range.</exception>
    public static string Html(int inputSize = 5, int kernelSize = 3, Padding padding = default, int stride = 1, int dilation = 1)
    {
        Check(inputSize, "input size", MaxInputSize);
        Check(kernelSize, "kernel size", MaxKernelSize);
        Check(stride, "stride", MaxStride);
        Check(dilation, "dilation", MaxDilation);
        if (padding.Kind == PaddingAmount.Explicit && (padding.Height != padding.Width || padding.Height < 0 || padding.Height > MaxPadding))
            throw new ArgumentException($"ConvExplorer: padding {padding} must be valid, same, full or one number 0..{MaxPadding} (the explorer's grid is square).", nameof(padding));
        string paddingText = padding.ToString();
        string id = $"di-convx-{Guid.NewGuid():N}";
        string settings = string.Create(CultureInfo.InvariantCulture,
            $"{{\"n\": {inputSize}, \"k\": {kernelSize}, \"padding\": \"{paddingText}\", \"s\": {stride}, \"d\": {dilation}}}");

        var html = new StringBuilder();
        html.Append("<div class=\"dice\" id=\"").Append(id).Append("\"><style>").Append(Style.ReplaceLineEndings("")).Append("</style>");
        // Shown where scripts do not run (a notebook viewed on GitHub, a sanitised export): what the explorer would start with.
        html.Append("<div class=\"dice-fallback\">").Append(Encode(Fallback(inputSize, kernelSize, padding, stride, dilation))).Append("</div>");
        html.Append("<div class=\"dice-ui\" style=\"display:none\"><div class=\"dice-presets\" aria-label=\"conv_arithmetic presets\"></div><div class=\"dice-controls\">");
        Slider(html, "n", "input size n", 1, MaxInputSize, inputSize);
        Slider(html, "k", "kernel size k", 1, MaxKernelSize, kernelSize);
        html.Append("<div class=\"dice-field\"><span>padding p = <b class=\"dice-p-value\"></b> <select class=\"dice-mode\" aria-label=\"padding mode\">")
            .Append("<option value=\"valid\">valid (0)</option><option value=\"same\">same (output = input)</option><option value=\"full\">full (d(k−1))</option><option value=\"number\">a number</option>")
            .Append("</select></span><input type=\"range\" class=\"dice-p\" aria-label=\"padding\" min=\"0\" max=\"").Append(MaxPadding).Append("\" value=\"")
            .Append(padding.Kind == PaddingAmount.Explicit ? padding.Height : 0).Append("\"/></div>");
        Slider(html, "s", "stride s", 1, MaxStride, stride);
        Slider(html, "d", "dilation d", 1, MaxDilation, dilation);
        html.Append("</div><div class=\"dice-size\"></div><div class=\"dice-formula\"></div>")
            .Append("<div class=\"dice-player\"><button type=\"button\" class=\"dice-back\">◀ step</button><button type=\"button\" class=\"dice-play\">▶ play</button>")
            .Append("<button type=\"button\" class=\"dice-next\">step ▶</button><span class=\"dice-position\"></span></div>")
            .Append("<svg class=\"dice-svg\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"the input grid with the kernel window, and the output grid\"></svg>")
            .Append("<div class=\"dice-legend\">blue: input · dashed: padding (zeros) · teal: the cells the kernel multiplies · orange frame: the kernel's span d(k−1) + 1 · green: output, the current value bright</div></div>");
        html.Append("<script>//<![CDATA[\n").Append(Script.Replace("'__ID__'", $"'{id}'").Replace("__SETTINGS__", settings)).Append("\n//]]></script></div>");
        return html.ToString();
    }

    /// <summary>
    /// A complete, self-contained HTML page with the explorer, an introduction and the formula, following the reader's
    /// light or dark theme. The course site publishes it as conv-explorer.html.
    /// </summary>
    /// <param name="backLink">Where a "back" link at the top leads (e.g. "index.html"), or null for none.</param>
    /// <param name="backText">The text of that link.</param>
    public static string Page(string? backLink = null, string backText = "Course notebooks")
    {
        ArgumentNullException.ThrowIfNull(backText);
        var page = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Convolution explorer</title>\n")
            .Append("<style>:root{color-scheme:light dark}body{margin:0;font:16px/1.6 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;background:Canvas;color:CanvasText}")
            .Append("main{max-width:62rem;margin:0 auto;padding:1.5rem 1.25rem 4rem}a{color:LinkText}code{font-size:.9em}</style>\n</head>\n<body>\n<main>\n");
        if (backLink is not null)
            page.Append("<p><a href=\"").Append(Encode(backLink)).Append("\">← ").Append(Encode(backText)).Append("</a></p>\n");
        page.Append("<h1>Convolution explorer</h1>\n")
            .Append("<p>Choose the input size <i>n</i>, the kernel size <i>k</i>, the padding <i>p</i>, the stride <i>s</i> and the dilation <i>d</i>; ")
            .Append("the output size follows <code>").Append(Encode(ConvArithmetic.Formula)).Append("</code>. ")
            .Append("Play the animation or step through it to see which input cells each output value is computed from. ")
            .Append("The presets are the cases of Dumoulin and Visin's <i>A guide to convolution arithmetic for deep learning</i> (2016).</p>\n")
            .Append(Html(5, 3, 1, 2, 1))
            .Append("\n<p>Everything runs in this page: no kernel, no network.</p>\n</main>\n</body>\n</html>\n");
        return page.ToString();
    }

    private static void Slider(StringBuilder html, string key, string label, int min, int max, int value) =>
        html.Append(CultureInfo.InvariantCulture,
            $"<div class=\"dice-field\"><span>{label} = <b class=\"dice-{key}-value\">{value}</b></span><input type=\"range\" class=\"dice-{key}\" aria-label=\"{label}\" min=\"{min}\" max=\"{max}\" value=\"{value}\"/></div>");

    private static string Fallback(int n, int k, Padding padding, int s, int d)
    {
        string start = $"n = {n}, k = {k}, padding {padding}, s = {s}, d = {d}";
        try
        {
            return $"Convolution explorer (it needs JavaScript, which is off here). Its starting point: {start} gives output " +
                   $"{ConvArithmetic.OutputSize(n, k, s, padding, d)} = {ConvArithmetic.Explain(n, k, s, padding, d)}.";
        }
        catch (ArgumentException e)
        {
            return $"Convolution explorer (it needs JavaScript, which is off here). Its starting point, {start}, has no output: {e.Message}";
        }
    }

    private static void Check(int value, string name, int max)
    {
        if (value < 1 || value > max)
            throw new ArgumentException($"ConvExplorer: {name} {value} is outside the slider's range 1..{max}.");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Resource(string name)
    {
        using var stream = typeof(ConvExplorer).Assembly.GetManifestResourceStream("DeepImaging.Explain." + name)
            ?? throw new InvalidOperationException($"ConvExplorer: the embedded resource {name} is missing from the DeepImaging assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
