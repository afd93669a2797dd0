using System.Diagnostics;

namespace DeepImaging.Benchmarks;

/// <summary>
/// The measuring policy of the quick table, the same as torch_reference.py's: warm up until at least
/// <see cref="WarmupCalls"/> calls and <see cref="WarmupSeconds"/> have passed (tiered JIT compilation with dynamic PGO
/// needs 30 calls to instrument a method and 30 more to optimise it, plus its background compile; caches and pools
/// fill), then time single calls until at least the requested number of runs and
/// <see cref="TimedSeconds"/> have passed, and take the median.
/// </summary>
public static class Timing
{
    /// <summary>Least number of warm-up calls.</summary>
    public const int WarmupCalls = 100;
    /// <summary>Least warm-up time.</summary>
    public const double WarmupSeconds = 1.0;
    /// <summary>Least total time of the timed calls (more runs for short workloads, for a steadier median).</summary>
    public const double TimedSeconds = 1.0;
    /// <summary>Most timed calls.</summary>
    public const int MaxRuns = 5000;

    /// <summary>Warms up, then times single calls of <paramref name="action"/>; returns the sorted times in milliseconds.</summary>
    public static double[] Measure(Action action, int runs)
    {
        var warmup = Stopwatch.StartNew();
        for (int i = 0; i < WarmupCalls || warmup.Elapsed.TotalSeconds < WarmupSeconds; i++) action();
        var times = new List<double>();
        var timed = Stopwatch.StartNew();
        while (times.Count < MaxRuns && (times.Count < runs || timed.Elapsed.TotalSeconds < TimedSeconds))
        {
            long start = Stopwatch.GetTimestamp();
            action();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        times.Sort();
        return [.. times];
    }

    /// <summary>The median of sorted values.</summary>
    public static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}
