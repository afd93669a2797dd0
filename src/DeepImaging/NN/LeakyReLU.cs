using System.Globalization;

namespace DeepImaging.NN;

/// <summary>x for x &gt; 0, otherwise slope·x, as a layer, like PyTorch's <c>nn.LeakyReLU</c>. No parameters.</summary>
public sealed class LeakyReLU : Module
{
    /// <summary>Creates the layer with the slope used for negative inputs (PyTorch's default 0.01).</summary>
    public LeakyReLU(float negativeSlope = 0.01f) => NegativeSlope = negativeSlope;

    /// <summary>The slope for negative inputs.</summary>
    public float NegativeSlope { get; }

    /// <summary>Forward and backward are <see cref="Functional.LeakyRelu"/>: gradient 1 where x &gt; 0, the slope elsewhere.</summary>
    public override Tensor Forward(Tensor input) => Functional.LeakyRelu(input, NegativeSlope);


    /// <summary>Like PyTorch: <c>LeakyReLU(negative_slope=0.01)</c>.</summary>
    public override string ToString() => $"LeakyReLU(negative_slope={NegativeSlope.ToString(CultureInfo.InvariantCulture)})";
}
