using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepImaging.Benchmarks;

/// <summary>
/// The "--quick" mode: times every workload with the <see cref="Timing"/> policy and prints a table in seconds
/// rather than BenchmarkDotNet's minutes, with the bytes allocated and the garbage collections per call. Its
/// tab-separated output (--tsv FILE) has the columns compare.py joins with torch_reference.py's.
/// </summary>
public static class QuickTable
{
    /// <summary>Options: --runs N (least timed runs per workload, default 21), --filter TEXT[,TEXT...] (workloads whose name contains one of them), --tsv FILE.</summary>
    public static int Run(string[] args)
    {
        int runs = int.Parse(Program.Option(args, "--runs") ?? "21", CultureInfo.InvariantCulture);
        string? filter = Program.Option(args, "--filter");
        string? tsv = Program.Option(args, "--tsv");

        string runtime = $"{RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} processor(s), " +
                         $"Vector512 accelerated: {Vector512.IsHardwareAccelerated}, Vector256: {Vector256.IsHardwareAccelerated}, AVX-512F: {Avx512F.IsSupported}, FMA: {Fma.IsSupported}";
        Console.WriteLine($"DeepImaging: {runtime}");
        Console.WriteLine($"{"workload",-24} {"median ms",10} {"runs",5} {"GFLOP/s",8} {"KB/call",10} {"GC pause ms/call",16} {"gen0/1/2 per 100 calls",24}");
        var lines = new List<string> { $"# {runtime}", "name\tms\truns\tgflops\tbytes_per_call\tgc_pause_ms_per_call\tgen0_per_100\tgen1_per_100\tgen2_per_100\twork" };
        var wanted = filter?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var workload in Workloads.All().Where(w => wanted is null || wanted.Any(part => w.Name.Contains(part, StringComparison.OrdinalIgnoreCase))))
        {
            var run = workload.Prepare();
            // Allocations of every thread (Parallel.For workers too), collections and the time the program stood
            // still for them, over the warm-up and the timed calls.
            long bytes = GC.GetTotalAllocatedBytes(precise: true);
            var pause = GC.GetTotalPauseDuration();
            int[] collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
            int calls = 0;
            var times = Timing.Measure(() => { run.Step(); calls++; }, runs);
            double bytesPerCall = (double)(GC.GetTotalAllocatedBytes(precise: true) - bytes) / calls;
            double pausePerCall = (GC.GetTotalPauseDuration() - pause).TotalMilliseconds / calls;
            double[] per100 = [.. collections.Select((before, gen) => 100.0 * (GC.CollectionCount(gen) - before) / calls)];
            double ms = Timing.Median(times), gflops = workload.Flops / (ms * 1e6);
            Console.WriteLine($"{workload.Name,-24} {ms,10:F3} {times.Length,5} {gflops,8:F2} {bytesPerCall / 1024,10:F1} {pausePerCall,16:F4} {string.Join(" / ", per100.Select(c => c.ToString("F1", CultureInfo.InvariantCulture))),24}");
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{workload.Name}\t{ms:F4}\t{times.Length}\t{gflops:F3}\t{bytesPerCall:F0}\t{pausePerCall:F5}\t{per100[0]:F2}\t{per100[1]:F2}\t{per100[2]:F2}\t{run.Work}"));
        }
        if (tsv is not null) File.WriteAllLines(tsv, lines);
        return 0;
    }
}
