using DeepImaging.Interactive.Magics;

namespace DeepImaging.Interactive.Tests.Magics;

/// <summary>
/// <c>#!conv --input @myImage</c>, the Polyglot way to pass a variable, works for tensors and grids (they are shared as
/// nested arrays of numbers), and a value that cannot be shared fails in one line instead of a JSON object-cycle stack trace.
/// </summary>
public sealed class ValueSharingTests(LoadedKernel loaded) : IClassFixture<LoadedKernel>
{
    private readonly NotebookKernel kernel = loaded.Kernel;

    [Fact]
    public async Task A_tensor_shared_with_at_gives_the_same_convolution_as_its_name()
    {
        await kernel.RunAsync("var sharedImage = Tensor.Arange(9).Reshape(1, 1, 3, 3);");

        var shared = await kernel.RunAsync("#!conv --input @sharedImage --kernel \"0 1; 2 3\"");
        var named = await kernel.RunAsync("#!conv --input sharedImage --kernel \"0 1; 2 3\"");

        Assert.True(shared.Succeeded, shared.Error);
        Assert.Contains("gives [2, 2]", shared.Text);
        Assert.Contains("tensor([[19., 25.],\n        [37., 43.]])", shared.Text); // the notes' example, 0..8 with kernel 0..3
        Assert.Equal(named.Text, shared.Text);
    }

    [Fact]
    public async Task A_float_grid_shared_with_at_is_read_too()
    {
        await kernel.RunAsync("var sharedGrid = new float[,] { { 1, 2 }, { 3, 4 } };");

        var cell = await kernel.RunAsync("#!conv --input @sharedGrid --kernel \"1 1; 1 1\"");

        Assert.True(cell.Succeeded, cell.Error);
        Assert.Contains("tensor([[10.]])", cell.Text);
    }

    [Fact]
    public async Task A_value_that_cannot_become_JSON_fails_in_one_line()
    {
        await kernel.RunAsync("var sharedModel = new DeepImaging.NN.Linear(2, 3);");

        var cell = await kernel.RunAsync("#!conv --input @sharedModel --kernel \"1\"");

        Assert.Equal("#!conv: @sharedModel: C# variable 'sharedModel' (a Linear) cannot be shared as JSON: A possible object cycle was detected.", cell.Error);
        Assert.Equal(2, (await kernel.RunAsync("1 + 1")).ReturnValue);
    }

    [Fact]
    public async Task A_tensor_too_large_for_JSON_is_refused_with_the_name_form_as_advice()
    {
        await kernel.RunAsync("var sharedLarge = Tensor.Zeros(3, 1000, 1000);");

        var cell = await kernel.RunAsync("#!conv --input @sharedLarge --kernel \"1\"");

        Assert.Equal("#!conv: @sharedLarge: C# variable 'sharedLarge' (a Tensor) cannot be shared as JSON: it holds 3,000,000 numbers, " +
                     "more than the 1,000,000 shared as JSON; the DeepImaging magics also take the name without @, e.g. --input sharedLarge.", cell.Error);
    }

    [Fact]
    public async Task Sharing_through_the_kernel_gives_JSON_numbers_to_other_commands_too()
    {
        await kernel.RunAsync("var sharedForSet = Tensor.From([1f, 2.5f], 2);");

        var set = await kernel.RunAsync("#!set --name copied --value @csharp:sharedForSet");
        var copied = await kernel.RunAsync("((System.Text.Json.JsonDocument)copied).RootElement.GetRawText()");

        Assert.True(set.Succeeded, set.Error);
        Assert.Equal("[1,2.5]", copied.ReturnValue);
    }

    [Fact]
    public void Tensors_become_nested_arrays_with_non_finite_values_as_strings()
    {
        Assert.Equal("[[0,1,2],[3,4,5]]", ValueSharing.ToJson(Tensor.Arange(6).Reshape(2, 3)));
        Assert.Equal("[[[1]],[[2]]]", ValueSharing.ToJson(Tensor.From([1f, 2], 2, 1, 1)));
        Assert.Equal("[\"NaN\",\"Infinity\",\"-Infinity\",0.5]", ValueSharing.ToJson(Tensor.From([float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0.5f])));
        Assert.Equal("7", ValueSharing.ToJson(Tensor.Scalar(7)));
        Assert.Equal("[]", ValueSharing.ToJson(Tensor.Zeros(2, 0)));
    }
}
