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

    [Fact]
    public void Splitting_by_parity_into_too_few_places_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => SpanMath.SplitEvenOdd(new float[9], new float[4], new float[4]));
        Assert.Contains("9 values need 5 and 4 places", error.Message);
    }
}
