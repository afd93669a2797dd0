namespace DeepImaging.Tests;

/// <summary>Assertions on float arrays with a relative tolerance, reporting the worst element.</summary>
internal static class Close
{
    /// <summary>Every |actual - expected| &lt;= tolerance · max(1, |expected|); where NaN is expected, NaN is required.</summary>
    public static void Check(float[] expected, float[] actual, double tolerance = 1e-4, string what = "values")
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            double error = float.IsNaN(expected[i]) && float.IsNaN(actual[i]) ? 0
                : Math.Abs(actual[i] - (double)expected[i]) / Math.Max(1.0, Math.Abs(expected[i]));
            if (double.IsNaN(error) || error > worst) { worst = double.IsNaN(error) ? double.PositiveInfinity : error; worstAt = i; }
        }
        Assert.True(worst <= tolerance,
            $"{what}: element {worstAt} is {(worstAt >= 0 ? actual[worstAt] : 0)} but should be {(worstAt >= 0 ? expected[worstAt] : 0)} (relative error {worst:E2} > {tolerance:E0}).");
    }
}
