using DeepImaging.Engine;

namespace DeepImaging.Tests.Engine;

public class ActivationTests
{
    // Values on every side of the rule: negative and positive zero, NaN, infinities, and enough of them (19) that both
    // the vector loop and the scalar tail run.
    private static readonly float[] Inputs =
        [-2f, -0f, 0f, 0.5f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 3f, -1e-30f, 1e-30f, -7f, 8f, 0f, -0f, 2f, float.NaN, -3f, 4f, -5f];

    [Fact]
    public void Relu_follows_the_scalar_rule_bit_for_bit()
    {
        var y = new float[Inputs.Length];
        Activation.Relu(Inputs, y);
        for (int i = 0; i < Inputs.Length; i++)
            Assert.Equal(BitConverter.SingleToInt32Bits(Inputs[i] <= 0 ? 0f : Inputs[i]), BitConverter.SingleToInt32Bits(y[i]));
        Assert.True(float.IsNaN(y[4]));  // NaN stays NaN
        Assert.Equal(0, BitConverter.SingleToInt32Bits(y[1])); // -0 becomes +0, as x <= 0 ? 0 : x says
    }

    [Fact]
    public void The_relu_gradient_multiplies_by_zero_or_one_so_bad_gradients_stay_visible()
    {
        var g = Inputs.Select((_, i) => i % 3 == 0 ? float.PositiveInfinity : i - 9f).ToArray();
        var dx = new float[Inputs.Length];
        Activation.ReluBackward(Inputs, g, dx);
        for (int i = 0; i < Inputs.Length; i++)
            Assert.Equal(BitConverter.SingleToInt32Bits(g[i] * (Inputs[i] <= 0 ? 0f : 1f)), BitConverter.SingleToInt32Bits(dx[i]));
        Assert.True(float.IsNaN(dx[0])); // an infinite gradient through a blocked unit: inf · 0 = NaN, not a silent 0
    }

    [Fact]
    public void Spans_of_different_lengths_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Activation.Relu(new float[3], new float[2]));
        Assert.Contains("equally long", error.Message);
    }
}
