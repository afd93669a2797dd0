using System.Xml.Linq;
using DeepImaging.Interactive.Formatters;
using static DeepImaging.Functional;

namespace DeepImaging.Interactive.Tests.Formatters;

public class ConvTraceHtmlTests
{
    private static readonly Tensor NotesInput = Tensor.Arange(9).Reshape(3, 3);
    private static readonly Tensor NotesKernel = Tensor.Arange(4).Reshape(2, 2);

    private static List<XElement> Frames(string html) => HtmlParsing.Parse(html).WithClass("div", "di-frame").ToList();

    [Fact]
    public void Every_step_of_the_notes_example_is_a_frame_with_its_expression()
    {
        var frames = Frames(ConvTraceHtml.Render(TraceConv2d(NotesInput, NotesKernel)));
        Assert.Equal(
            new[] { "0x0 + 1x1 + 3x2 + 4x3 = 19", "1x0 + 2x1 + 4x2 + 5x3 = 25", "3x0 + 4x1 + 6x2 + 7x3 = 37", "4x0 + 5x1 + 7x2 + 8x3 = 43" },
            frames.Select(f => f.WithClass("div", "di-expr").Single().Value));
    }

    [Fact]
    public void The_first_frame_highlights_the_four_top_left_input_cells_with_their_weights()
    {
        var input = Frames(ConvTraceHtml.Render(TraceConv2d(NotesInput, NotesKernel)))[0].WithClass("table", "di-input").Single().Rows();
        var highlighted = input.SelectMany((row, r) => row.Select((cell, c) => (r, c, cell))).Where(x => x.cell.HasClass("di-win")).ToList();
        Assert.Equal(new[] { (0, 0), (0, 1), (1, 0), (1, 1) }, highlighted.Select(x => (x.r, x.c)));
        Assert.Equal(new[] { "0", "1", "3", "4" }, highlighted.Select(x => x.cell.OwnText()));
        Assert.Equal(new[] { "×0", "×1", "×2", "×3" }, highlighted.Select(x => x.cell.Element("sub")!.Value));
    }

    [Fact]
    public void The_last_frame_moves_the_window_and_fills_the_output()
    {
        var frame = Frames(ConvTraceHtml.Render(TraceConv2d(NotesInput, NotesKernel)))[3];
        var input = frame.WithClass("table", "di-input").Single().Rows();
        Assert.Equal(new[] { "4", "5", "7", "8" }, input.SelectMany(r => r).Where(c => c.HasClass("di-win")).Select(c => c.OwnText()));
        Assert.Equal(new[] { "0", "5", "14", "24" }, frame.WithClass("table", "di-products").Single().Descendants("td").Select(c => c.Value));
        var output = frame.WithClass("table", "di-output").Single().Descendants("td").ToList();
        Assert.Equal(new[] { "19", "25", "37", "43" }, output.Select(c => c.Value));
        Assert.Equal(new[] { true, true, true, false }, output.Select(c => c.HasClass("di-done")));
        Assert.True(output[3].HasClass("di-now"));
    }

    [Fact]
    public void The_output_shows_only_the_cells_computed_so_far()
    {
        var output = Frames(ConvTraceHtml.Render(TraceConv2d(NotesInput, NotesKernel)))[1].WithClass("table", "di-output").Single().Descendants("td").ToList();
        Assert.Equal(new[] { "19", "25", "·", "·" }, output.Select(c => c.Value));
        Assert.Equal(new[] { "di-done", "di-now", "di-todo", "di-todo" }, output.Select(c => (string)c.Attribute("class")!));
    }

    [Fact]
    public void Padding_cells_are_styled_apart_from_the_input()
    {
        var input = Frames(ConvTraceHtml.Render(TraceConv2d(NotesInput, NotesKernel, padding: 1)))[0].WithClass("table", "di-input").Single().Rows();
        Assert.Equal(5, input.Count);
        int padding = input.SelectMany(r => r).Count(c => c.HasClass("di-pad"));
        Assert.Equal(25 - 9, padding);
        Assert.False(input[1][1].HasClass("di-pad"));
        // The first window covers three padding cells and input 0.
        Assert.Equal(3, input.SelectMany(r => r).Count(c => c.HasClass("di-pad") && c.HasClass("di-win")));
    }

    [Fact]
    public void The_stepper_has_a_slider_buttons_and_a_script_bound_to_a_unique_id()
    {
        string first = ConvTraceHtml.Render(TraceConv2d(NotesInput, NotesKernel));
        string second = ConvTraceHtml.Render(TraceConv2d(NotesInput, NotesKernel));
        var root = HtmlParsing.Parse(first);
        string id = (string)root.Attribute("id")!;
        Assert.NotEqual(id, (string)HtmlParsing.Parse(second).Attribute("id")!);
        var slider = root.Descendants("input").Single();
        Assert.Equal(("range", "3"), ((string)slider.Attribute("type")!, (string)slider.Attribute("max")!));
        Assert.Equal(2, root.Descendants("button").Count());
        Assert.Contains($"getElementById('{id}')", root.Descendants("script").Single().Value);
        // Without scripts all frames stay visible: no frame is hidden in the markup.
        Assert.All(root.WithClass("div", "di-frame"), f => Assert.Null(f.Attribute("style")));
    }

    [Fact]
    public void A_long_trace_draws_the_first_frames_and_lists_every_expression()
    {
        var trace = TraceConv2d(Tensor.Rand([40, 40], seed: 1), Tensor.Ones(3, 3), padding: Padding.Same);
        string text = ConvTraceHtml.Render(trace);
        var root = HtmlParsing.Parse(text);
        int frames = root.WithClass("div", "di-frame").Count();
        Assert.InRange(frames, 1, 1599);
        Assert.Equal(1600, root.Descendants("li").Count());
        Assert.True(text.Length < 600_000, $"{text.Length} characters");
    }

    [Fact]
    public void A_multi_channel_frame_has_one_row_per_channel_and_the_total_with_the_bias()
    {
        var input = Tensor.Cat([NotesInput.Unsqueeze(0), Tensor.Ones(1, 3, 3)]);
        var kernel = Tensor.Cat([NotesKernel.Unsqueeze(0), Tensor.From(new float[] { 1, 0, 0, -1 }, 1, 2, 2)]);
        var frame = Frames(ConvTraceHtml.Render(TraceConv2d(input, kernel, bias: 0.5f)))[0];
        var channels = frame.WithClass("div", "di-channel").ToList();
        Assert.Equal(2, channels.Count);
        // Channel 1's window shows the ones with the kernel slice's weights; its products sum to 0.
        var window = channels[1].WithClass("table", "di-input").Single().Rows().SelectMany(r => r).Where(c => c.HasClass("di-win")).ToList();
        Assert.Equal(new[] { "1", "1", "1", "1" }, window.Select(c => c.OwnText()));
        Assert.Equal(new[] { "×1", "×0", "×0", "×-1" }, window.Select(c => c.Element("sub")!.Value));
        Assert.Equal(new[] { "19", "0" }, channels.Select(c => c.WithClass("span", "di-channel-sum").Single().Value));
        Assert.Equal("19 + 0 + bias 0.5 = 19.5", frame.WithClass("span", "di-total").Single().Value);
        Assert.Equal(new[] { "19.5", "·", "·", "·" }, frame.WithClass("table", "di-output").Single().Descendants("td").Select(c => c.Value));
    }
}
