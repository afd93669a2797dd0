namespace DeepImaging.Benchmarks;

/// <summary>
/// One timed piece of work, shared by the BenchmarkDotNet classes and the quick Stopwatch table so both
/// measure exactly the same thing. <see cref="Prepare"/> builds the inputs (not timed) and returns the
/// step that is timed; <see cref="Flops"/> is the floating-point operations one step performs
/// (a multiply-add counts as 2), used for GFLOP/s.
/// </summary>
public sealed record Workload(string Name, double Flops, Func<WorkloadRun> Prepare)
{
    /// <summary>BenchmarkDotNet shows parameters through ToString.</summary>
    public override string ToString() => Name;
}
