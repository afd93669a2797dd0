namespace DeepImaging.Benchmarks;

/// <summary>
/// A prepared workload: the <see cref="Step"/> that is timed, and <see cref="Work"/>, a description of what it
/// does (layers, parameter and result shapes, loss, optimiser) read off the objects themselves.
/// torch_reference.py describes its objects the same way, and compare.py refuses to compare two workloads whose
/// descriptions differ, so both sides are known to do the same work.
/// </summary>
public sealed record WorkloadRun(Action Step, string Work);
