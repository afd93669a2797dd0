using System.Globalization;
using System.Text;

namespace DeepImaging;

/// <summary>
/// A 2-D convolution producing one output channel (cross-correlation, as <see cref="Functional.Conv2d"/>) written out
/// step by step: the padded input, the kernel, and for every output position the window, the products, each input
/// channel's sum, the bias and the total. Made by <see cref="Functional.TraceConv2d"/>; notebooks draw it as a stepper.
/// </summary>
public sealed class ConvTrace
{
    /// <summary>The most steps (output positions) a trace may have: beyond this a trace is no longer readable.</summary>
    public const int MaxSteps = 4096;

    /// <summary>The most multiplications (steps x channels x kernel elements) a trace may hold.</summary>
    public const int MaxProducts = 65536;

    /// <summary>The most cells the padded input of a trace may have (1024 x 1024): a trace keeps and draws the padded input.</summary>
    public const int MaxPaddedCells = 1 << 20;

    internal ConvTrace(Tensor input, Tensor paddedInput, Tensor kernel, Tensor output, float? bias,
        (int Top, int Bottom, int Left, int Right) padding, Pair stride, Pair dilation, ConvTraceStep[] steps)
    {
        (Input, PaddedInput, Kernel, Output, Bias, Padding, Stride, Dilation, Steps) =
            (input, paddedInput, kernel, output, bias, padding, stride, dilation, steps);
    }

    /// <summary>The input image as given: [H, W], or [C, H, W] for several channels.</summary>
    public Tensor Input { get; }

    /// <summary>The input with the padding rows and columns added (zeros), [(C,) H + top + bottom, W + left + right].</summary>
    public Tensor PaddedInput { get; }

    /// <summary>The kernel: [kH, kW], or [C, kH, kW] with one slice per input channel.</summary>
    public Tensor Kernel { get; }

    /// <summary>The number of input channels (1 for a 2-D input).</summary>
    public int Channels => Input.Rank == 3 ? Input.Size(0) : 1;

    /// <summary>The bias added to every output value, or null without one.</summary>
    public float? Bias { get; }

    /// <summary>The result, equal to <see cref="Functional.Conv2d"/> with the same arguments (one output channel), [H', W'].</summary>
    public Tensor Output { get; }

    /// <summary>The padding actually added on each side (named modes such as "same" resolved to numbers).</summary>
    public (int Top, int Bottom, int Left, int Right) Padding { get; }

    /// <summary>How far the window moves per output row and column.</summary>
    public Pair Stride { get; }

    /// <summary>The spacing between kernel elements.</summary>
    public Pair Dilation { get; }

    /// <summary>One step per output value, row-major (step k computes output[k / W', k % W']).</summary>
    public IReadOnlyList<ConvTraceStep> Steps { get; }

    /// <summary>True when padded-input cell (row, column) is padding rather than part of the input.</summary>
    public bool IsPadding(int row, int column) =>
        row < Padding.Top || row >= Padding.Top + Input.Size(-2) || column < Padding.Left || column >= Padding.Left + Input.Size(-1);

    /// <summary>
    /// A number as the trace writes it: integers without decimals ("19"), others with at most 4 decimals ("0.3333"),
    /// very small or very large values in scientific notation; "NaN", "Inf" and "-Inf" for non-finite values.
    /// </summary>
    public static string FormatNumber(float value)
    {
        if (float.IsNaN(value)) return "NaN";
        if (float.IsInfinity(value)) return value > 0 ? "Inf" : "-Inf";
        float magnitude = MathF.Abs(value);
        if (magnitude != 0 && (magnitude < 1e-3f || magnitude >= 1e7f))
            return value.ToString("0.###e+0", CultureInfo.InvariantCulture);
        string text = value.ToString("0.####", CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }

    /// <summary>The size, the padding and every step's expression, one per line.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"ConvTrace: input {Input.ShapeString}, kernel {Kernel.ShapeString}, ");
        if (Bias is float bias) sb.Append("bias ").Append(FormatNumber(bias)).Append(", ");
        sb.Append(CultureInfo.InvariantCulture, $"padding (top {Padding.Top}, bottom {Padding.Bottom}, left {Padding.Left}, right {Padding.Right}), ");
        sb.Append(CultureInfo.InvariantCulture, $"stride {Stride}, dilation {Dilation} -> output {Output.ShapeString}");
        foreach (var step in Steps) sb.Append('\n').Append(step);
        return sb.ToString();
    }

    /// <summary>Products written as "input x weight", joined by " + ", then "= sum"; negative factors in parentheses.</summary>
    internal static string Expression(ReadOnlySpan<float> values, ReadOnlySpan<float> weights, float sum)
    {
        static string Factor(float v) => v < 0 || float.IsNegativeInfinity(v) ? $"({FormatNumber(v)})" : FormatNumber(v);
        var sb = new StringBuilder();
        for (int i = 0; i < values.Length; i++)
        {
            if (i > 0) sb.Append(" + ");
            sb.Append(Factor(values[i])).Append('x').Append(Factor(weights[i]));
        }
        return sb.Append(" = ").Append(FormatNumber(sum)).ToString();
    }
}
