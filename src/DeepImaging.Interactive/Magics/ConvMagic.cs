using System.Text.Json;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;

namespace DeepImaging.Interactive.Magics;

/// <summary>
/// <c>#!conv --input "0 1 2; 3 4 5; 6 7 8" --kernel "0 1; 2 3" [--padding valid|same|full|N] [--stride S] [--bias B] [--trace]</c>:
/// one 2-D convolution (cross-correlation, as PyTorch's conv2d) shown as input, kernel and output with the
/// output-size formula filled in; <c>--trace</c> adds the step-by-step trace. Input and kernel may have several
/// channels ([C, H, W] variables, or literals with channels separated by '|'): the output is then one channel, the
/// sum over the input channels plus the bias.
/// </summary>
public sealed class ConvMagic : MagicCommand
{
    private const string Name = "#!conv";

    /// <summary>
    /// The most output values #!conv computes and shows (2048 x 2048): enough for a whole image, while a padding of 100,000
    /// around a small grid (10 billion values) is refused at once instead of filling the memory.
    /// </summary>
    public const int MaxOutputValues = 2048 * 2048;

    /// <summary>The declaration: directive, parameters and help.</summary>
    internal static Magic Definition { get; } = Define<ConvMagic>(Name, "Convolve a small input with a kernel and show every number.",
        $"""
        Convolves a 2-D input with a 2-D kernel (cross-correlation, like PyTorch's conv2d: the kernel is not flipped)
        and shows the input, the kernel, the output and the output-size formula
            output = {ConvArithmetic.Formula}
        Several channels: separate them with '|' ("0 1; 2 3 | 1 1; 1 1") or name [C, H, W] variables, in both
        --input and --kernel (the same C). The output is one channel: each channel's sum, added up, plus the bias.
        """,
        [
            new("--input", "<rows>", "rows separated by ';', values by spaces or commas, e.g. \"0 1 2; 3 4 5; 6 7 8\", " +
                                     "or the name of a C# variable holding a Tensor [H, W] (or [1, 1, H, W]) or a float[,]") { Required = true },
            new("--kernel", "<rows>", "the kernel, written the same way, e.g. \"0 1; 2 3\"") { Required = true },
            new("--padding", "valid|same|full|N", "valid (no padding, the default), same (output as large as the input, stride 1 only), " +
                                                  "full (every partial overlap), or a number of zero rows/columns on each side"),
            new("--stride", "S", "how many cells the kernel moves each step (default 1)"),
            new("--bias", "B", "a number added to every output value (default none)"),
            new("--trace", "", "also show every step: the window over the padded input, the products and their sum") { Flag = true },
        ],
        [
            "#!conv --input \"0 1 2; 3 4 5; 6 7 8\" --kernel \"0 1; 2 3\"",
            "#!conv --input \"0 1 2; 3 4 5; 6 7 8\" --kernel \"0 1; 2 3\" --padding 1 --stride 2 --trace",
            "#!conv --input image --kernel edge --padding same",
            "#!conv --input \"0 1 2; 3 4 5; 6 7 8 | 1 1 1; 1 1 1; 1 1 1\" --kernel \"0 1; 2 3 | 1 0; 0 -1\" --bias 0.5 --trace",
        ]);

    /// <summary><c>--input</c>: the image.</summary>
    public JsonElement? Input { get; set; }

    /// <summary><c>--kernel</c>: the kernel.</summary>
    public JsonElement? Kernel { get; set; }

    /// <summary><c>--padding</c>: valid, same, full or N.</summary>
    public JsonElement? Padding { get; set; }

    /// <summary><c>--stride</c>: the step size.</summary>
    public JsonElement? Stride { get; set; }

    /// <summary><c>--bias</c>: a number added to every output value.</summary>
    public JsonElement? Bias { get; set; }

    /// <summary><c>--trace</c>: also show the step-by-step trace.</summary>
    public bool Trace { get; set; }

    /// <inheritdoc />
    protected override Task RunAsync(KernelInvocationContext context, CSharpKernel kernel)
    {
        var input = MagicArguments.Matrix(Name, "--input", Input, kernel, channels: true);
        var weights = MagicArguments.Matrix(Name, "--kernel", Kernel, kernel, channels: true);
        var padding = MagicArguments.Padding(Name, Padding);
        int stride = MagicArguments.Integer(Name, "--stride", Stride, fallback: 1);
        float? bias = BiasValue();
        if (input.Rank != weights.Rank || (input.Rank == 3 && input.Size(0) != weights.Size(0)))
            throw new ArgumentException(
                $"{Name}: --input {input.ShapeString} and --kernel {weights.ShapeString} need the same number of channels: both 2-D [H, W], or [C, H, W] and [C, kH, kW].");

        // The formulas first: they explain an impossible combination (kernel larger than the padded input) in the notes' terms.
        // A pair such as "1,2" pads rows and columns differently: each dimension gets its own number.
        bool pair = padding.Kind == PaddingAmount.Explicit;
        var (outHeight, height) = Explain("height", input.Size(-2), weights.Size(-2), stride, pair ? padding.Height : padding);
        var (outWidth, width) = Explain("width", input.Size(-1), weights.Size(-1), stride, pair ? padding.Width : padding);
        if ((long)outHeight * outWidth > MaxOutputValues)
            throw new ArgumentException(
                $"{Name}: the output would be {outHeight} x {outWidth} = {Formatters.Html.Count((long)outHeight * outWidth)} values; #!conv computes and shows " +
                $"at most {Formatters.Html.Count(MaxOutputValues)} (2048 x 2048). Use less padding, a larger stride or a smaller input.");
        Tensor output;
        using (Tensor.NoGrad())
        {
            // As one image with one output channel: [1, C, H, W] with weights [1, C, kH, kW].
            int channels = input.Rank == 3 ? input.Size(0) : 1;
            output = Functional.Conv2d(input.Reshape(1, channels, input.Size(-2), input.Size(-1)),
                weights.Reshape(1, channels, weights.Size(-2), weights.Size(-1)),
                bias is float b ? Tensor.From([b], 1) : null, stride: stride, padding: padding);
            output = output.Reshape(output.Size(-2), output.Size(-1));
        }
        var trace = Trace ? Traced(input, weights, stride, padding, bias) : null; // before anything is shown, so a refused trace shows nothing

        new MagicOutput()
            .Title($"Convolution, padding {padding}, stride {stride}{(bias is float shown ? $", bias {ConvTrace.FormatNumber(shown)}" : "")}: {input.ShapeString} with kernel {weights.ShapeString} gives {output.ShapeString}")
            .Panels(($"input {input.ShapeString}", input), ($"kernel {weights.ShapeString}", weights), ($"output {output.ShapeString}", output))
            .Lines($"output = {ConvArithmetic.Formula}", height, width)
            .Display(context);

        if (trace is not null)
            context.Display(trace);
        return Task.CompletedTask;
    }

    private static ConvTrace Traced(Tensor input, Tensor weights, int stride, Padding padding, float? bias)
    {
        try
        {
            return Functional.TraceConv2d(input, weights, stride, padding, bias: bias);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{Name}: --trace: {e.Message}");
        }
    }

    private float? BiasValue()
    {
        string? text = MagicArguments.Text(Bias);
        if (text is null) return null;
        if (!float.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out float bias) || !float.IsFinite(bias))
            throw new ArgumentException($"{Name}: --bias must be a number such as 0.5 or -1, got '{text}'.");
        return bias;
    }

    /// <summary>The output size along one dimension and the formula filled in; an impossible combination is explained.</summary>
    private static (int Size, string Line) Explain(string dimension, int size, int kernelSize, int stride, Padding padding)
    {
        try
        {
            return (ConvArithmetic.OutputSize(size, kernelSize, stride, padding),
                    $"output {dimension} = {ConvArithmetic.Explain(size, kernelSize, stride, padding)}");
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{Name}: along the {dimension}, {e.Message}");
        }
    }
}
