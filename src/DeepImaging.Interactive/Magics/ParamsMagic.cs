using DeepImaging.NN;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;

namespace DeepImaging.Interactive.Magics;

/// <summary>
/// <c>#!params 2 4 1</c>: the parameter table of a dense network from its layer sizes (12 + 5 = 17 here), or
/// <c>#!params --input 3x256x256 --conv 16k3 --conv 32k3s2p1 --pool 2 --dense 10</c> for a convolutional one.
/// Only arithmetic on shapes: nothing is allocated, so 196608 inputs cost nothing to count.
/// </summary>
public sealed class ParamsMagic : NetworkCommand
{
    private const string Name = "#!params";

    /// <summary>The declaration: directive, parameters and help (the layers are read in order from the directive's line).</summary>
    internal static Magic Definition { get; } = DefineNetwork<ParamsMagic>(Name, "Parameter count of a network, layer by layer, with the formulas.",
        """
        Counts the trainable parameters of a network, layer by layer, with the formula of each count
        (arithmetic only: nothing is allocated). For an image input it also gives each layer's receptive
        field: the side of the input region one output value sees, r = r_prev + d(k-1) x j_prev, j = j_prev x s.
        """,
        [
            "#!params 2 4 1              2x4 + 4 = 12 and 4x1 + 1 = 5: 17 parameters",
            "#!params 196608 1000 1      a 256x256 RGB image into 1000 neurons: 196,610,001 parameters",
            "#!params --input 3x256x256 --conv 16k3 --conv 32k3s2p1 --pool 2 --dense 10",
            "#!params --input 3x256x256 --dense 1000 --dense 1",
        ]);

    /// <inheritdoc />
    protected override Task RunAsync(KernelInvocationContext context, CSharpKernel kernel)
    {
        var summary = NetworkArguments.Summary(Name, Words);
        var counted = summary.Rows.Where(r => r.Parameters > 0).ToList();
        var output = new MagicOutput()
            .Title($"{SummaryText.ParameterSum(summary)} parameters")
            .Lines(counted.Select(r => $"{r.Name} ({r.Type}): {r.ParameterFormula}").ToArray());
        // For an image input: how much of the image one output value of each layer sees.
        if (summary.HasReceptiveFields)
            output.Lines("Receptive field (input pixels one output value sees): " +
                string.Join(", ", summary.Rows.Select(r => $"{r.Name} ({r.Type}) {SummaryText.ReceptiveField(r)}")));
        output.Display(context);
        context.Display(summary);
        return Task.CompletedTask;
    }
}
