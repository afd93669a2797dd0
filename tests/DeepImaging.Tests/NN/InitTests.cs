using DeepImaging.NN;

namespace DeepImaging.Tests.NN;

public class InitTests
{
    private static (double Mean, double Std) Moments(Tensor t)
    {
        var v = t.ToArray();
        double mean = v.Average(x => (double)x);
        return (mean, Math.Sqrt(v.Average(x => (x - mean) * (x - mean))));
    }

    [Fact]
    public void Fans_of_a_conv_kernel_multiply_channels_by_kernel_area()
    {
        Assert.Equal((27, 144), Init.Fans(Tensor.Zeros(16, 3, 3, 3)));
        Assert.Equal((2, 4), Init.Fans(Tensor.Zeros(4, 2)));
        Assert.Contains("at least 2 dimensions", Assert.Throws<ArgumentException>(() => Init.Fans(Tensor.Zeros(4))).Message);
    }

    [Fact]
    public void Kaiming_uniform_fills_plus_minus_sqrt_6_over_fan_in()
    {
        var w = Init.KaimingUniform(Tensor.Zeros(200, 50), new Generator(1));
        double bound = Math.Sqrt(6.0 / 50);
        Assert.All(w.ToArray(), v => Assert.InRange(v, -bound, bound));
        Assert.InRange(Moments(w).Std, 0.97 * bound / Math.Sqrt(3), 1.03 * bound / Math.Sqrt(3));
    }

    [Fact]
    public void Kaiming_normal_has_standard_deviation_sqrt_2_over_fan_in()
    {
        var (mean, std) = Moments(Init.KaimingNormal(Tensor.Zeros(200, 50), new Generator(2)));
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(std, 0.97 * Math.Sqrt(2.0 / 50), 1.03 * Math.Sqrt(2.0 / 50));
    }

    [Fact]
    public void Xavier_uses_fan_in_plus_fan_out()
    {
        var u = Init.XavierUniform(Tensor.Zeros(100, 60, 2, 2), new Generator(3));
        double bound = Math.Sqrt(6.0 / (240 + 400));
        Assert.All(u.ToArray(), v => Assert.InRange(v, -bound, bound));
        Assert.True(u.ToArray().Max() > 0.99 * bound);
        var (_, std) = Moments(Init.XavierNormal(Tensor.Zeros(100, 60, 2, 2), new Generator(4), gain: 2));
        Assert.InRange(std, 0.97 * 2 * Math.Sqrt(2.0 / 640), 1.03 * 2 * Math.Sqrt(2.0 / 640));
    }

    [Fact]
    public void The_same_generator_seed_gives_bit_identical_weights()
    {
        var a = Init.KaimingNormal(Tensor.Zeros(8, 4, 3, 3), new Generator(11));
        var b = Init.KaimingNormal(Tensor.Zeros(8, 4, 3, 3), new Generator(11));
        Assert.Equal(a.ToArray(), b.ToArray());
        Assert.NotEqual(a.ToArray(), Init.KaimingNormal(Tensor.Zeros(8, 4, 3, 3), new Generator(12)).ToArray());
    }
}
