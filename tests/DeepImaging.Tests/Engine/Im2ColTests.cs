using DeepImaging.Engine;

namespace DeepImaging.Tests.Engine;

public class Im2ColTests
{
    [Theory]
    [InlineData(5, 7, 3, 3, 1, 1, 0, 1)]
    [InlineData(6, 6, 2, 2, 2, 1, 1, 2)]
    [InlineData(9, 8, 3, 2, 3, 2, 2, 1)]
    [InlineData(4, 11, 1, 3, 1, 3, 1, 2)]
    public void Transposed_columns_are_exactly_the_transpose_of_the_columns(int h, int w, int kh, int kw, int stride, int dilation, int padding, int channels)
    {
        var input = Tensor.Randn([1, channels, h, w], seed: h * w);
        var g = ConvGeometry.Create("Im2Col", input.shape, (kh, kw), stride, padding, dilation);
        int patch = g.PatchSize(channels), positions = g.OutputPositions;
        var columns = new float[patch * positions];
        var transposed = new float[positions * patch];
        var expected = new float[positions * patch];

        Im2Col.Unfold(input.data, 0, channels, g, columns);
        Gemm.Transpose(columns, expected, patch, positions);
        Array.Fill(transposed, float.NaN); // every element must be written, padding zeros included
        Im2Col.UnfoldTransposed(input.data, 0, channels, g, transposed);

        Assert.Equal(expected, transposed);
    }
}
