namespace DeepImaging.Notebooks.Tests.RealKernel;

/// <summary>
/// The real-kernel tests run alone, after the others: their Jupyter kernels would otherwise compete for the machine's
/// two cores with the runner's kernels and make the timing tests of the runner miss their few-second limits.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealKernelCollection
{
    public const string Name = "real kernel";
}
