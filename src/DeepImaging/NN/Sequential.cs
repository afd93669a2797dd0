using System.Collections;
using System.Text;

namespace DeepImaging.NN;

/// <summary>
/// Layers applied one after the other, like PyTorch's <c>nn.Sequential</c>: the output of layer i is the input of
/// layer i + 1. Children are named "0", "1", ..., so parameters are "0.weight", "0.bias", ... as in a PyTorch state_dict.
/// An error inside a layer is reported with that layer's index and type.
/// </summary>
public sealed class Sequential : Module, IEnumerable<Module>
{
    private readonly Module[] layers;

    /// <summary>Creates the container from its layers, in order.</summary>
    public Sequential(params Module[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        this.layers = (Module[])layers.Clone();
        for (int i = 0; i < layers.Length; i++)
            RegisterModule(i.ToString(System.Globalization.CultureInfo.InvariantCulture), layers[i] ?? throw new ArgumentNullException(nameof(layers), $"Sequential: layer {i} is null."));
    }

    /// <summary>The layer at <paramref name="index"/>.</summary>
    public Module this[int index] => index >= 0 && index < layers.Length
        ? layers[index]
        : throw new ArgumentOutOfRangeException(nameof(index), $"Sequential: index {index} is out of range for {layers.Length} layers (0..{layers.Length - 1}).");

    /// <summary>The number of layers.</summary>
    public int Count => layers.Length;

    /// <summary>
    /// Forward: each layer in turn (a Conv2d followed by a ReLU runs as one operation: the same values, without the
    /// intermediate tensor). Backward: autograd runs back through the same layers in reverse order.
    /// </summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var x = input;
        for (int i = 0; i < layers.Length; i++)
        {
            bool withRelu = layers[i] is Conv2d && i + 1 < layers.Length && layers[i + 1] is ReLU;
            try
            {
                x = withRelu ? ((Conv2d)layers[i]).ForwardWithRelu(x) : layers[i].Forward(x);
            }
            catch (ArgumentException e)
            {
                throw LayerError("Sequential", i.ToString(System.Globalization.CultureInfo.InvariantCulture), layers[i].GetType().Name, x.shape, e);
            }
            if (withRelu) i++; // the ReLU layer has been applied
        }
        return x;
    }

    /// <summary>The whole container as one row: its final output shape and the sum of its layers' parameters and mult-adds.</summary>
    public override LayerSummary Describe(int[] inputShape)
    {
        var rows = DescribeLayers(inputShape, "");
        long total = ModelSummary.Sum("Sequential", "total parameter count", rows.Select(r => r.Parameters));
        var counts = rows.Where(r => r.Parameters > 0).Select(r => ModelSummary.Number(r.Parameters)).ToList();
        string formula = counts.Count == 0 ? "" : $"{string.Join(" + ", counts)} = {ModelSummary.Number(total)}";
        return Row(rows.Count > 0 ? rows[^1].OutputShape : (int[])inputShape.Clone(), total, formula,
            ModelSummary.Sum("Sequential", "total mult-add count", rows.Select(r => r.MultAdds)));
    }

    /// <summary>One row per layer, shapes chained from <paramref name="inputShape"/>; nested containers are expanded
    /// with dotted names ("1.0"). A layer that cannot take its input is reported with its name and type.</summary>
    internal List<LayerSummary> DescribeLayers(int[] inputShape, string prefix)
    {
        var rows = new List<LayerSummary>();
        var shape = inputShape;
        for (int i = 0; i < layers.Length; i++)
        {
            string name = prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (layers[i] is Sequential inner)
            {
                rows.AddRange(inner.DescribeLayers(shape, name + "."));
                shape = rows.Count > 0 ? rows[^1].OutputShape : shape;
                continue;
            }
            try
            {
                var row = layers[i].Describe(shape) with { Name = name };
                rows.Add(row);
                shape = row.OutputShape;
            }
            catch (ArgumentException e)
            {
                throw LayerError("Sequential", name, layers[i].GetType().Name, shape, e);
            }
        }
        return rows;
    }

    /// <summary>The error for a layer that could not take its input: names the layer's position, type and input shape.</summary>
    internal static ArgumentException LayerError(string owner, string name, string type, int[] inputShape, Exception inner) =>
        new($"{owner}: layer {name} ({type}) cannot take an input of shape {Shapes.Format(inputShape)}: {inner.Message}", inner);

    /// <summary>Enumerates the layers in order.</summary>
    public IEnumerator<Module> GetEnumerator() => ((IEnumerable<Module>)layers).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Like PyTorch, one layer per line: <c>(0): Linear(in_features=2, out_features=4, bias=True)</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("Sequential(\n");
        for (int i = 0; i < layers.Length; i++)
            text.Append($"  ({i}): ").Append(layers[i].ToString()!.Replace("\n", "\n  ")).Append('\n');
        return text.Append(')').ToString();
    }
}
