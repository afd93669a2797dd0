using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Directives;

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

    /// <summary>The help text <c>-h</c> shows: usage, parameters, examples.</summary>
    protected abstract string HelpText { get; }

    /// <summary>Does the work and displays the result; throws <see cref="ArgumentException"/> for bad input.</summary>
    /// <param name="context">Where outputs go.</param>
    /// <param name="kernel">The C# kernel, whose variables the magic may read.</param>
    protected abstract Task RunAsync(KernelInvocationContext context, CSharpKernel kernel);

    /// <summary>
    /// Describes a magic of type <typeparamref name="T"/>; its handler shows help, runs it, or fails the command with
    /// the validation message. Every directive gets <c>-h</c> and <c>--help</c> as flags (undeclared, <c>-h</c> is a parse error).
    /// No parameter is declared Required: the kernel would then reject a bare <c>-h</c>; the magics check their own required values.
    /// </summary>
    internal static Magic Define<T>(string name, string summary, params KernelDirectiveParameter[] parameters) where T : MagicCommand =>
        new(name, summary, kernel =>
        {
            var directive = new KernelActionDirective(name, summary);
            foreach (var parameter in parameters)
                directive.Parameters.Add(parameter);
            directive.Parameters.Add(new KernelDirectiveParameter("-h", "Show help for " + name) { Flag = true });
            directive.Parameters.Add(new KernelDirectiveParameter("--help", "Show help for " + name) { Flag = true });
            kernel.AddDirective<T>(directive, (command, context) => HandleAsync(command, context, kernel));
        });

    private static async Task HandleAsync(MagicCommand command, KernelInvocationContext context, CSharpKernel kernel)
    {
        if (command.H || command.Help)
        {
            context.DisplayAs(command.HelpText, "text/plain");
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

    /// <summary>
    /// The text of this directive's line in the cell, e.g. <c>#!params 2 4 1</c>: the kernel binds bare values such as
    /// <c>2 4 1</c> to no parameter, so magics with positional values read them from here.
    /// </summary>
    /// <param name="name">The directive name, e.g. <c>#!params</c>.</param>
    protected string DirectiveLine(string name)
    {
        string code = Parent is SubmitCode submit ? submit.Code : "";
        var lines = code.Split('\n').Select(l => l.Trim())
            .Where(l => l == name || l.StartsWith(name + " ", StringComparison.Ordinal) || l.StartsWith(name + "\t", StringComparison.Ordinal))
            .ToList();
        // With the same magic twice in one cell, the n-th command of that cell belongs to the n-th line.
        int index = 0;
        if (Parent is not null)
        {
            var seen = linesHandled.GetOrCreateValue(Parent);
            lock (seen)
            {
                index = seen.GetValueOrDefault(name);
                seen[name] = index + 1;
            }
        }
        return lines.Count == 0 ? name : lines[Math.Min(index, lines.Count - 1)];
    }

    [GeneratedRegex(@" \(Parameter '[^']*'\)")]
    private static partial Regex ParameterSuffix();

    // Per cell (parent command): how many lines of each magic have been handled so far.
    private static readonly ConditionalWeakTable<KernelCommand, Dictionary<string, int>> linesHandled = new();
}
