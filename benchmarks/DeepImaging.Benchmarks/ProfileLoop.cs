using System.Diagnostics;
using System.Globalization;

namespace DeepImaging.Benchmarks;

/// <summary>
/// The "--profile NAME" mode: runs one workload over and over for --seconds S (default 20) after the usual warm-up,
/// so that a profiler (perf, dotnet-trace, dotnet-counters) sees a long steady stretch of it. Prints the calls made,
/// the mean time and allocations per call, and the share of the time the garbage collector paused the program.
/// benchmarks/profile.py starts it and attaches perf once the warm-up is over.
/// </summary>
public static class ProfileLoop
{
    /// <summary>Runs the loop; returns 2 when no workload has that exact name.</summary>
    public static int Run(string[] args)
    {
        string name = Program.Option(args, "--profile") ?? "";
        double seconds = double.Parse(Program.Option(args, "--seconds") ?? "20", CultureInfo.InvariantCulture);
        var workload = Workloads.All().FirstOrDefault(w => w.Name == name);
        if (workload is null)
        {
            Console.Error.WriteLine($"--profile: no workload named '{name}'; the names are: {string.Join(", ", Workloads.All().Select(w => w.Name))}");
            return 2;
        }
        var step = workload.Prepare().Step;
        Timing.Measure(step, runs: 1); // warm-up (and a second of timed calls)
        Console.WriteLine($"profiling {name} for {seconds} s (pid {Environment.ProcessId})");
        long calls = 0, bytes = GC.GetTotalAllocatedBytes(precise: true);
        var pause = GC.GetTotalPauseDuration();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            step();
            calls++;
        }
        double ms = clock.Elapsed.TotalMilliseconds;
        double pauseMs = (GC.GetTotalPauseDuration() - pause).TotalMilliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{calls} calls, {ms / calls:F3} ms per call, {(GC.GetTotalAllocatedBytes(precise: true) - bytes) / calls / 1024.0:F1} KB allocated per call, GC pauses {100 * pauseMs / ms:F1}% of the time"));
        return 0;
    }
}
