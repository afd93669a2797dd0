namespace DeepImaging.NN;

/// <summary>
/// Seeded weight initialisation, as in PyTorch's <c>torch.nn.init</c>. Each method fills a tensor in place from a
/// <see cref="Generator"/> and returns it, so the same seed gives bit-identical weights on every machine.
/// Fan-in is the number of inputs feeding one output (in_features, or in_channels x kH x kW for a kernel);
/// fan-out the number of outputs one input feeds.
/// </summary>
public static class Init
{
    /// <summary>Kaiming (He) uniform: U(-b, b) with b = gain x sqrt(3 / fan_in), gain = sqrt(2 / (1 + a²)) for a (leaky) ReLU of slope a.
    /// Keeps the variance of activations steady through ReLU layers.</summary>
    public static Tensor KaimingUniform(Tensor tensor, Generator generator, double negativeSlope = 0)
    {
        double bound = Math.Sqrt(3.0) * ReluGain(negativeSlope) / Math.Sqrt(Fans(tensor, "KaimingUniform").FanIn);
        return Uniform(tensor, -bound, bound, generator);
    }

    /// <summary>Kaiming (He) normal: N(0, std²) with std = gain / sqrt(fan_in), gain = sqrt(2 / (1 + a²)).</summary>
    public static Tensor KaimingNormal(Tensor tensor, Generator generator, double negativeSlope = 0)
    {
        double std = ReluGain(negativeSlope) / Math.Sqrt(Fans(tensor, "KaimingNormal").FanIn);
        return Normal(tensor, std, generator);
    }

    /// <summary>Xavier (Glorot) uniform: U(-b, b) with b = gain x sqrt(6 / (fan_in + fan_out)). Suits tanh and sigmoid layers.</summary>
    public static Tensor XavierUniform(Tensor tensor, Generator generator, double gain = 1)
    {
        var (fanIn, fanOut) = Fans(tensor, "XavierUniform");
        double bound = gain * Math.Sqrt(6.0 / (fanIn + fanOut));
        return Uniform(tensor, -bound, bound, generator);
    }

    /// <summary>Xavier (Glorot) normal: N(0, std²) with std = gain x sqrt(2 / (fan_in + fan_out)).</summary>
    public static Tensor XavierNormal(Tensor tensor, Generator generator, double gain = 1)
    {
        var (fanIn, fanOut) = Fans(tensor, "XavierNormal");
        return Normal(tensor, gain * Math.Sqrt(2.0 / (fanIn + fanOut)), generator);
    }

    /// <summary>Fills <paramref name="tensor"/> with uniform values in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public static Tensor Uniform(Tensor tensor, double low, double high, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var values = Tensor.Uniform(tensor.shape, (float)low, (float)high, generator);
        Array.Copy(values.data, tensor.data, tensor.Count);
        return tensor;
    }

    /// <summary>Fills <paramref name="tensor"/> with normal values of mean 0 and standard deviation <paramref name="std"/>.</summary>
    public static Tensor Normal(Tensor tensor, double std, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(generator);
        for (int i = 0; i < tensor.Count; i++) tensor.data[i] = (float)(std * generator.NextNormal());
        return tensor;
    }

    /// <summary>Fan-in and fan-out of a weight [out, in, ...kernel]: in x kernel elements and out x kernel elements.</summary>
    public static (int FanIn, int FanOut) Fans(Tensor weight, string operation = "Init")
    {
        ArgumentNullException.ThrowIfNull(weight);
        if (weight.Rank < 2)
            throw new ArgumentException($"{operation}: fan-in and fan-out need a weight with at least 2 dimensions [out, in, ...]; got shape {weight.ShapeString}.", nameof(weight));
        int receptive = Shapes.Count(weight.shape[2..]);
        int fanIn = weight.shape[1] * receptive, fanOut = weight.shape[0] * receptive;
        if (fanIn == 0 || fanOut == 0)
            throw new ArgumentException($"{operation}: weight of shape {weight.ShapeString} has no elements to initialise.", nameof(weight));
        return (fanIn, fanOut);
    }

    private static double ReluGain(double negativeSlope) => Math.Sqrt(2.0 / (1 + negativeSlope * negativeSlope));
}
