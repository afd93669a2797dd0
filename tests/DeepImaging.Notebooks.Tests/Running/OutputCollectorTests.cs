namespace DeepImaging.Notebooks.Tests.Running;

/// <summary>A cell's outputs are kept in order, streams joined, and a flood cut to its head and tail with a note.</summary>
public sealed class OutputCollectorTests
{
    private const int Head = OutputCollector.StreamHeadChars;
    private const int Tail = OutputCollector.StreamTailChars;

    [Fact]
    public void Consecutive_writes_to_a_stream_become_one_output_and_other_outputs_keep_their_place()
    {
        var collector = new OutputCollector();
        collector.AddStream(OutputKind.StandardOutput, "a");
        collector.AddStream(OutputKind.StandardOutput, "b\n");
        collector.AddStream(OutputKind.StandardError, "warning\n");
        collector.Add(Display("x", "<b>1</b>"));
        collector.AddStream(OutputKind.StandardOutput, "c\n");

        var outputs = collector.ToList();

        Assert.Equal([OutputKind.StandardOutput, OutputKind.StandardError, OutputKind.Display, OutputKind.StandardOutput],
            outputs.Select(o => o.Kind));
        Assert.Equal(["ab\n", "warning\n", "", "c\n"], outputs.Select(o => o.Text));
    }

    [Fact]
    public void An_updated_display_is_replaced_where_it_was_shown()
    {
        var collector = new OutputCollector();
        collector.Add(Display("progress", "0 %"));
        collector.AddStream(OutputKind.StandardOutput, "working\n");
        for (var percent = 1; percent <= 100; percent++)
            collector.Update(Display("progress", $"{percent} %"));

        var outputs = collector.ToList();

        Assert.Equal(2, outputs.Count);
        Assert.Equal("100 %", outputs[0].Data["text/plain"]);
    }

    [Fact]
    public void A_flood_keeps_its_head_and_tail_and_says_how_much_was_omitted()
    {
        var collector = new OutputCollector();
        var written = 0L;
        for (var i = 0; i < 100_000; i++)
        {
            var line = $"line {i,6}\n";  // 12 characters
            collector.AddStream(OutputKind.StandardOutput, line);
            written += line.Length;
        }

        var text = Assert.Single(collector.ToList()).Text;

        Assert.Equal(1_200_000, written);
        const string marker = "\n... 0.7 MB omitted ...\n";  // 1,200,000 - 524,288 = 675,712 bytes
        Assert.Equal(Head + marker.Length + Tail, text.Length);
        Assert.StartsWith("line      0\nline      1\n", text);
        Assert.EndsWith("line  99999\n", text);
        Assert.Equal(marker, text.Substring(Head, marker.Length));
    }

    [Fact]
    public void One_huge_write_is_cut_the_same_way_and_counted_in_utf8_bytes()
    {
        var collector = new OutputCollector();
        collector.AddStream(OutputKind.StandardError, new string('é', 2_000_000));  // 2 bytes each in UTF-8

        var text = Assert.Single(collector.ToList()).Text;

        Assert.Contains("\n... 3.0 MB omitted ...\n", text);  // (2,000,000 - 524,288) x 2 bytes = 2,951,424
        Assert.Equal(Head + Tail, text.Count(c => c == 'é'));
    }

    [Fact]
    public void A_display_amid_a_flood_is_kept()
    {
        var collector = new OutputCollector();
        var line = new string('x', 999) + "\n";
        for (var i = 0; i < 1000; i++)
        {
            collector.AddStream(OutputKind.StandardOutput, line);
            if (i == 500) collector.Add(Display("middle", "shown"));
        }

        var outputs = collector.ToList();

        Assert.Contains(outputs, o => o.Kind == OutputKind.Display && o.Data["text/plain"] == "shown");
        const string marker = "\n... 0.5 MB omitted ...\n";  // 1,000,000 - 524,288 = 475,712 bytes
        var text = string.Concat(outputs.Where(o => o.Kind == OutputKind.StandardOutput).Select(o => o.Text));
        Assert.Contains(marker, text);
        Assert.Equal(Head + Tail + marker.Length, text.Length);
    }

    [Fact]
    public void Displayed_values_past_the_cells_budget_are_dropped_and_counted()
    {
        var collector = new OutputCollector();
        var chunk = new string('v', 1_000_000);
        for (var i = 0; i < 40; i++)
            collector.Add(new CellOutput { Kind = OutputKind.Display, Data = new() { ["text/plain"] = chunk } });

        var outputs = collector.ToList();

        var kept = outputs.Count(o => o.Kind == OutputKind.Display);
        Assert.InRange(kept, 30, 33);  // 32 MiB of about 1 MB values
        Assert.Contains($"... {40 - kept} more displayed values", outputs[^1].Text);
    }

    [Fact]
    public void Parts_collected_apart_are_joined_without_being_cut_again()
    {
        var flood = new OutputCollector();
        flood.AddStream(OutputKind.StandardOutput, new string('a', 3 * Head));
        var kernel = flood.ToList();

        var joined = OutputCollector.Concat(kernel, [new CellOutput { Kind = OutputKind.StandardOutput, Text = "raw" }]);

        var text = Assert.Single(joined).Text;
        Assert.Contains("MB omitted", text);
        Assert.EndsWith("araw", text);
    }

    private static CellOutput Display(string id, string text) =>
        new() { Kind = OutputKind.Display, ValueId = id, Data = new() { ["text/plain"] = text } };
}
