namespace DeepImaging.Interactive.Formatters;

/// <summary>One column (node mode) or block (block mode) of a <see cref="NetworkDiagram"/>.</summary>
/// <param name="Title">What the layer is, e.g. "input", "Linear + ReLU", "Conv2d".</param>
/// <param name="Shape">The shape of the values this layer outputs (batch first, as in <c>ModelSummary</c>).</param>
/// <param name="Parameters">Trainable values in the layer (and the activation merged into it).</param>
/// <param name="NodeLabels">One label per output value (x1, a1, Y...), used when the diagram draws nodes.</param>
public sealed record NetworkLayer(string Title, int[] Shape, long Parameters, IReadOnlyList<string> NodeLabels)
{
    /// <summary>The number of values per sample: the last dimension.</summary>
    public int Width => Shape.Length == 0 ? 1 : Shape[^1];
}
