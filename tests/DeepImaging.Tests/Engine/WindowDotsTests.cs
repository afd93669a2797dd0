using DeepImaging.Engine;

namespace DeepImaging.Tests.Engine;

[Collection(nameof(EngineSwitches))]
public class WindowDotsTests
{
    // Rows and windows around the tile edges (4 x 6 with AVX-512, 2 x 3 with AVX2), one lane block and several.
    [Theory]
    [InlineData(1, 1, 16)]
    [InlineData(2, 6, 32)]
    [InlineData(3, 7, 48)]
    [InlineData(6, 25, 896)]
    [InlineData(16, 150, 144)]
    [InlineData(5, 13, 1088)]
    [InlineData(4, 8, 32)]
    public void Each_sum_is_the_dot_product_of_a_row_with_a_window(int rows, int windows, int pitch)
    {
        var (a, source, starts) = Operands(rows, windows, pitch, seed: rows * 100 + windows);
        var sums = new float[rows * windows];
        WindowDots.Multiply(a, rows, pitch, source, starts, sums, accumulate: false);

        var expected = new float[sums.Length];
        for (int o = 0; o < rows; o++)
            for (int r = 0; r < windows; r++)
            {
                double sum = 0;
                for (int c = 0; c < pitch; c++) sum += (double)a[o * pitch + c] * source[starts[r] + c];
                expected[o * windows + r] = (float)sum;
            }
        Close.Check(expected, sums, tolerance: 1e-5, what: "dot products");
    }

    [Theory]
    [InlineData(3, 7, 48)]
    [InlineData(6, 25, 896)]
    [InlineData(16, 150, 144)]
    [InlineData(5, 8, 64)]
    public void Both_vector_widths_give_the_same_bits(int rows, int windows, int pitch)
    {
        var (a, source, starts) = Operands(rows, windows, pitch, seed: 5);
        var results = new List<float[]>();
        foreach (bool use512 in EngineSwitches.Widths)
        {
            var sums = new float[rows * windows];
            using (EngineSwitches.Set(use512, threads: 1))
                WindowDots.Multiply(a, rows, pitch, source, starts, sums, accumulate: false);
            results.Add(sums);
        }
        Assert.Equal(results[0], results[1]);
    }

    [Fact]
    public void Accumulating_adds_each_dot_product_to_the_sum_already_there()
    {
        var (a, source, starts) = Operands(3, 7, 64, seed: 9);
        var alone = new float[21];
        WindowDots.Multiply(a, 3, 64, source, starts, alone, accumulate: false);
        var sums = Enumerable.Range(0, 21).Select(i => i * 0.25f).ToArray();
        WindowDots.Multiply(a, 3, 64, source, starts, sums, accumulate: true);
        Assert.Equal(Enumerable.Range(0, 21).Select(i => i * 0.25f + alone[i]), sums);
    }

    [Fact]
    public void A_window_past_the_end_of_the_source_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            WindowDots.Multiply(new float[32], 2, 16, new float[40], [0, 30], new float[4], accumulate: false));
        Assert.Contains("starting at 30 with 16 values does not fit in 40", error.Message);
    }

    [Fact]
    public void A_pitch_that_is_not_whole_lanes_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            WindowDots.Multiply(new float[40], 2, 20, new float[40], [0], new float[2], accumulate: false));
        Assert.Contains("a multiple of 16", error.Message);
    }

    private static (float[] Rows, float[] Source, int[] Starts) Operands(int rows, int windows, int pitch, int seed)
    {
        var random = new Random(seed);
        var a = Enumerable.Range(0, rows * pitch).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var source = Enumerable.Range(0, pitch + 3 * windows + 7).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var starts = Enumerable.Range(0, windows).Select(r => random.Next(0, source.Length - pitch + 1)).ToArray();
        return (a, source, starts);
    }
}
