using System.Text.RegularExpressions;
using DeepImaging.Interactive.Magics;
using DeepImaging.NN;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Directives;

namespace DeepImaging.Interactive.Tests.Magics;

/// <summary>Each magic is declared once: its directive and its -h text are both made from the declared parameters.</summary>
public sealed class MagicHelpTests(LoadedKernel loaded) : IClassFixture<LoadedKernel>
{
    private readonly NotebookKernel kernel = loaded.Kernel;

    public static TheoryData<string> Names => [.. Magic.All.Select(m => m.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task The_help_lists_every_declared_parameter_with_its_usage_and_description(string name)
    {
        var magic = Magic.All.Single(m => m.Name == name);

        var cell = await kernel.RunAsync($"{name} -h");

        Assert.True(cell.Succeeded, cell.Error);
        Assert.Equal(magic.Help, cell.Text);
        var usage = cell.Text.Split('\n').TakeWhile(line => line.Length > 0).Last(); // the options form, after any bare-value form
        var flowing = Regex.Replace(cell.Text, @"\s+", " "); // descriptions wrap over several lines
        Assert.All(magic.Parameters, p =>
        {
            Assert.Contains(p.Usage, usage);
            Assert.Contains($" {p.Name} {p.Description}", flowing);
        });
        Assert.Contains(" -h, --help show this help", flowing);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_directive_declares_exactly_the_declared_parameters_each_bound_to_a_property_of_its_command(string name)
    {
        var magic = Magic.All.Single(m => m.Name == name);
        var csharp = kernel.Kernel.ChildKernels.OfType<CSharpKernel>().Single();

        var directive = csharp.KernelInfo.SupportedDirectives.OfType<KernelActionDirective>().Single(d => d.Name == name);

        Assert.Equal(magic.Parameters.Select(p => p.Name).Append("-h").Append("--help"), directive.Parameters.Select(p => p.Name));
        Assert.Equal(magic.Parameters.Select(p => p.Description), directive.Parameters.Take(magic.Parameters.Count).Select(p => p.Description));
        // The kernel binds --dilation to Dilation: a declared parameter without its property would be read as nothing
        // (repeatable ones, a network's layers, are read in order from the magic's line instead).
        Assert.All(magic.Parameters.Where(p => !p.Repeatable), p => Assert.NotNull(magic.CommandType.GetProperty(string.Concat(p.Name.TrimStart('-').Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..])))?.SetMethod));
    }

    [Fact]
    public void A_parameter_added_to_a_declaration_appears_in_the_usage_line_and_the_parameter_list()
    {
        var magic = MagicCommand.Define<ConvShapeMagic>("#!probe", "A probe.", "Probes the help.",
            [new("--depth", "z", "how deep to go, in metres") { Required = true }, new("--loud", "", "make a noise") { Flag = true }],
            ["#!probe --depth 3"]);

        Assert.Equal("""
            #!probe --depth z [--loud]

            Probes the help.

              --depth     how deep to go, in metres
              --loud      make a noise
              -h, --help  show this help

            Example:
              #!probe --depth 3
            """, magic.Help);
    }

    [Fact]
    public void A_long_description_wraps_under_its_column()
    {
        string words = string.Join(" ", Enumerable.Repeat("convolution", 20));
        var magic = MagicCommand.Define<ConvShapeMagic>("#!probe", "A probe.", "Probes the help.", [new("--size", "n", words)], ["#!probe"]);

        var lines = magic.Help.Split('\n').SkipWhile(l => !l.StartsWith("  --size", StringComparison.Ordinal)).TakeWhile(l => !l.StartsWith("  -h", StringComparison.Ordinal)).ToList();

        Assert.True(lines.Count > 1);
        Assert.All(lines, l => Assert.True(l.Length <= 110, l));
        Assert.All(lines.Skip(1), l => Assert.StartsWith(new string(' ', 14) + "convolution", l));
        Assert.Equal(words, Regex.Replace(string.Join(" ", lines).Replace("--size", ""), @"\s+", " ").Trim());
    }

    [Fact]
    public async Task A_help_line_takes_its_own_line_so_the_next_magic_of_the_cell_reads_the_next_one()
    {
        var cell = await kernel.RunAsync("#!params -h\n#!network 2 4 1\n#!params 3 2");

        Assert.True(cell.Succeeded, cell.Error);
        Assert.StartsWith("#!params <sizes...>", cell.Text);
        Assert.Equal(8, Assert.Single(cell.Displayed.OfType<ModelSummary>()).TotalParameters);
    }
}
