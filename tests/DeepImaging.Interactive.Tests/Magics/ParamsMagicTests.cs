using DeepImaging.NN;

namespace DeepImaging.Interactive.Tests.Magics;

public sealed class ParamsMagicTests(LoadedKernel loaded) : IClassFixture<LoadedKernel>
{
    private readonly NotebookKernel kernel = loaded.Kernel;

    [Fact]
    public async Task Params_of_the_notes_2_4_1_network_is_12_plus_5_equals_17()
    {
        var cell = await kernel.RunAsync("#!params 2 4 1");

        Assert.True(cell.Succeeded, cell.Error);
        Assert.StartsWith("12 + 5 = 17 parameters\n", cell.Text);
        Assert.Contains("0 (Linear): 2 x 4 + 4 = 12", cell.Text);
        Assert.Contains("1 (Linear): 4 x 1 + 1 = 5", cell.Text);
        var summary = Assert.Single(cell.Displayed.OfType<ModelSummary>());
        Assert.Equal(17, summary.TotalParameters);
    }

    [Fact]
    public async Task Params_of_a_256x256_rgb_image_into_1000_neurons_is_196_610_001()
    {
        var cell = await kernel.RunAsync("#!params 196608 1000 1");

        Assert.True(cell.Succeeded, cell.Error);
        // 196608 x 1000 + 1000 = 196,609,000 and 1000 x 1 + 1 = 1,001.
        Assert.StartsWith("196,609,000 + 1,001 = 196,610,001 parameters\n", cell.Text);
    }

    [Fact]
    public async Task Params_of_layers_counts_convolutions_pooling_and_a_dense_layer()
    {
        var cell = await kernel.RunAsync("#!params --input 3x256x256 --conv 16k3 --conv 32k3s2p1 --pool 2 --dense 10");

        Assert.True(cell.Succeeded, cell.Error);
        // conv 3->16, 3x3: 3*16*9 + 16 = 448, output 16x254x254; conv 16->32 stride 2 padding 1: 16*32*9 + 32 = 4,640,
        // output floor((254 + 2 - 2 - 1) / 2) + 1 = 127; pool 2: 63; dense 32*63*63 = 127,008 -> 10: 1,270,090.
        Assert.StartsWith("448 + 4,640 + 1,270,090 = 1,275,178 parameters\n", cell.Text);
        var summary = Assert.Single(cell.Displayed.OfType<ModelSummary>());
        Assert.Equal([1, 32, 63, 63], summary.Rows.Single(r => r.Type == "MaxPool2d").OutputShape);
        Assert.Equal([1, 10], summary.OutputShape);
    }

    [Fact]
    public async Task Params_of_layers_compares_a_dense_layer_on_an_image_with_the_sizes_form()
    {
        var cell = await kernel.RunAsync("#!params --input 3x256x256 --dense 1000 --dense 1");

        Assert.True(cell.Succeeded, cell.Error);
        Assert.StartsWith("196,609,000 + 1,001 = 196,610,001 parameters\n", cell.Text);
    }

    [Fact]
    public async Task Two_params_lines_in_one_cell_each_show_their_own_network()
    {
        var cell = await kernel.RunAsync("#!params 2 4 1\n#!params 3 2");

        Assert.True(cell.Succeeded, cell.Error);
        Assert.Equal([17L, 8L], cell.Displayed.OfType<ModelSummary>().Select(s => s.TotalParameters));
    }

    [Fact]
    public async Task Params_of_layers_gives_each_layers_receptive_field()
    {
        var cell = await kernel.RunAsync("#!params --input 1x28x28 --conv 8k3p1 --pool 2 --conv 16k3d2 --dense 2");

        Assert.True(cell.Succeeded, cell.Error);
        // conv3: 3; pool 2: 3 + 1 = 4, jump 2; conv3 dilation 2: k_eff 5, 4 + 4 x 2 = 12; dense: the whole 28x28 image.
        Assert.Contains("Receptive field (input pixels one output value sees): 0 (Conv2d) 3x3, 1 (MaxPool2d) 4x4, 2 (Conv2d) 12x12, 3 (Flatten) 12x12, 4 (Linear) 28x28 (all)", cell.Text);
        var summary = Assert.Single(cell.Displayed.OfType<ModelSummary>());
        Assert.Equal([3, 4, 12, 12, 28], summary.Rows.Select(r => r.ReceptiveField));
    }
}
