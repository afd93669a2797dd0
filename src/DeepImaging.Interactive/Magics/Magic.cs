using Microsoft.DotNet.Interactive.CSharp;

namespace DeepImaging.Interactive.Magics;

/// <summary>One magic command the extension offers: its name, a one-line summary and how to add it to a C# kernel.</summary>
/// <param name="Name">The directive, e.g. <c>#!conv</c>.</param>
/// <param name="Summary">What it does, in one line.</param>
/// <param name="AddTo">Registers the directive and its handler on a kernel.</param>
public sealed record Magic(string Name, string Summary, Action<CSharpKernel> AddTo)
{
    /// <summary>Every magic command of the extension, in the order the banner lists them.</summary>
    public static IReadOnlyList<Magic> All { get; } =
        [ConvMagic.Definition, ConvShapeMagic.Definition, ConvExplorerMagic.Definition, ParamsMagic.Definition, NetworkMagic.Definition];
}
