using System.Globalization;

namespace DeepImaging.Explain;

/// <summary>The input pixels one output value of a layer sees, in a <see cref="ReceptiveFieldFigure"/>.</summary>
/// <param name="Layer">The layer's name in the model summary ("0", "1.0", ...).</param>
/// <param name="Type">The layer's type, e.g. "Conv2d".</param>
/// <param name="Row">The value's row in the layer's output.</param>
/// <param name="Column">The value's column in the layer's output.</param>
/// <param name="Top">The first input row it sees (negative where the field reaches into the padding).</param>
/// <param name="Left">The first input column it sees (negative likewise).</param>
/// <param name="Height">How many input rows it sees.</param>
/// <param name="Width">How many input columns it sees.</param>
public sealed record ReceptiveFieldRegion(string Layer, string Type, int Row, int Column, int Top, int Left, int Height, int Width)
{
    /// <summary>True when part of the region lies outside an image of <paramref name="height"/> x <paramref name="width"/> pixels, in the padding.</summary>
    public bool ReachesPadding(int height, int width) => Top < 0 || Left < 0 || Top + Height > height || Left + Width > width;

    /// <summary>"layer 2 (Conv2d), value [6, 6]: 8x8 pixels, rows 9..16, columns 9..16".</summary>
    public string Describe(int height, int width) => string.Create(CultureInfo.InvariantCulture,
        $"layer {Layer} ({Type}), value [{Row}, {Column}]: {Height}x{Width} pixels, rows {Top}..{Top + Height - 1}, columns {Left}..{Left + Width - 1}{(ReachesPadding(height, width) ? " (partly in the padding)" : "")}");
}
