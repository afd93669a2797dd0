using System.Text.Json;

namespace DeepImaging.Interactive.Magics;

/// <summary>
/// The base of the magics that read a network from their line, <c>#!params</c> and <c>#!network</c>: both take dense
/// layer sizes (<c>2 4 1</c>) or layers in order after <c>--input</c>, read by <see cref="NetworkArguments"/>.
/// </summary>
public abstract class NetworkCommand : MagicCommand
{
    /// <summary><c>--input</c> (the layers themselves are read in order from the directive's line).</summary>
    public JsonElement? Input { get; set; }

    /// <summary>Declares a network magic of type <typeparamref name="T"/>: its parameters are the layer forms and the bare sizes.</summary>
    private protected static Magic DefineNetwork<T>(string name, string summary, string description, string[] examples)
        where T : NetworkCommand =>
        Define<T>(name, summary, description, NetworkArguments.Layers, examples, NetworkArguments.Sizes);
}
