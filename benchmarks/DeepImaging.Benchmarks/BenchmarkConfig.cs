using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace DeepImaging.Benchmarks;

/// <summary>
/// Default BenchmarkDotNet settings plus a GFLOP/s column and allocation counts. Reports go next to the
/// program (bin/.../BenchmarkDotNet.Artifacts) instead of the current folder, so the repository stays clean.
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    /// <summary>Adds the extra columns and sets the report folder.</summary>
    public BenchmarkConfig()
    {
        Add(DefaultConfig.Instance);
        AddColumn(new GflopsColumn());
        AddDiagnoser(MemoryDiagnoser.Default);
        SummaryStyle = SummaryStyle.Default.WithMaxParameterColumnWidth(45); // full workload names
        ArtifactsPath = Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts");
    }
}

/// <summary>Throughput of a workload: its <see cref="Workload.Flops"/> divided by the median time.</summary>
public sealed class GflopsColumn : IColumn
{
    /// <inheritdoc/>
    public string Id => nameof(GflopsColumn);
    /// <inheritdoc/>
    public string ColumnName => "GFLOP/s";
    /// <inheritdoc/>
    public bool AlwaysShow => true;
    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;
    /// <inheritdoc/>
    public int PriorityInCategory => 0;
    /// <inheritdoc/>
    public bool IsNumeric => true;
    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;
    /// <inheritdoc/>
    public string Legend => "Floating-point operations per second (multiply-add = 2), from the median time";

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var workload = benchmarkCase.Parameters.Items.Select(p => p.Value).OfType<Workload>().FirstOrDefault();
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        if (workload is null || statistics is null) return "NA";
        return (workload.Flops / statistics.Median).ToString("F1"); // flops per nanosecond = GFLOP/s
    }

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;
}
