using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;

namespace DeepImaging.Interactive.Magics;

/// <summary>
/// The base of the extension's magic commands. The kernel parses the directive line and binds each
/// <c>--name value</c> to the property of the same name (values arrive as JSON tokens, hence <see cref="JsonElement"/>);
/// this class adds <c>-h</c>/<c>--help</c>, and reports bad input (an <see cref="ArgumentException"/> from
/// <see cref="RunAsync"/>) as a failed command with its message, so the kernel keeps working.
/// </summary>
public abstract partial class MagicCommand : KernelDirectiveCommand
{
    /// <summary><c>-h</c>: show the help text instead of running.</summary>
    public bool H { get; set; }

    /// <summary><c>--help</c>: the same as <c>-h</c>.</summary>
    public bool Help { get; set; }

    /// <summary>
    /// The words after the magic's name on its own line of the cell (<c>["2", "4", "1"]</c> for <c>#!params 2 4 1</c>):
    /// what the kernel's binding loses, bare values and the order of repeated options. See <see cref="CellMagicLines"/>.
    /// </summary>
    protected IReadOnlyList<string> Words { get; private set; } = [];

    /// <summary>Does the work and displays the result; throws <see cref="ArgumentException"/> for bad input.</summary>
    /// <param name="context">Where outputs go.</param>
    /// <param name="kernel">The C# kernel, whose variables the magic may read.</param>
    protected abstract Task RunAsync(KernelInvocationContext context, CSharpKernel kernel);

    /// <summary>
    /// Declares a magic of type <typeparamref name="T"/>: its handler shows the help, or runs it and fails the command
    /// with the validation message.
    /// </summary>
    internal static Magic Define<T>(string name, string summary, string description, MagicParameter[] parameters, string[] examples,
        MagicParameter? positional = null) where T : MagicCommand
        => new(name, summary, description, parameters, examples, positional, typeof(T), (magic, kernel, directive) =>
            kernel.AddDirective<T>(directive, (command, context) => HandleAsync(magic, command, context, kernel)));

    private static async Task HandleAsync(Magic magic, MagicCommand command, KernelInvocationContext context, CSharpKernel kernel)
    {
        // Every command takes its line, help or not, so that the next command of the cell gets the next line.
        command.Words = command.Parent is SubmitCode cell ? CellMagicLines.Of(cell).Next(magic.Name) : [];
        if (command.H || command.Help)
        {
            context.DisplayAs(magic.Help, "text/plain");
            return;
        }
        try
        {
            await command.RunAsync(context, kernel);
        }
        catch (ArgumentException e)
        {
            // Without .NET's " (Parameter 'text')" suffixes (also inside wrapped messages): they name C# parameters the student never saw.
            context.Fail(command, message: ParameterSuffix().Replace(e.Message, ""));
        }
    }

    [GeneratedRegex(@" \(Parameter '[^']*'\)")]
    private static partial Regex ParameterSuffix();
}
