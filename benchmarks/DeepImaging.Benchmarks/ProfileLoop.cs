using System.Diagnostics;
using System.Globalization;

namespace DeepImaging.Benchmarks;

/// <summary>
/// The "--profile NAME" mode: runs one workload over and over for --seconds S (default 20) after a warm-up of at least
/// --warmup W seconds (default 5), so that a profiler (perf, dotnet-trace, dotnet-counters) sees a long steady stretch
/// of it. Prints the calls made, the median and mean time, the CPU time, the allocations and the page faults per call, and
/// the share of the time the garbage collector paused the program.
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
        // The usual warm-up, then more: the JIT's background thread may still be optimising methods, more so on a busy machine.
        double warmup = double.Parse(Program.Option(args, "--warmup") ?? "5", CultureInfo.InvariantCulture);
        var started = Stopwatch.StartNew();
        Timing.Measure(step, runs: 1);
        while (started.Elapsed.TotalSeconds < warmup) step();
        Console.WriteLine($"profiling {name} for {seconds} s (pid {Environment.ProcessId})");
        long bytes = GC.GetTotalAllocatedBytes(precise: true);
        var pause = GC.GetTotalPauseDuration();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        long faults = MinorPageFaults();
        var times = new List<double>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            long start = Stopwatch.GetTimestamp();
            step();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        double ms = clock.Elapsed.TotalMilliseconds;
        double pauseMs = (GC.GetTotalPauseDuration() - pause).TotalMilliseconds;
        double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        double faultsPerCall = (double)(MinorPageFaults() - faults) / times.Count;
        times.Sort();
        // The median resists a busy machine (a call that lost its core for a while); the mean is what a profiler's samples add up to.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{times.Count} calls, {Timing.Median([.. times]):F4} ms median per call, {ms / times.Count:F4} ms mean, " +
            $"{(GC.GetTotalAllocatedBytes(precise: true) - bytes) / times.Count / 1024.0:F1} KB allocated per call, GC pauses {100 * pauseMs / ms:F1}% of the time, " +
            $"{cpuMs / times.Count:F4} ms of CPU time per call (every thread; less sensitive to a busy machine than the clock), " +
            $"{faultsPerCall:F1} page faults per call (first touches of memory fresh from the system)"));
        return 0;
    }

    // The process's minor page faults so far (field 10 of /proc/self/stat, after the command name in parentheses); 0 off Linux.
    private static long MinorPageFaults()
    {
        if (!File.Exists("/proc/self/stat")) return 0;
        var fields = File.ReadAllText("/proc/self/stat").Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return long.Parse(fields[7], CultureInfo.InvariantCulture);
    }
}
