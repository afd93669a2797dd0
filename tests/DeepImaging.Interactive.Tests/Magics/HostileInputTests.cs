namespace DeepImaging.Interactive.Tests.Magics;

/// <summary>
/// Every magic, every parameter, with hostile values (negative, zero, huge, non-numeric, empty, unicode): each cell fails with
/// one line naming the magic and what is valid (no stack trace, no raw exception), and the next cell runs as usual.
/// </summary>
public sealed class HostileInputTests(LoadedKernel loaded) : IClassFixture<LoadedKernel>
{
    private readonly NotebookKernel kernel = loaded.Kernel;

    [Theory]
    // #!conv: --input and --kernel
    [InlineData("#!conv", "#!conv: --input is required")]
    [InlineData("#!conv --input \"\" --kernel \"1\"", "#!conv: --input is empty")]
    [InlineData("#!conv --input \"ü\" --kernel \"1\"", "#!conv: --input \"ü\": 'ü' (row 1, column 1) is not a number")]
    [InlineData("#!conv --input \"1e999\" --kernel \"1\"", "#!conv: --input \"1e999\": '1e999' (row 1, column 1) is beyond the float32 range")]
    [InlineData("#!conv --input \"1 2; 3 4\" --kernel \"\"", "#!conv: --kernel is empty")]
    [InlineData("#!conv --input \"1 2; 3 4\" --kernel \"１\"", "#!conv: --kernel \"１\": '１' (row 1, column 1) is not a number")]
    [InlineData("#!conv --input [[1,2],[3]] --kernel \"1\"", "#!conv: --input is not a rectangular grid of numbers")]
    [InlineData("#!conv --input [[\"a\"]] --kernel \"1\"", "#!conv: --input: \"a\" is not a number")]
    [InlineData("#!conv --input [] --kernel \"1\"", "#!conv: --input value has shape [0]; it must be [H, W] or [C, H, W]")]
    [InlineData("#!conv --input true --kernel \"1\"", "#!conv: --input 'true' is neither numbers nor a C# variable")]
    // #!conv: --padding
    [InlineData("#!conv --input \"1 2; 3 4\" --kernel \"1\" --padding -1", "#!conv: --padding Padding: '-1' is negative; use valid, same, full or a padding of 0 or more.")]
    [InlineData("#!conv --input \"1 2; 3 4\" --kernel \"1\" --padding 99999999999", "#!conv: --padding Padding: cannot read '99999999999'")]
    [InlineData("#!conv --input \"1 2; 3 4\" --kernel \"1\" --padding 100000", "#!conv: the output would be 200002 x 200002 = 40,000,800,004 values; #!conv computes and shows at most 4,194,304")]
    [InlineData("#!conv --input \"1 2; 3 4\" --kernel \"1\" --padding 2147483647", "#!conv: along the height, ConvArithmetic: the output size (input 2, padding 2147483647, kernel 1, stride 1, dilation 1) would be 4,294,967,296")]
    [InlineData("#!conv --input \"1 2; 3 4\" --kernel \"1\" --padding \"\"", "#!conv: --padding Padding: cannot read ''")]
    [InlineData("#!conv --input \"1 2; 3 4\" --kernel \"1\" --padding ü", "#!conv: --padding Padding: cannot read 'ü'")]
    [InlineData("#!conv --input \"1 2; 3 4\" --kernel \"1\" --padding 20000 --stride 20000 --trace", "#!conv: --trace: TraceConv2d: padding 20000 makes the padded input 40002x40002")]
    // #!conv: --stride
    [InlineData("#!conv --input \"1 2; 3 4\" --kernel \"1\" --stride 0", "#!conv: --stride must be >= 1, got 0.")]
    [InlineData("#!conv --input \"1 2; 3 4\" --kernel \"1\" --stride 99999999999", "#!conv: --stride must be a whole number >= 1, got '99999999999'.")]
    [InlineData("#!conv --input \"1 2; 3 4\" --kernel \"1\" --stride \"\"", "#!conv: --stride must be a whole number >= 1, got ''.")]
    [InlineData("#!conv --input \"1 2; 3 4\" --kernel \"1\" --stride ü", "#!conv: --stride must be a whole number >= 1, got 'ü'.")]
    // #!conv-shape
    [InlineData("#!conv-shape", "#!conv-shape: --size is required")]
    [InlineData("#!conv-shape --size -1 --kernel 3", "#!conv-shape: --size must be >= 1, got -1.")]
    [InlineData("#!conv-shape --size 0 --kernel 3", "#!conv-shape: --size must be >= 1, got 0.")]
    [InlineData("#!conv-shape --size 99999999999 --kernel 3", "#!conv-shape: --size must be a whole number >= 1, got '99999999999'.")]
    [InlineData("#!conv-shape --size \"\" --kernel 3", "#!conv-shape: --size must be a whole number >= 1, got ''.")]
    [InlineData("#!conv-shape --size ３ --kernel 3", "#!conv-shape: --size must be a whole number >= 1, got '３'.")]
    [InlineData("#!conv-shape --size 1.5 --kernel 3", "#!conv-shape: --size must be a whole number >= 1, got '1.5'.")]
    [InlineData("#!conv-shape --size 256 --kernel -3", "#!conv-shape: --kernel must be >= 1, got -3.")]
    [InlineData("#!conv-shape --size 256 --kernel ü", "#!conv-shape: --kernel must be a whole number >= 1, got 'ü'.")]
    [InlineData("#!conv-shape --size 256 --kernel 3 --stride 0", "#!conv-shape: --stride must be >= 1, got 0.")]
    [InlineData("#!conv-shape --size 256 --kernel 3 --dilation -1", "#!conv-shape: --dilation must be >= 1, got -1.")]
    [InlineData("#!conv-shape --size 256 --kernel 3 --dilation \"\"", "#!conv-shape: --dilation must be a whole number >= 1, got ''.")]
    [InlineData("#!conv-shape --size 10 --kernel 3 --dilation 2147483647", "does not fit the padded input 10 (input 10, padding 0): use padding >= 2147483643, a smaller kernel or a smaller dilation.")]
    [InlineData("#!conv-shape --size 10 --kernel 3 --padding 2147483647", "would be 4,294,967,302, more than a tensor dimension can hold (2,147,483,647); use less padding or a larger stride.")]
    [InlineData("#!conv-shape --size 2147483647 --kernel 2147483647 --dilation 2147483647", "does not fit the padded input 2147483647 (input 2147483647, padding 0): use a smaller kernel or a smaller dilation.")]
    [InlineData("#!conv-shape --size 256 --kernel 3 --padding full --dilation 2147483647", "padding 'full' with kernel 3 and dilation 2147483647")]
    [InlineData("#!conv-shape --size 256 --kernel 3 --padding ü", "#!conv-shape: --padding Padding: cannot read 'ü'")]
    [InlineData("#!conv-shape --size 256 --kernel 3 --size 4", "#!conv-shape: --size is given more than once; give it once")]
    // #!params, dense sizes
    [InlineData("#!params", "#!params: give at least two layer sizes")]
    [InlineData("#!params \"\"", "#!params: give at least two layer sizes")]
    [InlineData("#!params -3 4", "#!params: layer size 1 must be >= 1, got -3.")]
    [InlineData("#!params 0 1", "#!params: layer size 1 must be >= 1, got 0.")]
    [InlineData("#!params 99999999999 1", "#!params: layer size 1 must be a whole number >= 1, got '99999999999'.")]
    [InlineData("#!params ü 1", "#!params: layer size 1 must be a whole number >= 1, got 'ü'.")]
    [InlineData("#!params 1e3 1", "#!params: layer size 1 must be a whole number >= 1, got '1e3'.")]
    [InlineData("#!params 2000000000 2000000000 2000000000 2000000000", "#!params: ModelSummary: the total parameter count passes 9,223,372,036,854,775,807")]
    // #!params, layers
    [InlineData("#!params --input -1x2x2 --dense 1", "#!params: --input must be >= 1, got -1.")]
    [InlineData("#!params --input 0x2x2 --dense 1", "#!params: --input must be >= 1, got 0.")]
    [InlineData("#!params --input 99999999999 --dense 1", "#!params: --input must be a whole number >= 1, got '99999999999'.")]
    [InlineData("#!params --input ü --dense 1", "#!params: --input must be a whole number >= 1, got 'ü'.")]
    [InlineData("#!params --input \"\" --dense 1", "#!params: --input must be a whole number >= 1")]
    [InlineData("#!params --input 2147483647x2147483647x2147483647 --dense 2", "merging [1, 2147483647, 2147483647, 2147483647] gives a dimension of 9,903,520,300,447,984,150,353,281,023, more than a tensor can hold.")]
    [InlineData("#!params --input 3x4x4 --conv -8k3", "#!params: --conv -8k3 is not <out>k<kernel>[s<stride>][p<padding>]")]
    [InlineData("#!params --input 3x4x4 --conv 0k3", "#!params: --conv output channels must be >= 1, got 0.")]
    [InlineData("#!params --input 3x4x4 --conv 8k99999999999", "#!params: --conv kernel must be a whole number >= 1, got '99999999999'.")]
    [InlineData("#!params --input 3x4x4 --conv 8k3p2147483647", "would be 4,294,967,296, more than a tensor dimension can hold")]
    [InlineData("#!params --input 3x4x4 --conv ü", "#!params: --conv ü is not <out>k<kernel>")]
    [InlineData("#!params --input 3x256x256 --conv 2000000000k3 --conv 2000000000k3", "layer 1 (Conv2d) cannot take an input of shape [1, 2000000000, 254, 254]")]
    [InlineData("#!params --input 3x4x4 --pool 0", "#!params: --pool must be >= 1, got 0.")]
    [InlineData("#!params --input 3x4x4 --pool 99999", "MaxPool2d(kernel_size=99999, stride=99999, padding=0): kernel 99999")]
    [InlineData("#!params --input 3x4x4 --dense -1", "#!params: --dense must be >= 1, got -1.")]
    [InlineData("#!params --input 3x4x4 --dense", "#!params: --dense needs a value, e.g. --dense 10.")]
    [InlineData("#!params --input 3x4x4 --input 3x4x4 --dense 1", "#!params: --input is given more than once; give it once")]
    // #!network
    [InlineData("#!network", "#!network: give at least two layer sizes")]
    [InlineData("#!network -1 2", "#!network: layer size 1 must be >= 1, got -1.")]
    [InlineData("#!network 0 1", "#!network: layer size 1 must be >= 1, got 0.")]
    [InlineData("#!network ü 1", "#!network: layer size 1 must be a whole number >= 1, got 'ü'.")]
    [InlineData("#!network 99999999999 1", "#!network: layer size 1 must be a whole number >= 1, got '99999999999'.")]
    [InlineData("#!network --input 1x28x28 --conv 8k3 --pool 2 --dense -10", "#!network: --dense must be >= 1, got -10.")]
    [InlineData("#!network --input 2147483647x2147483647x2147483647 --dense 2", "more than a tensor can hold.")]
    public async Task A_hostile_value_fails_in_one_line_and_the_next_cell_runs(string magic, string message)
    {
        var failed = await kernel.RunAsync(magic);

        Assert.False(failed.Succeeded);
        Assert.Contains(message, failed.Error);
        Assert.DoesNotContain("\n", failed.Error);
        Assert.DoesNotContain("Exception", failed.Error);
        Assert.DoesNotContain("(Parameter '", failed.Error);
        Assert.Matches(@"^(#!conv|#!conv-shape|#!params|#!network): ", failed.Error);
        var next = await kernel.RunAsync("1 + 1");
        Assert.True(next.Succeeded, next.Error);
        Assert.Equal(2, next.ReturnValue);
    }

    [Theory]
    [InlineData("#!conv --input \"1 2; 3 4\" --kernel \"-1\"", "output [2, 2]")]       // a negative weight is a valid kernel
    [InlineData("#!conv --input \"NaN 1\" --kernel \"1\"", "output [1, 2]")]            // NaN written as a word is kept, and shown
    [InlineData("#!conv --input \"1 2; 3 4\" --kernel \"1\" --stride 2147483647", "gives [1, 1]")]
    [InlineData("#!conv-shape --size 2147483647 --kernel 2 --stride 2", "Output size: 1073741823")]
    [InlineData("#!params 2147483647 2", "4,294,967,296 parameters")]
    public async Task Extreme_but_valid_values_still_work(string magic, string expected)
    {
        var cell = await kernel.RunAsync(magic);

        Assert.True(cell.Succeeded, cell.Error);
        Assert.Contains(expected, cell.Text);
    }
}
