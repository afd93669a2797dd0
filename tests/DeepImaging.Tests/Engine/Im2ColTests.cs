using DeepImaging.Engine;

namespace DeepImaging.Tests.Engine;

public class Im2ColTests
{
    [Theory]
    [InlineData(5, 7, 3, 3, 1, 1, 0, 1)]
    [InlineData(6, 6, 2, 2, 2, 1, 1, 2)]
    [InlineData(9, 8, 3, 2, 3, 2, 2, 1)]
    [InlineData(4, 11, 1, 3, 1, 3, 1, 2)]
    [InlineData(8, 8, 3, 3, 1, 1, 1, 3)]
    public void Fold_is_the_adjoint_of_unfold(int h, int w, int kh, int kw, int stride, int dilation, int padding, int channels)
    {
        // <im2col(x), c> = <x, col2im(c)> for every x and c: the definition of the gradient of im2col. Both sides add up
        // the same products x_i · c_j (in double, so the order of the sums does not matter at this tolerance).
        var input = Tensor.Randn([1, channels, h, w], seed: h * w);
        var g = ConvGeometry.Create("Im2Col", input.shape, (kh, kw), stride, padding, dilation);
        var columns = new float[g.PatchSize(channels) * g.OutputPositions];
        var direction = Tensor.Randn([columns.Length], seed: 5).ToArray();
        var back = new float[input.Count];

        Im2Col.Unfold(input.data, 0, channels, g, columns);
        Im2Col.Fold(direction, channels, g, back, 0);

        double left = columns.Zip(direction, (a, b) => (double)a * b).Sum();
        double right = input.data.Zip(back, (a, b) => (double)a * b).Sum();
        Assert.Equal(left, right, 1e-4);
        Assert.NotEqual(0, left);
    }
}
