namespace DeepImaging;

/// <summary>
/// A (height, width) pair for kernel sizes, strides and dilations. Like PyTorch, one number means the
/// same value for both: <c>stride: 2</c> and <c>stride: (2, 1)</c> both work.
/// </summary>
public readonly record struct Pair(int Height, int Width)
{
    /// <summary>The same value for height and width.</summary>
    public static implicit operator Pair(int value) => new(value, value);

    /// <summary>Separate values for height and width.</summary>
    public static implicit operator Pair((int Height, int Width) value) => new(value.Height, value.Width);

    /// <summary>"2" when both values are equal, otherwise "(2, 1)".</summary>
    public override string ToString() => Height == Width ? $"{Height}" : $"({Height}, {Width})";

    internal string AsSize() => $"{Height}x{Width}";
}
