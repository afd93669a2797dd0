using DeepImaging.Interactive.Formatters;

namespace DeepImaging.Interactive.Tests.Magics;

public sealed class NetworkMagicTests(LoadedKernel loaded) : IClassFixture<LoadedKernel>
{
    private readonly NotebookKernel kernel = loaded.Kernel;

    [Fact]
    public async Task Network_of_the_notes_2_4_1_network_displays_its_diagram_with_nodes()
    {
        var cell = await kernel.RunAsync("#!network 2 4 1");

        Assert.True(cell.Succeeded, cell.Error);
        var diagram = Assert.Single(cell.Displayed.OfType<NetworkDiagram>());
        Assert.True(diagram.DrawsNodes);
        Assert.Equal([2, 4, 1], diagram.Layers.Select(l => l.Width));
        Assert.Contains("<svg", cell.Html);
    }

    [Fact]
    public async Task Network_of_layers_draws_blocks_with_the_shapes()
    {
        var cell = await kernel.RunAsync("#!network --input 1x28x28 --conv 8k3 --pool 2 --dense 10");

        Assert.True(cell.Succeeded, cell.Error);
        var diagram = Assert.Single(cell.Displayed.OfType<NetworkDiagram>());
        Assert.False(diagram.DrawsNodes);
        Assert.Equal([1, 8, 26, 26], diagram.Layers[1].Shape);
    }

    [Fact]
    public async Task A_network_of_1000_layers_draws_the_first_24_and_says_so()
    {
        var cell = await kernel.RunAsync("#!network " + string.Join(" ", Enumerable.Repeat(12, 1001)));

        Assert.True(cell.Succeeded, cell.Error);
        Assert.StartsWith("1,000 layers: only the first 24 are drawn, so the last column is layer 24, not the output " +
                          "(a larger diagram is too big to read or to store in a notebook). " +
                          "The whole network has 156,000 parameters; #!params lists every layer.", cell.Text);
        var diagram = Assert.Single(cell.Displayed.OfType<NetworkDiagram>());
        Assert.Equal(25, diagram.Layers.Count); // the input and 24 layers
        Assert.InRange(cell.Html.Length, 1, 1_000_000); // 1,000 layers drawn in full made 19 MB
    }

    [Fact]
    public async Task A_network_of_24_layers_is_drawn_whole_without_a_note()
    {
        var cell = await kernel.RunAsync("#!network " + string.Join(" ", Enumerable.Repeat(3, 25)));

        Assert.True(cell.Succeeded, cell.Error);
        Assert.Equal(25, Assert.Single(cell.Displayed.OfType<NetworkDiagram>()).Layers.Count);
        Assert.DoesNotContain("are drawn", cell.Text);
    }

    [Fact]
    public async Task More_than_1000_layers_are_refused_in_one_line()
    {
        var cell = await kernel.RunAsync("#!params " + string.Join(" ", Enumerable.Repeat(2, 1002)));

        Assert.Equal("#!params: 1,001 layers after the inputs; give at most 1,000.", cell.Error);
    }
}
