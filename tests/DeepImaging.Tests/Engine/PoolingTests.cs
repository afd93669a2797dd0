using DeepImaging.Engine;

namespace DeepImaging.Tests.Engine;

public class PoolingTests
{
    [Theory]
    [InlineData(2, 2, 0, 7, 6)]   // 2 x 2 windows, one at a time
    [InlineData(2, 2, 0, 6, 37)]  // 2 x 2 windows, eight at a time (18 per row: two vectors, and a third over the last 8)
    [InlineData(2, 2, 0, 4, 28)]  // LeNet's first pooling: 14 per row, the second vector overlapping the first
    [InlineData(3, 2, 1, 7, 6)]   // the general path: overlapping windows, padding
    [InlineData(2, 1, 0, 7, 6)]
    public void Max_pooling_picks_the_first_maximum_and_lets_nan_win(int kernel, int stride, int padding, int height, int width)
    {
        // Ties everywhere (values from a small set) and a few NaNs, over 2 images x 3 channels.
        var values = Enumerable.Range(0, 2 * 3 * height * width).Select(i => i % 13 == 5 ? float.NaN : (i * 7 % 5) - 2f).ToArray();
        var x = Tensor.From(values, 2, 3, height, width);
        var g = ConvGeometry.Create("MaxPool2d", x.shape, (kernel, kernel), stride, padding, 1);
        var output = new float[2 * 3 * g.OutputPositions];
        var from = new int[output.Length];

        Pooling.MaxForward(values, g, output, from);

        for (int plane = 0, o = 0; plane < 6; plane++)
            for (int oh = 0; oh < g.OutHeight; oh++)
                for (int ow = 0; ow < g.OutWidth; ow++, o++)
                {
                    // The rule, spelled out: scan the window row by row; take a value if it is larger or NaN.
                    int best = -1;
                    for (int i = Math.Max(oh * stride - padding, 0); i < Math.Min(oh * stride - padding + kernel, height); i++)
                        for (int j = Math.Max(ow * stride - padding, 0); j < Math.Min(ow * stride - padding + kernel, width); j++)
                        {
                            int at = (plane * height + i) * width + j;
                            if (best < 0 || values[at] > values[best] || float.IsNaN(values[at])) best = at;
                        }
                    Assert.Equal(best, from[o]);
                    Assert.Equal(values[best], output[o]);
                }
        Assert.Contains(output, float.IsNaN);
    }
}
