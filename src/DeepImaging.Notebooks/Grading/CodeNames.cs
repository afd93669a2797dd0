using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DeepImaging.Notebooks.Grading;

/// <summary>
/// What a C# cell declares and which names it uses, read from its syntax (Roslyn, script rules, as the kernel compiles
/// cells). The grader uses it to keep test cells out of reach of a student's own definitions.
/// </summary>
internal static class CodeNames
{
    private static readonly CSharpParseOptions ScriptOptions = new(LanguageVersion.Preview, kind: SourceCodeKind.Script);

    /// <summary>The syntax errors of a cell read on its own, as "line N: message".</summary>
    public static List<string> SyntaxErrors(string code) =>
        Parse(code).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => $"line {d.Location.GetLineSpan().StartLinePosition.Line + 1}: {d.GetMessage()}").ToList();

    /// <summary>True when the code holds nothing but comments and blanks.</summary>
    public static bool IsEmpty(string code) => !Parse(code).GetRoot().DescendantTokens().Any(t => !t.IsKind(SyntaxKind.EndOfFileToken));

    /// <summary>The names a cell declares at its top level (functions, variables, types), which later cells can use.</summary>
    public static HashSet<string> TopLevelDeclarations(string code)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in ((CompilationUnitSyntax)Parse(code).GetRoot()).Members)
        {
            switch (member)
            {
                case GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local }:
                    names.UnionWith(local.Declaration.Variables.Select(v => v.Identifier.ValueText));
                    break;
                case GlobalStatementSyntax { Statement: LocalFunctionStatementSyntax function }:
                    names.Add(function.Identifier.ValueText);
                    break;
                case GlobalStatementSyntax { Statement: ExpressionStatementSyntax statement }:
                    names.UnionWith(statement.DescendantNodes().OfType<SingleVariableDesignationSyntax>()
                        .Where(d => d.Ancestors().OfType<LambdaExpressionSyntax>().FirstOrDefault() is null)
                        .Select(d => d.Identifier.ValueText));
                    break;
                case BaseFieldDeclarationSyntax field:
                    names.UnionWith(field.Declaration.Variables.Select(v => v.Identifier.ValueText));
                    break;
                default: // methods, properties, types, delegates
                    if (DeclaredName(member) is { } name)
                        names.Add(name);
                    break;
            }
        }
        return names;
    }

    /// <summary>Every name the code declares anywhere: variables, parameters, loop and catch variables, local functions, types.</summary>
    public static HashSet<string> Declarations(string code)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in Parse(code).GetRoot().DescendantNodes())
        {
            if (DeclaredName(node) is { } name)
                names.Add(name);
        }
        return names;
    }

    /// <summary>
    /// The names the code looks up by their simple name, with the line of each first use: names not written after a
    /// dot, after <c>global::</c>, or as the member of a named argument or initializer. Each such name is looked up
    /// among the declarations of earlier cells first, where a student's own definitions live.
    /// </summary>
    public static List<(string Name, int Line)> SimpleNameUses(string code)
    {
        var uses = new List<(string, int)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in Parse(code).GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
        {
            if (IsQualifiedOrMemberName(name) || name.Ancestors().Any(a => a is UsingDirectiveSyntax))
                continue;
            if (seen.Add(name.Identifier.ValueText))
                uses.Add((name.Identifier.ValueText, name.GetLocation().GetLineSpan().StartLinePosition.Line + 1));
        }
        return uses;
    }

    /// <summary>The values of the code's plain string literals ("..." and @"..."), where file paths are written.</summary>
    public static IEnumerable<string> StringLiterals(string code) =>
        Parse(code).GetRoot().DescendantTokens().Where(t => t.IsKind(SyntaxKind.StringLiteralToken)).Select(t => t.ValueText);

    // The name a declaration node introduces, or null for any other node.
    private static string? DeclaredName(SyntaxNode node)
    {
        var identifier = node switch
        {
            VariableDeclaratorSyntax v => v.Identifier,
            SingleVariableDesignationSyntax d => d.Identifier,
            ForEachStatementSyntax f => f.Identifier,
            CatchDeclarationSyntax c => c.Identifier,
            ParameterSyntax p => p.Identifier,
            LocalFunctionStatementSyntax f => f.Identifier,
            MethodDeclarationSyntax m => m.Identifier,
            PropertyDeclarationSyntax p => p.Identifier,
            BaseTypeDeclarationSyntax t => t.Identifier,
            DelegateDeclarationSyntax t => t.Identifier,
            TypeParameterSyntax t => t.Identifier,
            FromClauseSyntax q => q.Identifier,
            LetClauseSyntax q => q.Identifier,
            JoinClauseSyntax q => q.Identifier,
            JoinIntoClauseSyntax q => q.Identifier,
            QueryContinuationSyntax q => q.Identifier,
            LabeledStatementSyntax l => l.Identifier,
            _ => default,
        };
        return identifier.ValueText is { Length: > 0 } name ? name : null;
    }

    private static bool IsQualifiedOrMemberName(SimpleNameSyntax name) => name.Parent switch
    {
        MemberAccessExpressionSyntax access => access.Name == name,
        QualifiedNameSyntax qualified => qualified.Right == name,
        AliasQualifiedNameSyntax => true,
        MemberBindingExpressionSyntax => true,
        NameColonSyntax or NameEqualsSyntax => true,
        // The member set by an object or with initializer: new Options { Padding = 1 }.
        AssignmentExpressionSyntax assignment => assignment.Left == name && assignment.Parent is InitializerExpressionSyntax
            { RawKind: (int)SyntaxKind.ObjectInitializerExpression or (int)SyntaxKind.WithInitializerExpression },
        _ => false,
    };

    // Magic commands (#!time, #i "nuget: ...") are the kernel's, not C#: blanked, so that line numbers stay.
    private static SyntaxTree Parse(string code)
    {
        var lines = code.ReplaceLineEndings("\n").Split('\n')
            .Select(line => line.TrimStart().StartsWith("#!") || line.TrimStart().StartsWith("#i ") ? "" : line);
        return CSharpSyntaxTree.ParseText(string.Join("\n", lines), ScriptOptions);
    }
}
