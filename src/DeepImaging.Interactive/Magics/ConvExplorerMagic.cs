using DeepImaging.Explain;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace DeepImaging.Interactive.Magics;

/// <summary>
/// <c>#!conv-explorer [--size n] [--kernel k] [--padding valid|same|full|p] [--stride s] [--dilation d]</c>: the
/// interactive convolution explorer (<see cref="ConvExplorer"/>): sliders, the output size and its formula, and the
/// window sliding over the grid. It runs in the page itself, so it keeps working without the kernel.
/// </summary>
public sealed class ConvExplorerMagic : ConvSettingsCommand
{
    private const string Name = "#!conv-explorer";

    /// <summary>The declaration: directive, parameters and help.</summary>
    internal static Magic Definition { get; } = Define<ConvExplorerMagic>(Name, "Explore input size, kernel, padding, stride and dilation on sliders, with the window animated.",
        $"""
        An interactive explorer of convolution arithmetic: move the sliders for the input size n, the kernel size k,
        the padding p (valid, same, full or a number), the stride s and the dilation d, and watch the output size
            output = {ConvArithmetic.Formula}
        and the kernel's window sliding over the padded input (play, pause, step). The presets are the cases of
        Dumoulin and Visin's conv_arithmetic: no padding, arbitrary, half (same) and full padding, strides, dilation.
        It runs in the page (HTML and JavaScript): no kernel and no network needed once it is shown.
        """,
        [
            new("--size", "n", $"starting input size n, 1..{ConvExplorer.MaxInputSize} (default 5)"),
            new("--kernel", "k", $"starting kernel size k, 1..{ConvExplorer.MaxKernelSize} (default 3)"),
            new("--padding", "valid|same|full|p", $"starting padding: valid (the default), same, full or a number 0..{ConvExplorer.MaxPadding}"),
            new("--stride", "s", $"starting stride s, 1..{ConvExplorer.MaxStride} (default 1)"),
            new("--dilation", "d", $"starting dilation d, 1..{ConvExplorer.MaxDilation} (default 1)"),
        ],
        [
            "#!conv-explorer",
            "#!conv-explorer --size 7 --kernel 3 --dilation 2",
            "#!conv-explorer --size 5 --kernel 3 --padding 1 --stride 2",
        ]);

    /// <inheritdoc />
    protected override Task RunAsync(KernelInvocationContext context, CSharpKernel kernel)
    {
        var (size, kernelSize, padding, stride, dilation) = Settings(Name, defaultSize: 5, defaultKernel: 3);
        string html;
        try
        {
            html = ConvExplorer.Html(size, kernelSize, padding, stride, dilation);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{Name}: {e.Message}");
        }
        string start = $"n = {size}, k = {kernelSize}, padding {padding}, s = {stride}, d = {dilation}";
        string text;
        try
        {
            text = $"Convolution explorer (interactive: shown where HTML and JavaScript run). Start: {start}: output {ConvArithmetic.Explain(size, kernelSize, stride, padding, dilation)}";
        }
        catch (ArgumentException e)
        {
            text = $"Convolution explorer (interactive: shown where HTML and JavaScript run). Start: {start}: no output ({e.Message})";
        }
        context.Publish(new DisplayedValueProduced(text, context.Command,
        [
            new FormattedValue(HtmlFormatter.MimeType, html),
            new FormattedValue(PlainTextFormatter.MimeType, text),
        ]));
        return Task.CompletedTask;
    }
}
