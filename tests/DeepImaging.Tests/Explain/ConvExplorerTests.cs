using System.Diagnostics;
using System.Text.Json;
using System.Xml.Linq;
using DeepImaging.Explain;

namespace DeepImaging.Tests.Explain;

/// <summary>
/// The convolution explorer's own JavaScript, run with Node.js, computes the same output sizes and formulas as
/// <see cref="ConvArithmetic"/>; its HTML is well-formed and every explorer gets its own id.
/// </summary>
public class ConvExplorerTests
{
    /// <summary>The script exactly as the explorer's HTML carries it.</summary>
    private static string ScriptOf(string html)
    {
        const string open = "<script>//<![CDATA[\n", close = "\n//]]></script>";
        int start = html.IndexOf(open, StringComparison.Ordinal) + open.Length;
        return html[start..html.IndexOf(close, start, StringComparison.Ordinal)];
    }

    /// <summary>Evaluates the explorer's script in Node.js (no document, so nothing is mounted), then <paramref name="body"/>
    /// with <c>lib</c> bound to the explorer's functions and <c>input</c> to the given JSON; returns what the body prints.</summary>
    private static JsonElement RunInNode(string body, object input)
    {
        string folder = Path.Combine(Path.GetTempPath(), "deepimaging-node-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "explorer.js"), ScriptOf(ConvExplorer.Html()));
            File.WriteAllText(Path.Combine(folder, "input.json"), JsonSerializer.Serialize(input));
            File.WriteAllText(Path.Combine(folder, "run.js"), $$"""
                const fs = require('fs'), vm = require('vm'), path = require('path');
                const context = vm.createContext({});
                vm.runInContext(fs.readFileSync(path.join(__dirname, 'explorer.js'), 'utf8'), context);
                const lib = context.DeepImagingConvExplorer;
                const input = JSON.parse(fs.readFileSync(path.join(__dirname, 'input.json'), 'utf8'));
                {{body}}
                """);
            var start = new ProcessStartInfo("node", [Path.Combine(folder, "run.js")])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
            var output = node.StandardOutput.ReadToEndAsync();
            var errors = node.StandardError.ReadToEndAsync();
            Assert.True(node.WaitForExit(120_000), "node did not finish within 120 s");
            Assert.True(node.ExitCode == 0, $"node failed ({node.ExitCode}): {errors.Result}");
            return JsonDocument.Parse(output.Result).RootElement.Clone();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Plain(string formula) => formula.Replace('×', 'x').Replace('−', '-');

    [Fact]
    public void Output_sizes_and_formulas_match_ConvArithmetic_for_500_random_configurations()
    {
        var random = new Generator(12);
        string[] paddings = ["valid", "same", "full", "0", "1", "2", "3", "5", "6"];
        var configs = Enumerable.Range(0, 500).Select(_ => new
        {
            n = 1 + (int)(random.NextFloat() * 40),
            k = 1 + (int)(random.NextFloat() * 9),
            padding = paddings[(int)(random.NextFloat() * paddings.Length)],
            s = 1 + (int)(random.NextFloat() * 5),
            d = 1 + (int)(random.NextFloat() * 4),
        }).ToArray();

        var results = RunInNode("""
            const out = input.map(c => lib.outputSize(c.n, c.k, c.padding, c.s, c.d));
            process.stdout.write(JSON.stringify(out));
            """, configs).EnumerateArray().ToArray();

        Assert.Equal(500, results.Length);
        int possible = 0;
        for (int i = 0; i < configs.Length; i++)
        {
            var c = configs[i];
            string where = $"n {c.n}, k {c.k}, padding {c.padding}, s {c.s}, d {c.d}";
            try
            {
                int expected = ConvArithmetic.OutputSize(c.n, c.k, c.s, Padding.Parse(c.padding), c.d);
                Assert.True(results[i].TryGetProperty("size", out var size), $"{where}: the explorer says '{results[i]}' but the size is {expected}");
                Assert.Equal(expected, size.GetInt32());
                Assert.Equal(ConvArithmetic.Explain(c.n, c.k, c.s, Padding.Parse(c.padding), c.d), Plain(results[i].GetProperty("formula").GetString()!));
                possible++;
            }
            catch (ArgumentException e)
            {
                Assert.True(results[i].TryGetProperty("error", out _), $"{where}: ConvArithmetic refuses it ({e.Message}) but the explorer gives {results[i]}");
            }
        }
        // Both kinds occur often enough to mean something: kernels that fit and combinations that are impossible.
        Assert.InRange(possible, 200, 480);
    }

    [Fact]
    public void The_presets_are_the_cases_of_conv_arithmetic_with_their_output_sizes()
    {
        var presets = RunInNode("""
            process.stdout.write(JSON.stringify(lib.presets.map(p => ({ name: p.name, size: lib.outputSize(p.n, p.k, p.padding, p.s, p.d).size }))));
            """, new { }).EnumerateArray().Select(p => (p.GetProperty("name").GetString()!, p.GetProperty("size").GetInt32())).ToArray();

        // The sizes in the guide's figures: 4x4 input, 3x3 kernel -> 2x2; 5x5, 4x4 with padding 2 -> 6x6; half padding keeps
        // 5x5; full padding gives 7x7; stride 2: 2x2; padding 1 and stride 2: 3x3 (5x5 and 6x6 inputs); dilation 2 on 7x7: 3x3.
        Assert.Equal(new[]
        {
            ("No padding, unit strides", 2), ("Arbitrary padding", 6), ("Half padding (same)", 5), ("Full padding", 7),
            ("No padding, strides", 2), ("Padding, strides", 3), ("Padding, strides (odd)", 3), ("Dilation", 3),
        }, presets);
    }

    [Fact]
    public void Every_explorer_has_its_own_id_and_well_formed_html()
    {
        string first = ConvExplorer.Html(), second = ConvExplorer.Html();
        var a = XElement.Parse(first);
        var b = XElement.Parse(second);
        string id = (string)a.Attribute("id")!;
        Assert.StartsWith("di-convx-", id);
        Assert.NotEqual(id, (string)b.Attribute("id")!);
        // The script mounts the explorer on exactly its own element, with its starting settings.
        Assert.Contains($"mount('{id}', {{\"n\": 5, \"k\": 3, \"padding\": \"0\", \"s\": 1, \"d\": 1}})", ScriptOf(first));
        Assert.DoesNotContain("__ID__", first);
    }

    [Fact]
    public void Without_scripts_the_explorer_states_its_starting_point()
    {
        var html = XElement.Parse(ConvExplorer.Html(6, 3, 1, 2));
        var fallback = html.Descendants("div").Single(e => (string?)e.Attribute("class") == "dice-fallback").Value;
        Assert.Contains("n = 6, k = 3, padding 1, s = 2, d = 1 gives output 3 = floor((6 + 2x1 - 1x(3-1) - 1) / 2) + 1 = 3", fallback);
        var impossible = XElement.Parse(ConvExplorer.Html(3, 7, Padding.Valid)).Descendants("div").Single(e => (string?)e.Attribute("class") == "dice-fallback").Value;
        Assert.Contains("has no output", impossible);
    }

    [Fact]
    public void Settings_outside_the_sliders_are_refused()
    {
        Assert.Contains("input size 17 is outside the slider's range 1..16", Assert.Throws<ArgumentException>(() => ConvExplorer.Html(17)).Message);
        Assert.Contains("stride 0", Assert.Throws<ArgumentException>(() => ConvExplorer.Html(stride: 0)).Message);
        Assert.Contains("one number 0..6", Assert.Throws<ArgumentException>(() => ConvExplorer.Html(padding: (1, 2))).Message);
    }

    [Fact]
    public void The_page_is_a_whole_document_with_a_way_back()
    {
        string page = ConvExplorer.Page("index.html");
        Assert.StartsWith("<!DOCTYPE html>", page);
        Assert.Contains("<a href=\"index.html\">← Course notebooks</a>", page);
        Assert.Contains("class=\"dice\"", page);
        Assert.DoesNotContain("http", page.Replace("http://www.w3.org/2000/svg", ""));
    }
}
