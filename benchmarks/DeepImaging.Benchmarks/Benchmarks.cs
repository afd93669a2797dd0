using BenchmarkDotNet.Attributes;

namespace DeepImaging.Benchmarks;

/// <summary>Square matrix products through the public <see cref="Tensor.MatMul"/>.</summary>
public class MatMulBenchmarks
{
    private Action run = () => { };

    /// <summary>The workload of this run (n = 256, 512, 1024).</summary>
    [ParamsSource(nameof(Cases))]
    public Workload Case { get; set; } = null!;

    /// <summary>The workloads BenchmarkDotNet iterates over.</summary>
    public static IEnumerable<Workload> Cases => Workloads.MatMul();

    /// <summary>Builds the inputs once per workload.</summary>
    [GlobalSetup]
    public void Setup() => run = Case.Prepare();

    /// <summary>One n x n product.</summary>
    [Benchmark]
    public void MatMul() => run();
}

/// <summary>Functional.Conv2d forward for typical course layer shapes, and forward + backward for one of them.</summary>
public class Conv2dBenchmarks
{
    private Action run = () => { };

    /// <summary>The workload of this run.</summary>
    [ParamsSource(nameof(Cases))]
    public Workload Case { get; set; } = null!;

    /// <summary>The workloads BenchmarkDotNet iterates over.</summary>
    public static IEnumerable<Workload> Cases => Workloads.Conv2d();

    /// <summary>Builds the inputs once per workload.</summary>
    [GlobalSetup]
    public void Setup() => run = Case.Prepare();

    /// <summary>One convolution (and its backward pass for the "fwd+bwd" case).</summary>
    [Benchmark]
    public void Conv2d() => run();
}

/// <summary>One SGD training step of a small CNN (DeepImaging.NN.Sequential).</summary>
public class TrainingBenchmarks
{
    private Action run = () => { };

    /// <summary>The workload of this run.</summary>
    [ParamsSource(nameof(Cases))]
    public Workload Case { get; set; } = null!;

    /// <summary>The workloads BenchmarkDotNet iterates over.</summary>
    public static IEnumerable<Workload> Cases => Workloads.Training();

    /// <summary>Builds the model and the batch once.</summary>
    [GlobalSetup]
    public void Setup() => run = Case.Prepare();

    /// <summary>Zero the gradients, forward, loss, backward, update.</summary>
    [Benchmark]
    public void TrainStep() => run();
}
