using DeepImaging.Engine;

namespace DeepImaging.Tests.Engine;

public class ConvolutionEngineTests
{
    [Fact]
    public void The_bias_gradient_is_the_three_sums_bit_for_bit()
    {
        var dOut = Tensor.Randn([5, 3, 7, 9], seed: 11);
        Assert.Equal(dOut.Sum(3).Sum(2).Sum(0).ToArray(), Convolution.BiasGradient(dOut.data, dOut.shape));
    }

    [Fact]
    public void The_weight_gradient_sums_the_images_of_every_chunk()
    {
        // 19 images: two full chunks of 8 and a partial one of 3; compared with the gradient of each image alone, summed.
        var x = Tensor.Randn([19, 2, 6, 5], seed: 12);
        var dOut = Tensor.Randn([19, 4, 6, 5], seed: 13);
        var g = ConvGeometry.Create("Conv2d", x.shape, (3, 3), 1, 1, 1);
        var dWeight = Convolution.WeightGradient(dOut.data, x.data, g, groups: 1, outChannels: 4);

        var expected = new double[dWeight.Length];
        for (int n = 0; n < 19; n++)
        {
            var one = ConvGeometry.Create("Conv2d", [1, 2, 6, 5], (3, 3), 1, 1, 1);
            var image = Convolution.WeightGradient(dOut.data[(n * 120)..((n + 1) * 120)], x.data[(n * 60)..((n + 1) * 60)], one, 1, 4);
            for (int i = 0; i < image.Length; i++) expected[i] += image[i];
        }
        Close.Check([.. expected.Select(v => (float)v)], dWeight, tolerance: 1e-5, what: "dW");
    }
}
