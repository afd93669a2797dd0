using System.Globalization;

namespace DeepImaging;

/// <summary>
/// The padding of a convolution: a number (or (height, width) pair) of zero rows and columns added on
/// each side, or one of the named modes <see cref="Valid"/>, <see cref="Same"/> and <see cref="Full"/>.
/// The default value is padding 0, as in PyTorch.
/// </summary>
public readonly struct Padding : IEquatable<Padding>
{
    private Padding(PaddingAmount kind, int height, int width)
    {
        (Kind, Height, Width) = (kind, height, width);
    }

    /// <summary>How the amount is chosen: explicitly, or by one of the named rules valid, same and full.</summary>
    public PaddingAmount Kind { get; }

    /// <summary>Rows added above and below (explicit padding only).</summary>
    public int Height { get; }

    /// <summary>Columns added left and right (explicit padding only).</summary>
    public int Width { get; }

    /// <summary>No padding (0).</summary>
    public static Padding Valid => new(PaddingAmount.Valid, 0, 0);

    /// <summary>Output size equals input size (stride 1 only).</summary>
    public static Padding Same => new(PaddingAmount.Same, 0, 0);

    /// <summary>dilation*(kernel-1) on each side: the kernel visits every position where it touches the input.</summary>
    public static Padding Full => new(PaddingAmount.Full, 0, 0);

    /// <summary>The same explicit padding for height and width.</summary>
    public static implicit operator Padding(int padding) => new(PaddingAmount.Explicit, padding, padding);

    /// <summary>Explicit padding with separate height and width values.</summary>
    public static implicit operator Padding((int Height, int Width) padding) => new(PaddingAmount.Explicit, padding.Height, padding.Width);

    /// <summary>Reads "valid", "same", "full", a number such as "1", or a pair such as "1,2" (as magic commands do).</summary>
    public static Padding Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim().ToLowerInvariant();
        switch (t)
        {
            case "valid": return Valid;
            case "same": return Same;
            case "full": return Full;
        }
        var parts = t.Trim('(', ')').Split([',', 'x'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is 1 or 2 && parts.All(p => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)))
        {
            int h = int.Parse(parts[0], CultureInfo.InvariantCulture);
            int w = int.Parse(parts[^1], CultureInfo.InvariantCulture);
            if (h < 0 || w < 0)
                throw new ArgumentException($"Padding: '{text}' is negative; use valid, same, full or a padding of 0 or more.", nameof(text));
            return (h, w);
        }
        throw new ArgumentException($"Padding: cannot read '{text}'; use valid, same, full, a number such as 1, or a pair such as 1,2.", nameof(text));
    }

    /// <summary>
    /// The rows and columns added on each side for a kernel of <paramref name="kernel"/> size with
    /// <paramref name="dilation"/> and <paramref name="stride"/>; throws when the combination is not allowed.
    /// </summary>
    public (int Top, int Bottom, int Left, int Right) Resolve(Pair kernel, Pair stride, Pair dilation, string operation = "Conv2d")
    {
        switch (Kind)
        {
            case PaddingAmount.Explicit:
                if (Height < 0 || Width < 0)
                    throw new ArgumentException($"{operation}: padding {this} is negative; padding must be 0 or more.");
                return (Height, Height, Width, Width);
            case PaddingAmount.Valid:
                return (0, 0, 0, 0);
            case PaddingAmount.Same:
                if (stride.Height != 1 || stride.Width != 1)
                    throw new ArgumentException($"{operation}: padding 'same' needs stride 1 (got stride {stride}), because with a larger stride no padding keeps the size; use explicit padding, e.g. padding = dilation*(kernel-1)/2.");
                // Total padding dilation*(k-1); an odd total puts the extra row/column at the bottom/right, as PyTorch does.
                long totalH = Total(kernel.Height, dilation.Height, operation), totalW = Total(kernel.Width, dilation.Width, operation);
                return ((int)(totalH / 2), (int)(totalH - totalH / 2), (int)(totalW / 2), (int)(totalW - totalW / 2));
            default:
                int fullH = (int)Total(kernel.Height, dilation.Height, operation), fullW = (int)Total(kernel.Width, dilation.Width, operation);
                return (fullH, fullH, fullW, fullW);
        }
    }

    /// <summary>dilation*(kernel-1), the total padding of 'same' and each side's padding of 'full', in 64 bits and refused when it does not fit an int.</summary>
    private long Total(int kernel, int dilation, string operation) =>
        Shapes.Dimension(ConvArithmetic.KernelSpan(kernel, dilation) - 1, operation,
            $"padding '{this}' with kernel {kernel} and dilation {dilation} (dilation x (kernel - 1) rows or columns)", "use a smaller dilation or kernel");

    /// <summary>"valid", "same", "full", "1" or "(1, 2)".</summary>
    public override string ToString() => Kind switch
    {
        PaddingAmount.Explicit => Height == Width ? Height.ToString(CultureInfo.InvariantCulture) : $"({Height}, {Width})",
        _ => Kind.ToString().ToLowerInvariant(),
    };

    /// <inheritdoc/>
    public bool Equals(Padding other) => Kind == other.Kind && Height == other.Height && Width == other.Width;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Padding other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Height, Width);

    /// <summary>Equal kind and sizes.</summary>
    public static bool operator ==(Padding left, Padding right) => left.Equals(right);

    /// <summary>Different kind or sizes.</summary>
    public static bool operator !=(Padding left, Padding right) => !left.Equals(right);
}
