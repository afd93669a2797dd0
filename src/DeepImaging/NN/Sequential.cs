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

    /// <summary>Forward: each layer in turn. Backward: autograd runs back through the same layers in reverse order.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var x = input;
        for (int i = 0; i < layers.Length; i++)
        {
            try
            {
                x = layers[i].Forward(x);
            }
            catch (ArgumentException e)
            {
                throw LayerError("Sequential", i.ToString(System.Globalization.CultureInfo.InvariantCulture), layers[i].GetType().Name, x.shape, e);
            }
        }
        return x;
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
