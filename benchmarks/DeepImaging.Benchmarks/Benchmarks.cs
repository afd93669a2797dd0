using BenchmarkDotNet.Attributes;

namespace DeepImaging.Benchmarks;

/// <summary>sgemm-1024: a square matrix product through the public <see cref="Tensor.MatMul"/>.</summary>
public class MatMulBenchmarks
{
    private Action run = () => { };

    /// <summary>The workload of this run.</summary>
    [ParamsSource(nameof(Cases))]
    public Workload Case { get; set; } = null!;

    /// <summary>The workloads BenchmarkDotNet iterates over.</summary>
    public static IEnumerable<Workload> Cases => Workloads.MatMul();

    /// <summary>Builds the inputs once per workload.</summary>
    [GlobalSetup]
    public void Setup() => run = Case.Prepare().Step;

    /// <summary>One product.</summary>
    [Benchmark]
    public void MatMul() => run();
}

/// <summary>Functional.Conv2d forward for three layer shapes, and the input and weight gradients of one of them.</summary>
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
    public void Setup() => run = Case.Prepare().Step;

    /// <summary>One convolution, or one backward pass for conv2d-backward.</summary>
    [Benchmark]
    public void Conv2d() => run();
}

/// <summary>Training steps: LeNet-5, notebook 05's CNN and the notes' 2-4-2 network.</summary>
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
    public void Setup() => run = Case.Prepare().Step;

    /// <summary>Zero the gradients, forward, loss, backward, update.</summary>
    [Benchmark]
    public void TrainStep() => run();
}
