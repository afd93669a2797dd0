namespace DeepImaging.NN;

/// <summary>
/// A layer described by its settings only, for <see cref="ModelSummary.Of(int[], LayerSpec[])"/>: input sizes are taken
/// from the shape that reaches it, and no weights are ever allocated, so even a 196,608 -> 1,000 layer costs nothing to count.
/// </summary>
public sealed class LayerSpec
{
    private readonly Func<int[], LayerSummary> describe;

    private LayerSpec(string type, Func<int[], LayerSummary> describe)
    {
        Type = type;
        this.describe = describe;
    }

    /// <summary>The layer type, e.g. "Linear".</summary>
    public string Type { get; }

    /// <summary>The summary row for an input of <paramref name="inputShape"/>.</summary>
    public LayerSummary Describe(int[] inputShape) => describe(inputShape);

    /// <summary>A <see cref="NN.Linear"/> layer with <paramref name="outFeatures"/> outputs; its inputs are the last dimension of the incoming shape.</summary>
    public static LayerSpec Linear(int outFeatures, bool bias = true) =>
        new(nameof(Linear), input => LayerRows.Linear(input.Length > 0 ? input[^1] : 0, outFeatures, bias, input));

    /// <summary>A <see cref="NN.Conv2d"/> layer; its input channels are dimension -3 of the incoming shape.</summary>
    public static LayerSpec Conv2d(int outChannels, Pair kernelSize, Pair? stride = null, Padding padding = default, Pair? dilation = null, int groups = 1, bool bias = true) =>
        new(nameof(Conv2d), input => LayerRows.Conv2d(input.Length >= 3 ? input[^3] : 0, outChannels, kernelSize, stride ?? 1, padding, dilation ?? 1, groups, bias, input));

    /// <summary>A <see cref="NN.MaxPool2d"/> layer (stride defaults to the kernel size).</summary>
    public static LayerSpec MaxPool2d(Pair kernelSize, Pair? stride = null, Pair padding = default) =>
        Of(new NN.MaxPool2d(kernelSize, stride, padding));

    /// <summary>An <see cref="NN.AvgPool2d"/> layer (stride defaults to the kernel size).</summary>
    public static LayerSpec AvgPool2d(Pair kernelSize, Pair? stride = null, Pair padding = default) =>
        Of(new NN.AvgPool2d(kernelSize, stride, padding));

    /// <summary>A <see cref="NN.Flatten"/> layer (merges all but the batch dimension by default).</summary>
    public static LayerSpec Flatten(int startDim = 1, int endDim = -1) => Of(new NN.Flatten(startDim, endDim));

    /// <summary>A <see cref="NN.ReLU"/> layer.</summary>
    public static LayerSpec ReLU() => Of(new NN.ReLU());

    /// <summary>A <see cref="NN.LeakyReLU"/> layer.</summary>
    public static LayerSpec LeakyReLU(float negativeSlope = 0.01f) => Of(new NN.LeakyReLU(negativeSlope));

    /// <summary>A <see cref="NN.Sigmoid"/> layer.</summary>
    public static LayerSpec Sigmoid() => Of(new NN.Sigmoid());

    /// <summary>A <see cref="NN.Tanh"/> layer.</summary>
    public static LayerSpec Tanh() => Of(new NN.Tanh());

    /// <summary>A <see cref="NN.Softmax"/> layer.</summary>
    public static LayerSpec Softmax(int dim = -1) => Of(new NN.Softmax(dim));

    /// <summary>A <see cref="NN.Dropout"/> layer.</summary>
    public static LayerSpec Dropout(float p = 0.5f) => Of(new NN.Dropout(p));

    // Layers without weights are cheap to build, so their own Describe is used.
    private static LayerSpec Of(Module layer) => new(layer.GetType().Name, layer.Describe);
}
