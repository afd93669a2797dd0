using DeepImaging.NN;

namespace DeepImaging.Interactive.Formatters;

/// <summary>
/// A picture of a network: nodes and every edge for a small dense network (the notes' 2-4-1 with x1, x2 / a1..a4 / Y),
/// or one block per layer with its output shape and parameter count for wide layers and convolutional networks.
/// Displayed in a notebook through its formatter; <see cref="NetworkDiagramHtml.Render"/> gives the SVG directly.
/// </summary>
public sealed class NetworkDiagram
{
    /// <summary>Layers wider than this are drawn as blocks: beyond about a dozen nodes the edges become a grey blur.</summary>
    public const int MaxNodesPerLayer = 12;

    private NetworkDiagram(IReadOnlyList<NetworkLayer> layers)
    {
        Layers = layers;
        DrawsNodes = layers.All(l => l.Shape.Length <= 2 && l.Width <= MaxNodesPerLayer);
    }

    /// <summary>The input first, then one entry per layer (activations merged into the layer before them).</summary>
    public IReadOnlyList<NetworkLayer> Layers { get; }

    /// <summary>True when every layer is small and flat enough to draw as nodes and edges; otherwise blocks.</summary>
    public bool DrawsNodes { get; }

    /// <summary>A fully connected network from its layer sizes, e.g. FromSizes(2, 4, 1): inputs x1, x2, hidden a1..a4, output Y.</summary>
    public static NetworkDiagram FromSizes(params int[] sizes) => From(ModelSummary.Dense(sizes));

    /// <summary>
    /// The diagram of <paramref name="model"/> for an input of <paramref name="inputShape"/> (batch first, e.g. 1, 3, 32, 32).
    /// The shape may be left out when the model starts with a <see cref="Linear"/> layer: it is then [1, in_features].
    /// </summary>
    public static NetworkDiagram FromModel(Module model, params int[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Length == 0)
        {
            var first = model is Sequential sequential && sequential.Count > 0 ? sequential[0] : model;
            inputShape = first is Linear linear
                ? [1, linear.InFeatures]
                : throw new ArgumentException($"NetworkDiagram.FromModel: cannot infer the input shape of a model starting with {first.GetType().Name}; pass it, e.g. NetworkDiagram.FromModel(model, 1, 3, 32, 32).", nameof(inputShape));
        }
        return From(ModelSummary.Of(model, inputShape));
    }

    /// <summary>The diagram of the layers in <paramref name="summary"/>.</summary>
    public static NetworkDiagram From(ModelSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var layers = new List<NetworkLayer> { new("input", summary.InputShape, 0, []) };
        foreach (var row in summary.Rows)
        {
            // A parameter-free layer that keeps the shape (ReLU, Sigmoid, Dropout...) belongs to the layer before it.
            var previous = layers[^1];
            if (row.Parameters == 0 && row.OutputShape.SequenceEqual(previous.Shape) && layers.Count > 1)
                layers[^1] = previous with { Title = $"{previous.Title} + {row.Type}" };
            else
                layers.Add(new NetworkLayer(row.Type, row.OutputShape, row.Parameters, []));
        }
        for (int i = 0; i < layers.Count; i++)
            layers[i] = layers[i] with { NodeLabels = Labels(i, layers.Count, layers[i].Width) };
        return new NetworkDiagram(layers);
    }

    /// <summary>x1.. for inputs, Y (or Y1..) for outputs, a1.., b1.. for the hidden layers in order.</summary>
    private static string[] Labels(int layer, int layerCount, int width)
    {
        if (width > MaxNodesPerLayer) return [];
        string prefix = layer == 0 ? "x" : layer == layerCount - 1 ? "Y" : ((char)('a' + Math.Min(layer - 1, 25))).ToString();
        if (layer == layerCount - 1 && width == 1) return ["Y"];
        return [.. Enumerable.Range(1, width).Select(i => $"{prefix}{i}")];
    }

    /// <summary>One line per layer: title, shape and parameters.</summary>
    public override string ToString() => string.Join("\n", Layers.Select(l =>
        $"{l.Title} {Html.Shape(l.Shape)}" + (l.Parameters > 0 ? $" ({Html.Count(l.Parameters)} parameters)" : "")));
}
