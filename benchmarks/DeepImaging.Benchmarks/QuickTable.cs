using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepImaging.Benchmarks;

/// <summary>
/// The "--quick" mode: times every workload with a Stopwatch (warm-up, then the median of several
/// runs) and prints a table in seconds rather than BenchmarkDotNet's minutes. Its tab-separated
/// output (--tsv FILE) has the same columns as torch_reference.py, so side-by-side.sh can join them.
/// </summary>
public static class QuickTable
{
    /// <summary>Options: --runs N (timed runs per workload, default 15), --filter TEXT (workloads whose name contains it), --tsv FILE.</summary>
    public static int Run(string[] args)
    {
        int runs = int.Parse(Option(args, "--runs") ?? "15", CultureInfo.InvariantCulture);
        string? filter = Option(args, "--filter");
        string? tsv = Option(args, "--tsv");

        Console.WriteLine($"DeepImaging quick benchmark: {RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} logical processor(s) available, " +
                          $"Vector512 accelerated: {Vector512.IsHardwareAccelerated}, Vector256: {Vector256.IsHardwareAccelerated}, AVX-512F: {Avx512F.IsSupported}, FMA: {Fma.IsSupported}");
        Console.WriteLine($"{"workload",-42} {"median ms",10} {"GFLOP/s",9}");
        var lines = new List<string> { "name\tms\tgflops" };
        foreach (var workload in Workloads.All().Where(w => filter is null || w.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)))
        {
            double ms = MedianMilliseconds(workload.Prepare(), runs);
            double gflops = workload.Flops / (ms * 1e6);
            Console.WriteLine($"{workload.Name,-42} {ms,10:F3} {gflops,9:F1}");
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{workload.Name}\t{ms:F4}\t{gflops:F2}"));
        }
        if (tsv is not null) File.WriteAllLines(tsv, lines);
        return 0;
    }

    /// <summary>Runs the action until about 0.3 s of warm-up has passed (JIT tiering, caches), then returns the median of the timed runs.</summary>
    private static double MedianMilliseconds(Action action, int runs)
    {
        var warmup = Stopwatch.StartNew();
        for (int i = 0; i < 3 || warmup.Elapsed.TotalSeconds < 0.3; i++) action();
        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        return runs % 2 == 1 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
