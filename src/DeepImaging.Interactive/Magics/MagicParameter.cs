using Microsoft.DotNet.Interactive.Directives;

namespace DeepImaging.Interactive.Magics;

/// <summary>
/// One parameter of a magic command, declared once: the kernel's directive parameter and the line of the <c>-h</c> text
/// are both made from it. The kernel binds its value to the command's property of the same name (<c>--size</c> to <c>Size</c>).
/// </summary>
/// <param name="Name">The option, e.g. <c>--size</c>; for the bare values of <c>#!params 2 4 1</c>, a placeholder such as <c>&lt;sizes...&gt;</c>.</param>
/// <param name="Value">What follows it in the usage line, e.g. <c>n</c> or <c>valid|same|full|p</c>; empty for a flag.</param>
/// <param name="Description">What it means, with its default; the <c>-h</c> text and the editor's completions show it.</param>
internal sealed record MagicParameter(string Name, string Value, string Description)
{
    /// <summary>
    /// The magic refuses to run without it. The kernel is not told (it would then reject a bare <c>-h</c>): the magic
    /// checks its own required values, and the usage line shows them without brackets.
    /// </summary>
    public bool Required { get; init; }

    /// <summary>A switch without a value, e.g. <c>--trace</c>.</summary>
    public bool Flag { get; init; }

    /// <summary>
    /// It may be given several times, in an order that matters (a network's layers). The kernel binds repeated options
    /// without their order, so the magic reads them from its line (see <see cref="CellMagicLines"/>), not from a property.
    /// </summary>
    public bool Repeatable { get; init; }

    /// <summary>The most times a repeatable parameter may be given.</summary>
    public const int MaxRepeats = 100;

    /// <summary>The parameter as the usage line writes it: <c>--size n</c>, <c>[--stride s]</c>, <c>[--conv ...]...</c>.</summary>
    public string Usage
    {
        get
        {
            string written = Value.Length == 0 ? Name : $"{Name} {Value}";
            return Required ? written : Repeatable ? $"[{written}]..." : $"[{written}]";
        }
    }

    /// <summary>The parameter as the kernel's parser knows it (a new instance for each kernel).</summary>
    public KernelDirectiveParameter ToDirectiveParameter() =>
        new(Name, Description) { Flag = Flag, MaxOccurrences = Repeatable ? MaxRepeats : 1 };
}
