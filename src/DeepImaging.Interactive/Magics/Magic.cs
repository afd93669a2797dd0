using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Directives;

namespace DeepImaging.Interactive.Magics;

/// <summary>
/// One magic command the extension offers, declared once: its name, summary, description, parameters and examples.
/// The kernel's directive and the <c>-h</c> text are both made from this declaration, so they cannot disagree.
/// </summary>
public sealed class Magic
{
    private readonly Action<Magic, CSharpKernel, KernelActionDirective> register;

    internal Magic(string name, string summary, string description, IReadOnlyList<MagicParameter> parameters,
        IReadOnlyList<string> examples, MagicParameter? positional, Type commandType, Action<Magic, CSharpKernel, KernelActionDirective> register)
    {
        (Name, Summary, Description, Parameters, Examples, Positional, CommandType) =
            (name, summary, description, parameters, examples, positional, commandType);
        this.register = register;
        Help = MagicHelp.Text(this);
    }

    /// <summary>Every magic command of the extension, in the order the banner lists them.</summary>
    public static IReadOnlyList<Magic> All { get; } =
        [ConvMagic.Definition, ConvShapeMagic.Definition, ConvExplorerMagic.Definition, ParamsMagic.Definition, NetworkMagic.Definition];

    /// <summary>The directive, e.g. <c>#!conv</c>.</summary>
    public string Name { get; }

    /// <summary>What it does, in one line.</summary>
    public string Summary { get; }

    /// <summary>The text <c>-h</c> shows: usage, description, parameters and examples, made from the declaration.</summary>
    public string Help { get; }

    /// <summary>What it does, in a few lines (formulas included) for the <c>-h</c> text.</summary>
    internal string Description { get; }

    /// <summary>Its options, in the order the usage line shows them.</summary>
    internal IReadOnlyList<MagicParameter> Parameters { get; }

    /// <summary>Example lines, each possibly followed by a comment.</summary>
    internal IReadOnlyList<string> Examples { get; }

    /// <summary>Bare values it reads instead of its options (<c>#!params 2 4 1</c>), or null.</summary>
    internal MagicParameter? Positional { get; }

    /// <summary>The command the kernel binds the parameters to (a <see cref="MagicCommand"/>).</summary>
    internal Type CommandType { get; }

    /// <summary>Registers the directive (the declared parameters, plus <c>-h</c> and <c>--help</c>) and its handler on a kernel.</summary>
    public void AddTo(CSharpKernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var directive = new KernelActionDirective(Name, Summary);
        foreach (var parameter in Parameters)
            directive.Parameters.Add(parameter.ToDirectiveParameter());
        // Undeclared, -h is a parse error (DNI103).
        directive.Parameters.Add(new KernelDirectiveParameter("-h", "Show help for " + Name) { Flag = true });
        directive.Parameters.Add(new KernelDirectiveParameter("--help", "Show help for " + Name) { Flag = true });
        register(this, kernel, directive);
    }
}
