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
}
