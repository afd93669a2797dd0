using DeepImaging.Engine;

namespace DeepImaging.Tests.Engine;

[Collection(nameof(EngineSwitches))]
public sealed class SpanMathTests
{
    [Fact]
    public void Splitting_by_parity_puts_the_even_and_the_odd_positions_in_order_for_any_length_and_width()
    {
        foreach (bool use512 in EngineSwitches.Widths)
            using (EngineSwitches.Set(use512, threads: 1))
                for (int length = 0; length <= 80; length++)
                {
                    var values = Enumerable.Range(0, length).Select(i => i * 1.5f - 7f).ToArray();
                    // One more place than needed on each side, which must stay untouched.
                    var even = Enumerable.Repeat(-1f, (length + 1) / 2 + 1).ToArray();
                    var odd = Enumerable.Repeat(-1f, length / 2 + 1).ToArray();

                    SpanMath.SplitEvenOdd(values, even, odd);

                    Assert.Equal([.. values.Where((_, i) => i % 2 == 0), -1f], even);
                    Assert.Equal([.. values.Where((_, i) => i % 2 == 1), -1f], odd);
                }
    }

    [Theory]
    [InlineData(3, 5, 7, 4)]     // rows shorter than a vector
    [InlineData(32, 32, 34, 16)] // a convolution's rows into a padded image
    [InlineData(19, 21, 19, 3)]  // a last vector that overlaps the one before it
    public void Copying_rows_between_pitches_copies_each_row_and_leaves_the_gaps(int width, int fromPitch, int toPitch, int rows)
    {
        var from = Enumerable.Range(0, (rows - 1) * fromPitch + width).Select(i => i + 0.5f).ToArray();
        var to = Enumerable.Repeat(-1f, (rows - 1) * toPitch + width + 3).ToArray();

        SpanMath.CopyRows(from, fromPitch, to, toPitch, width, rows);

        for (int i = 0; i < to.Length; i++)
        {
            int row = i / toPitch, column = i % toPitch;
            bool copied = row < rows && column < width;
            Assert.Equal(copied ? from[row * fromPitch + column] : -1f, to[i]);
        }
    }

    [Fact]
    public void Copying_rows_that_do_not_fit_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => SpanMath.CopyRows(new float[40], 10, new float[40], 12, 10, 4));
        Assert.Contains("4 rows of 10 values, 10 and 12 apart, do not fit in 40 and 40 values", error.Message);
    }

    [Fact]
    public void Splitting_by_parity_into_too_few_places_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => SpanMath.SplitEvenOdd(new float[9], new float[4], new float[4]));
        Assert.Contains("9 values need 5 and 4 places", error.Message);
    }
}
