using System.Xml.Linq;
using DeepImaging.Interactive.Exercises;
using DeepImaging.Interactive.Formatters;

namespace DeepImaging.Interactive.Tests.Formatters;

/// <summary>Every output of the extension speaks the one vocabulary of <c>Html</c>: a "di" document with its style sheet and its classes.</summary>
public sealed class HtmlVocabularyTests(LoadedKernel loaded) : IClassFixture<LoadedKernel>
{
    [Theory]
    [InlineData(true, "di-right", "✓")]
    [InlineData(false, "di-wrong", "✗")]
    [InlineData(null, null, "…")]
    public void An_exercise_note_is_a_di_document_styled_by_classes_alone(bool? correct, string? state, string mark)
    {
        var html = HtmlParsing.Parse(ExerciseHtml.Render(new ExerciseResult("4.1 output[1, 0]", correct, "a <hint>")));

        AssertDocument(html);
        var note = Assert.Single(html.WithClass("div", "di-note"));
        Assert.Equal(state is null ? "di-note" : $"di-note {state}", (string?)note.Attribute("class"));
        Assert.Equal(mark, Assert.Single(note.WithClass("span", "di-mark")).Value);
        Assert.Equal("4.1 output[1, 0]", note.Element("b")!.Value);
        Assert.EndsWith(": a <hint>", note.Value);
        Assert.DoesNotContain(html.DescendantsAndSelf(), e => e.Attribute("style") is not null);
    }

    [Fact]
    public async Task A_magic_output_is_a_di_document_styled_by_classes_alone()
    {
        var cell = await loaded.Kernel.RunAsync("#!conv-shape --size 256 --kernel 3");

        Assert.True(cell.Succeeded, cell.Error);
        var html = HtmlParsing.Parse(cell.Html);
        AssertDocument(html);
        Assert.Equal("Output size: 254", Assert.Single(html.WithClass("div", "di-title")).Value);
        Assert.StartsWith("output = floor(", Assert.Single(html.WithClass("pre", "di-lines")).Value);
        Assert.DoesNotContain(html.DescendantsAndSelf(), e => e.Attribute("style") is not null);
    }

    [Fact]
    public async Task A_magic_panel_shows_each_value_in_its_own_formatter_inside_the_panels_row()
    {
        var cell = await loaded.Kernel.RunAsync("#!conv --input \"0 1 2; 3 4 5; 6 7 8\" --kernel \"0 1; 2 3\"");

        Assert.True(cell.Succeeded, cell.Error);
        var html = HtmlParsing.Parse(cell.Html);
        AssertDocument(html);
        var panels = Assert.Single(html.WithClass("div", "di-panels"));
        Assert.Equal(["input [3, 3]", "kernel [2, 2]", "output [2, 2]"], panels.Elements("figure").Select(f => f.Element("figcaption")!.Value));
        // Each value is a tensor document of its own; only its coloured cells carry inline styles (their colour is computed).
        Assert.All(panels.Elements("figure"), f => Assert.True(f.Element("div")!.HasClass("di")));
        Assert.All(html.DescendantsAndSelf().Where(e => e.Attribute("style") is not null), e => Assert.True(e.Name == "td" || e.HasClass("di-bar"), e.ToString()));
    }

    [Fact]
    public async Task A_training_progress_bar_is_a_di_document_whose_only_inline_style_is_the_filled_width()
    {
        var cell = await loaded.Kernel.RunAsync("""
            var progress = TrainingProgress.Start("screening CNN", 4);
            progress.Report(new EpochResult(1, 0.5, null, 0.75, null, TimeSpan.FromSeconds(1)));
            """);

        Assert.True(cell.Succeeded, cell.Error);
        var updates = cell.Events.OfType<Microsoft.DotNet.Interactive.Events.DisplayEvent>()
            .Select(e => e.FormattedValues.Single(v => v.MimeType == "text/html").Value).Select(HtmlParsing.Parse).ToList();
        Assert.Equal(2, updates.Count);
        foreach (var html in updates)
            AssertDocument(html);
        Assert.Equal(["0%", "25%"], updates.Select(h => Assert.Single(h.WithClass("div", "di-fill")).Attribute("style")!.Value["width:".Length..]));
        Assert.Equal("epoch 1: train loss 0.5000 accuracy 0.750 | 1.0 s", Assert.Single(updates[1].WithClass("div", "di-caption")).Value);
        Assert.All(updates, h => Assert.Single(h.DescendantsAndSelf(), e => e.Attribute("style") is not null));
    }

    // The root is <div class="di"> and its first child the one shared style sheet.
    private static void AssertDocument(XElement html)
    {
        Assert.Equal("div", html.Name.LocalName);
        Assert.Equal("di", (string?)html.Attribute("class"));
        var style = Assert.IsType<XElement>(html.FirstNode);
        Assert.Equal("style", style.Name.LocalName);
        Assert.Contains(".di .di-note{", style.Value);
    }
}
