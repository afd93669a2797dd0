using DeepImaging.Interactive.Formatters;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;

namespace DeepImaging.Interactive.Magics;

/// <summary>
/// <c>#!network 2 4 1</c>: the diagram of a network, nodes and edges for small dense layers, blocks with shapes for
/// wide layers and convolutions (<c>#!network --input 1x28x28 --conv 8k3 --pool 2 --dense 10</c>).
/// </summary>
public sealed class NetworkMagic : NetworkCommand
{
    private const string Name = "#!network";

    /// <summary>
    /// The most layers drawn: a diagram's size grows with every layer (1,000 dense layers made 19 MB of HTML), and beyond a
    /// couple of dozen columns it is no longer readable. Longer networks are drawn up to here, with a note saying so.
    /// </summary>
    public const int MaxDrawnLayers = 24;

    /// <summary>The declaration: directive, parameters and help (the layers are read in order from the directive's line).</summary>
    internal static Magic Definition { get; } = DefineNetwork<NetworkMagic>(Name, "Diagram of a network from its layer sizes or layers.",
        $"""
        Draws a network. From dense layer sizes, inputs first: one circle per neuron and one line per weight,
        as in the notes; layers wider than {NetworkDiagram.MaxNodesPerLayer} are drawn as blocks labelled with their size.
        From layers in order after --input: blocks with their output shapes.
        """,
        [
            "#!network 2 4 1          the notes' network: inputs x1, x2, hidden a1..a4, one output",
            "#!network 784 128 10     digits: drawn as blocks",
            "#!network --input 1x28x28 --conv 8k3 --pool 2 --dense 10",
        ]);

    /// <inheritdoc />
    protected override Task RunAsync(KernelInvocationContext context, CSharpKernel kernel)
    {
        var (input, layers) = NetworkArguments.Network(Name, Words);
        var summary = NetworkArguments.Summary(Name, input, layers); // the whole network is checked, even when only part is drawn
        if (layers.Length <= MaxDrawnLayers)
        {
            context.Display(NetworkDiagram.From(summary));
            return Task.CompletedTask;
        }
        new MagicOutput()
            .Title($"{Html.Count(layers.Length)} layers: only the first {MaxDrawnLayers} are drawn, so the last column is layer {MaxDrawnLayers}, not the output " +
                   "(a larger diagram is too big to read or to store in a notebook). " +
                   $"The whole network has {Html.Count(summary.TotalParameters)} parameters; #!params lists every layer.")
            .Display(context);
        context.Display(NetworkDiagram.From(NetworkArguments.Summary(Name, input, layers[..MaxDrawnLayers])));
        return Task.CompletedTask;
    }
}
