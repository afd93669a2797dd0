using System.Text.Json;

namespace DeepImaging.Notebooks.Tests.Kernels;

public sealed class KernelHostTests
{
    [Fact]
    public void The_kernel_process_runs_this_program_with_the_memory_limit_and_no_dotnet_telemetry()
    {
        var start = KernelHost.StartInfo("/tmp/channel", "/tmp", memoryLimitGigabytes: 2);

        Assert.Equal([typeof(KernelHost).Assembly.Location, KernelHost.Verb, "/tmp/channel"], start.ArgumentList);
        Assert.Equal("0x80000000", start.Environment["DOTNET_GCHeapHardLimit"]);
        Assert.Equal("1", start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"]);
        Assert.Equal("1", start.Environment["DOTNET_NOLOGO"]);
    }

    [Fact]
    public async Task The_kernels_garbage_collector_runs_with_the_memory_limit_and_an_8_mb_young_generation()
    {
        string folder = TestNotebooks.NewFolder();
        try
        {
            await using var kernel = await KernelProcess.StartAsync(folder, memoryLimitGigabytes: 1);
            // The GC's own view of its settings, from inside the kernel process (its young generation's budget is capped
            // at one 16 MB region without the setting).
            var result = await kernel.RunAsync(new KernelCell(1, "csharp",
                "var gc = GC.GetConfigurationVariables(); Console.Write($\"{gc[\"GCGen0MaxBudget\"]} {gc[\"GCHeapHardLimit\"]}\");"),
                TimeSpan.FromSeconds(100));

            Assert.True(result.Status == CellStatus.Succeeded, result.Error);
            Assert.Equal($"{8 << 20} {1L << 30}", result.OutputText);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_kernel_runs_without_dynamic_pgo_and_with_the_large_gc_regions()
    {
        // The runtime settings of the program the kernel process runs (its runtimeconfig.json beside the assembly).
        var config = Path.ChangeExtension(typeof(KernelHost).Assembly.Location, ".runtimeconfig.json");
        using var json = JsonDocument.Parse(File.ReadAllText(config));
        var properties = json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.False(properties.GetProperty("System.Runtime.TieredPGO").GetBoolean());
        Assert.Equal(16 << 20, properties.GetProperty("System.GC.RegionSize").GetInt32());
        Assert.Equal(8 << 20, properties.GetProperty("System.GC.LOHThreshold").GetInt32());
    }
}
