using BenchmarkDotNet.Running;

namespace DeepImaging.Benchmarks;

/// <summary>
/// The entry point: --quick for the Stopwatch table (used by compare.sh), --profile NAME for a long loop of one
/// workload under a profiler; anything else goes to BenchmarkDotNet, e.g. --filter '*' or --filter '*Conv2d*'.
/// </summary>
public static class Program
{
    /// <summary>Runs the mode the arguments choose; returns the exit code.</summary>
    public static int Main(string[] args)
    {
        if (args.Contains("--quick")) return QuickTable.Run(args);
        if (args.Contains("--profile")) return ProfileLoop.Run(args);
        return BenchmarkSwitcher.FromAssembly(typeof(Workloads).Assembly).Run(args, new BenchmarkConfig()).Any() ? 0 : 1;
    }

    /// <summary>The value after <paramref name="name"/> in the arguments, or null.</summary>
    public static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
